import Foundation

/// Adam with PyTorch's `torch.optim.Adam` semantics (L2 weight decay added to the gradient, bias-corrected
/// moments): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², θ ← θ − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε).
public final class Adam {
    /// The parameters updated by `step()`.
    public let parameters: [Parameter]
    /// The learning rate.
    public var learningRate: Double
    /// The decay of the first moment.
    public let beta1: Double
    /// The decay of the second moment.
    public let beta2: Double
    /// Added to the denominator.
    public let epsilon: Double
    /// The L2 weight decay.
    public let weightDecay: Double
    private var moments: [ObjectIdentifier: (first: [Double], second: [Double])] = [:]
    private var steps = 0

    /// Creates the optimiser.
    public init(parameters: [Parameter], learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8, weightDecay: Double = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// Updates every parameter that has a gradient.
    public func step() {
        steps += 1
        let correction1 = 1 - pow(beta1, Double(steps)), correction2 = 1 - pow(beta2, Double(steps))
        for parameter in parameters {
            guard let gradient = parameter.grad else { continue }
            let key = ObjectIdentifier(parameter)
            var values = parameter.value.doubleScalars
            let g = gradient.doubleScalars
            var (first, second) = moments[key] ?? ([Double](repeating: 0, count: g.count),
                                                  [Double](repeating: 0, count: g.count))
            for i in 0..<g.count {
                let d = g[i] + weightDecay * values[i]
                first[i] = beta1 * first[i] + (1 - beta1) * d
                second[i] = beta2 * second[i] + (1 - beta2) * d * d
                values[i] -= learningRate * (first[i] / correction1) / ((second[i] / correction2).squareRoot() + epsilon)
            }
            moments[key] = (first, second)
            parameter.value = Tensor(shape: parameter.shape, doubleScalars: values).converted(to: parameter.value.dtype)
        }
    }

    /// Forgets every parameter's gradient.
    public func zeroGradients() { parameters.zeroGradients() }
}
