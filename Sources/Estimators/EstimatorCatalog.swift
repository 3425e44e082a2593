/// Every estimator NASBench offers: one line each. The CLI, the database and the reports read this list.
public enum EstimatorCatalog {
    /// An entry: the estimator's id, a one-line summary, whether it needs input images, and how to build it.
    public struct Entry: Sendable {
        /// Stable id.
        public let id: String
        /// One-line summary for `--help`.
        public let summary: String
        /// Whether the estimator reads input batches.
        public let needsData: Bool
        /// Builds the estimator from options.
        public let make: @Sendable (EstimatorOptions) -> any Estimator
    }

    /// The catalog, in the order `--help` lists it.
    public static let entries: [Entry] = [
        Entry(id: "params", summary: "parameter count (millions), NB201 convention", needsData: false) { NetworkComplexity(.params, options: $0) },
        Entry(id: "flops", summary: "multiply-accumulates (millions), NB201 convention", needsData: false) { NetworkComplexity(.flops, options: $0) },
    ]

    /// The entry with `id`, or nil.
    public static func entry(_ id: String) -> Entry? { entries.first { $0.id == id } }
}
