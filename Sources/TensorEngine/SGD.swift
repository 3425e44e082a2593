/// Stochastic gradient descent with momentum, Nesterov momentum and L2 weight decay, with PyTorch's
/// `torch.optim.SGD` semantics (dampening 0):
/// d = g + λθ; b ← d on the first step, else b ← μ·b + d; step = d + μ·b (Nesterov) or b; θ ← θ − lr·step.
public final class SGD {
    /// The parameters updated by `step()`.
    public let parameters: [Parameter]
    /// The learning rate (change it between steps for a schedule).
    public var learningRate: Double
    /// The momentum factor μ.
    public let momentum: Double
    /// The L2 weight decay λ.
    public let weightDecay: Double
    /// Whether to use Nesterov momentum.
    public let nesterov: Bool
    private var buffers: [ObjectIdentifier: Tensor] = [:]

    /// Creates the optimiser.
    public init(parameters: [Parameter], learningRate: Double, momentum: Double = 0, weightDecay: Double = 0,
                nesterov: Bool = false) {
        precondition(!nesterov || momentum > 0, "Nesterov momentum needs momentum > 0")
        self.parameters = parameters
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    /// Updates every parameter that has a gradient.
    public func step() {
        for parameter in parameters {
            guard var direction = parameter.grad else { continue }
            if weightDecay != 0 { direction.add(parameter.value, scaledBy: weightDecay) }
            if momentum != 0 {
                let key = ObjectIdentifier(parameter)
                var buffer: Tensor
                if var previous = buffers[key] {
                    buffers[key] = nil
                    previous = previous.scaled(by: momentum)
                    previous.add(direction)
                    buffer = previous
                } else {
                    buffer = direction
                }
                buffers[key] = buffer
                if nesterov { direction.add(buffer, scaledBy: momentum) } else { direction = buffer }
            }
            parameter.value.add(direction, scaledBy: -learningRate)
        }
    }

    /// Forgets every parameter's gradient.
    public func zeroGradients() { parameters.zeroGradients() }
}
