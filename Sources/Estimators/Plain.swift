import TensorEngine

/// `plain`: the first-order Taylor term Σ ∂L/∂W ⊙ W (signed) over every Conv/Linear weight at initialisation.
///
/// Mozer & Smolensky, "Skeletonization", NeurIPS 1988, as the "plain" baseline of Abdelfattah, Mehrotra,
/// Dudziak & Lane, "Zero-Cost Proxies for Lightweight NAS", ICLR 2021 (zero-cost-nas `plain`):
/// score = Σ_layers Σ ∂L/∂W ⊙ W, L = mean cross-entropy of one batch, batch statistics in batch norm; mean over
/// batches.
public struct Plain: WeightGradientEstimator {
    /// The options the score depends on.
    public let options: EstimatorOptions

    /// Creates the estimator.
    public init(options: EstimatorOptions) { self.options = options }

    /// `plain`.
    public var id: String { "plain" }

    /// Σ_layers ⟨∂L/∂W, W⟩.
    public func score(_ gradients: WeightGradients) -> Double {
        var total = 0.0
        for layer in gradients.layers {
            if let gradient = layer.gradient { total += gradient.dot(layer.value) }
        }
        return total
    }
}
