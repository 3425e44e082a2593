import ImageData
import Networks
import SearchSpaces
import TensorEngine

/// Every Conv/Linear weight of a network with its gradient of the cross-entropy of one batch, at initialisation
/// (batch statistics in batch norm): what snip, grad_norm and plain read (Abdelfattah et al., ICLR 2021).
public struct WeightGradients {
    /// One weight tensor and ∂L/∂W (nil where the loss does not depend on the weight).
    public struct Layer {
        /// The weight W.
        public let value: Tensor
        /// ∂L/∂W, nil where no gradient reaches the weight (an edge whose result is discarded).
        public let gradient: Tensor?
    }

    /// The layers, in the network's parameter order.
    public let layers: [Layer]

    /// One forward and backward pass of L = mean cross-entropy of `network` on `images` and `labels`.
    public init(network: NB201Network, images: Tensor, labels: [Int]) {
        let weights = network.convolutionAndLinearWeights
        weights.zeroGradients()
        let tape = Tape()
        let loss = network(tape.input(images), training: true).softmaxCrossEntropy(labels: labels)
        tape.backward(loss)
        layers = weights.map { Layer(value: $0.value, gradient: $0.grad) }
    }
}

/// An estimator computed from `WeightGradients` alone: estimators of this kind with equal options share one
/// network and one backward pass per batch when scored together (`JointScoring`).
public protocol WeightGradientEstimator: NetworkBatchEstimator {
    /// The score of one batch.
    func score(_ gradients: WeightGradients) -> Double
}

extension WeightGradientEstimator {
    /// The score of the weight gradients of `network` on one batch.
    public func score(network: NB201Network, images: Tensor, labels: [Int]) -> Double {
        score(WeightGradients(network: network, images: images, labels: labels))
    }
}
