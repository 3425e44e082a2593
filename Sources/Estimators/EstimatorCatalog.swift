/// Every estimator NASBench offers: one line each. The CLI, the database and the reports read this list.
public enum EstimatorCatalog {
    /// An entry: the estimator's id, a one-line summary, whether it needs input images, whether it is analytic,
    /// and how to build it.
    public struct Entry: Sendable {
        /// Stable id.
        public let id: String
        /// One-line summary for `--help`.
        public let summary: String
        /// Whether the estimator reads input batches.
        public let needsData: Bool
        /// Whether the score follows from the architecture alone, without building a network (microseconds per
        /// architecture), so `rank` may compute it on the fly instead of reading stored scores.
        public let isAnalytic: Bool
        /// Builds the estimator from options.
        public let make: @Sendable (EstimatorOptions) -> any Estimator

        /// Creates an entry.
        public init(id: String, summary: String, needsData: Bool, isAnalytic: Bool = false,
                    make: @escaping @Sendable (EstimatorOptions) -> any Estimator) {
            self.id = id
            self.summary = summary
            self.needsData = needsData
            self.isAnalytic = isAnalytic
            self.make = make
        }
    }

    /// The catalog, in the order `--help` lists it.
    public static let entries: [Entry] = [
        Entry(id: "params", summary: "parameter count (millions), NB201 convention", needsData: false, isAnalytic: true) { NetworkComplexity(.params, options: $0) },
        Entry(id: "flops", summary: "multiply-accumulates (millions), NB201 convention", needsData: false, isAnalytic: true) { NetworkComplexity(.flops, options: $0) },
        Entry(id: "relu_logdet", summary: "NASWOT: log|det| of the ReLU sign-agreement kernel (Mellor et al. 2021)", needsData: true) { NASWOT(options: $0) },
        Entry(id: "jacob_cov", summary: "input-Jacobian correlation eigenvalue score (Mellor et al. 2020 v1)", needsData: true) { JacobianCovariance(options: $0) },
        Entry(id: "synflow", summary: "synaptic flow of |θ|, data-free (Tanaka et al. 2020)", needsData: false) { SynFlow(options: $0) },
        Entry(id: "snip", summary: "Σ|W ⊙ ∂L/∂W| (Lee et al. 2019)", needsData: true) { SNIP(options: $0) },
        Entry(id: "grad_norm", summary: "Σ_layers ||∂L/∂W|| (Abdelfattah et al. 2021)", needsData: true) { GradNorm(options: $0) },
        Entry(id: "grasp", summary: "Σ −W ⊙ Hg (Wang et al. 2020)", needsData: true) { GraSP(options: $0) },
        Entry(id: "fisher", summary: "channel Fisher information of activations (Turner et al. 2020)", needsData: true) { Fisher(options: $0) },
        Entry(id: "plain", summary: "Σ ∂L/∂W ⊙ W (Abdelfattah et al. 2021)", needsData: true) { Plain(options: $0) },
    ]

    /// The entry with `id`, or nil.
    public static func entry(_ id: String) -> Entry? { entries.first { $0.id == id } }
}
