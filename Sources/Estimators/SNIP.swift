import TensorEngine

/// `snip`: the connection sensitivity Σ |W ⊙ ∂L/∂W| over every Conv/Linear weight at initialisation.
///
/// Lee, Ajanthan & Torr, "SNIP: Single-shot Network Pruning based on Connection Sensitivity", ICLR 2019; as a
/// NAS proxy, Abdelfattah, Mehrotra, Dudziak & Lane, "Zero-Cost Proxies for Lightweight NAS", ICLR 2021
/// (zero-cost-nas `snip`: the gradient of L with respect to a multiplicative mask of ones, which is W ⊙ ∂L/∂W).
/// L = mean cross-entropy of one batch, batch statistics in batch norm; mean over batches.
public struct SNIP: WeightGradientEstimator {
    /// The options the score depends on.
    public let options: EstimatorOptions

    /// Creates the estimator.
    public init(options: EstimatorOptions) { self.options = options }

    /// `snip`.
    public var id: String { "snip" }

    /// Σ_layers Σ |W ⊙ ∂L/∂W|.
    public func score(_ gradients: WeightGradients) -> Double {
        var total = 0.0
        for layer in gradients.layers {
            guard let gradient = layer.gradient?.doubleScalars else { continue }
            for (w, g) in zip(layer.value.doubleScalars, gradient) { total += abs(w * g) }
        }
        return total
    }
}
