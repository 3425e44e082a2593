import ImageData
import Networks
import SearchSpaces
import TensorEngine

/// An estimator that scores the network built from the options on each labelled batch of the context, and
/// reports the mean over the batches.
public protocol NetworkBatchEstimator: Estimator {
    /// The options the score depends on.
    var options: EstimatorOptions { get }
    /// The score of `network` on one batch of images [B, C, H, W] with their labels.
    func score(network: NB201Network, images: Tensor, labels: [Int]) throws -> Double
}

extension NetworkBatchEstimator {
    /// Batch, batches, seed, network shape, initialisation and data.
    public var settings: EstimatorSettings { EstimatorSettings(options.commonSettings) }

    /// The mean over the context's batches of the score of the network built from `architecture`.
    public func score(_ architecture: NB201Architecture, context: ScoringContext) throws -> Double {
        let network = options.network(for: architecture, dataset: context.dataset)
        return try meanOverBatches(context) {
            try score(network: network, images: $0.imageTensor, labels: $0.labelIndices)
        }
    }
}
