import TensorEngine

/// `grad_norm`: Σ over Conv/Linear layers of the Frobenius norm of ∂L/∂W at initialisation.
///
/// Abdelfattah, Mehrotra, Dudziak & Lane, "Zero-Cost Proxies for Lightweight NAS", ICLR 2021 (zero-cost-nas
/// `grad_norm`): score = Σ_layers ||∂L/∂W||_F, L = mean cross-entropy of one batch, batch statistics in batch
/// norm; mean over batches.
public struct GradNorm: WeightGradientEstimator {
    /// The options the score depends on.
    public let options: EstimatorOptions

    /// Creates the estimator.
    public init(options: EstimatorOptions) { self.options = options }

    /// `grad_norm`.
    public var id: String { "grad_norm" }

    /// Σ_layers ||∂L/∂W||_F.
    public func score(_ gradients: WeightGradients) -> Double {
        gradients.layers.reduce(0) { $0 + ($1.gradient?.squaredNorm().squareRoot() ?? 0) }
    }
}
