import ImageData
import Networks
import SearchSpaces
import TensorEngine

/// `relu_logdet`: the NASWOT score, log|det K| of the ReLU sign-agreement kernel of one batch at initialisation.
///
/// Mellor, Turner, Storkey & Crowley, "Neural Architecture Search without Training", ICML 2021 (the second
/// version of arXiv:2006.04647). For every ReLU, each sample's binary code is c = [input > 0]; over all observed
/// units K_ij = Σ [c_i c_jᵀ + (1 − c_i)(1 − c_j)ᵀ], the number of units where samples i and j agree;
/// score = log|det K| (`slogdet(K)[1]`). Forward only, batch statistics in batch norm. A singular K (log det
/// −∞, e.g. a cell with no path from input to output) is a failure. With several batches the score is the
/// mean of the per-batch scores.
public struct NASWOT: Estimator {
    /// Which ReLUs contribute codes to K.
    public enum ReLUSelection: String, Sendable, CaseIterable {
        /// Every ReLU of the network with every edge evaluated, as both references: NASLib's `nwot` hooks every
        /// ReLU; the NASWOT repository hooks the ReLUs a backward pass reaches, which in NB201 is every ReLU
        /// (a `none` edge multiplies by zero, so the graph stays connected). Includes edges whose result is
        /// discarded and edges fed by a node that is always zero (a constant added to every entry of K).
        case all
        /// Only the ReLUs on live edges (on a path from the cell's input to its output), in the reduction blocks
        /// and before the classifier; the network then skips dead edges (about 13% fewer multiply-adds).
        case live
    }

    /// The options the score depends on.
    public let options: EstimatorOptions

    /// Creates the estimator.
    public init(options: EstimatorOptions) { self.options = options }

    /// `relu_logdet`.
    public var id: String { "relu_logdet" }

    /// Batch, batches, seed, network shape, initialisation, data, and the ReLU selection.
    public var settings: EstimatorSettings {
        EstimatorSettings(options.commonSettings.merging(["relus": .text(options.reluSelection.rawValue)]) { $1 })
    }

    /// The mean over the context's batches of log|det K| for the network built from `architecture`.
    public func score(_ architecture: NB201Architecture, context: ScoringContext) throws -> Double {
        let network = options.network(for: architecture, dataset: context.dataset,
                                      everyEdge: options.reluSelection == .all)
        return try meanOverBatches(context) { try score(network: network, images: $0.imageTensor) }
    }

    /// log|det K| of `network` on one batch of images [B, C, H, W] (its ReLUs are those the network evaluates).
    public func score(network: NB201Network, images: Tensor) throws -> Double {
        let kernel = try kernelMatrix(network: network, images: images)
        let value = kernel.logAbsoluteDeterminant()
        guard value.isFinite else { throw EstimatorFailure("relu_logdet: K is singular (log|det K| = \(value))") }
        return value
    }

    /// K for `network` on one batch: the sign agreements of every observed ReLU input, summed.
    public func kernelMatrix(network: NB201Network, images: Tensor) throws -> SquareMatrix {
        let batch = images.shape[0]
        let kernel = SignAgreement(batchSize: batch)
        let tape = Tape(recordsGradients: false)
        tape.reluObserver = { kernel.observe($0) }
        _ = network(tape.input(images), training: true)
        return SquareMatrix(order: batch, entries: kernel.agreements)
    }
}
