/// Gradient-norm clipping with PyTorch's `clip_grad_norm_` semantics.
public enum GradientClipping {
    /// Scales every gradient by maxNorm / (‖g‖ + 1e-6) when the total 2-norm ‖g‖ over all parameters exceeds
    /// maxNorm; returns the total norm before clipping.
    @discardableResult
    public static func clipNorm(of parameters: [Parameter], maxNorm: Double) -> Double {
        let total = parameters.reduce(0.0) { $0 + ($1.grad?.squaredNorm() ?? 0) }.squareRoot()
        let factor = maxNorm / (total + 1e-6)
        if factor < 1 {
            for parameter in parameters { parameter.grad = parameter.grad?.scaled(by: factor) }
        }
        return total
    }
}
