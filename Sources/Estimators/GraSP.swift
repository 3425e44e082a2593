import ImageData
import Networks
import SearchSpaces
import TensorEngine

/// `grasp`: gradient signal preservation, Σ −W ⊙ (H g) over every Conv/Linear weight at initialisation.
///
/// Wang, Zhang & Grosse, "Picking Winning Tickets Before Training by Preserving Gradient Flow", ICLR 2020; as a
/// NAS proxy, Abdelfattah, Mehrotra, Dudziak & Lane, "Zero-Cost Proxies for Lightweight NAS", ICLR 2021
/// (zero-cost-nas `grasp`, with its sign). g = ∂L/∂W and H = ∂²L/∂W² restricted to the Conv/Linear weights,
/// L = mean cross-entropy of one batch with batch statistics in batch norm; H g is computed exactly by
/// forward-over-reverse differentiation (`Tape.hessianVectorProduct`), where the reference differentiates
/// ⟨g, ∂L/∂W⟩ a second time. Mean over batches.
public struct GraSP: NetworkBatchEstimator {
    /// The options the score depends on.
    public let options: EstimatorOptions

    /// Creates the estimator.
    public init(options: EstimatorOptions) { self.options = options }

    /// `grasp`.
    public var id: String { "grasp" }

    /// −Σ W ⊙ H g for `network` on one batch.
    public func score(network: NB201Network, images: Tensor, labels: [Int]) -> Double {
        let weights = network.convolutionAndLinearWeights
        weights.zeroGradients()
        let tape = Tape()
        let loss = network(tape.input(images), training: true).softmaxCrossEntropy(labels: labels)
        tape.backward(loss)
        let gradients = weights.map { $0.grad ?? $0.value.zerosLike() }
        let products = tape.hessianVectorProduct(of: loss, parameters: weights, vectors: gradients)
        var total = 0.0
        for (weight, hg) in zip(weights, products) { total -= weight.value.dot(hg) }
        return total
    }
}
