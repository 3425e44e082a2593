/// A 2-D convolution layer without bias (square kernel), owning its weight [out, in, k, k].
public final class Conv2D {
    /// The weight, initialised Kaiming-normal (fan-out) as in NAS-Bench-201.
    public let weight: Parameter
    /// The stride in both directions.
    public let stride: Int
    /// The zero padding on every side.
    public let padding: Int

    /// Creates the layer with a seeded Kaiming-normal (fan-out) weight.
    public init<G: RandomNumberGenerator>(
        name: String, inChannels: Int, outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int? = nil,
        dtype: DType = .float32, using generator: inout G
    ) {
        weight = Parameter(name: name + ".weight", value: WeightInitialization.kaimingNormalFanOut(
            shape: [outChannels, inChannels, kernelSize, kernelSize], dtype: dtype, using: &generator))
        self.stride = stride
        self.padding = padding ?? (kernelSize - 1) / 2
    }

    /// Applies the convolution.
    public func callAsFunction(_ x: Variable) -> Variable {
        let output = x.conv2d(x.tape.variable(weight), stride: stride, padding: padding)
        return x.tape.layerOutputInterposer?(output, weight) ?? output
    }

    /// Applies ReLU then the convolution as one fused operation (NAS-Bench-201's ReLU→Conv): the same values
    /// and gradients as `self(x.relu())` without materialising the ReLU output.
    public func reluThenConvolve(_ x: Variable) -> Variable {
        let output = x.reluConv2d(x.tape.variable(weight), stride: stride, padding: padding)
        return x.tape.layerOutputInterposer?(output, weight) ?? output
    }

    /// The layer's parameters.
    public var parameters: [Parameter] { [weight] }
}

extension Variable {
    /// conv2d(self, weight): self [N, Cin, H, W], weight [Cout, Cin, k, k], no bias.
    public func conv2d(_ weight: Variable, stride: Int = 1, padding: Int = 0) -> Variable {
        let output = Tensor.conv2d(value, weight.value, stride: stride, padding: padding)
        return tape.record(output, inputs: [self, weight]) {
            Conv2DOperation(input: value, weight: weight.value, stride: stride, padding: padding)
        }
    }
}

extension Variable {
    /// conv2d(max(self, 0), weight) as one operation: the ReLU is applied while the convolution packs its input,
    /// so no ReLU output is stored (one memory pass and one activation tensor fewer per call). The tape's
    /// `reluObserver` sees `self` as a ReLU input, exactly as with `relu()` followed by `conv2d`.
    public func reluConv2d(_ weight: Variable, stride: Int = 1, padding: Int = 0) -> Variable {
        tape.reluObserver?(value)
        let output = Tensor.conv2d(value, weight.value, stride: stride, padding: padding, reluInput: true)
        return tape.record(output, inputs: [self, weight]) {
            ReLUConv2DOperation(input: value, weight: weight.value, stride: stride, padding: padding)
        }
    }
}

/// y = conv(relu(x), w). With m = [x > 0]: ∂x = m ⊙ convᵀ(g, w), ∂w = corr(relu(x), g); the tangent is
/// conv(m ⊙ ẋ, w) + conv(relu(x), ẇ); R{∂x} = m ⊙ (convᵀ(ġ, w) + convᵀ(g, ẇ)),
/// R{∂w} = corr(m ⊙ ẋ, g) + corr(relu(x), ġ) (m is locally constant).
struct ReLUConv2DOperation: DifferentiableOperation {
    let input: Tensor
    let weight: Tensor
    let stride: Int
    let padding: Int

    private func masked(_ t: Tensor) -> Tensor { Tensor.reluBackward(input: input, gradient: t) }

    private func inputGradient(_ g: Tensor, _ w: Tensor) -> Tensor {
        Tensor.conv2dBackwardInput(g, w, inputShape: input.shape, stride: stride, padding: padding)
    }

    private func weightGradient(_ x: Tensor, _ g: Tensor, relu: Bool) -> Tensor {
        Tensor.conv2dBackwardWeight(x, g, kernel: weight.shape[2], stride: stride, padding: padding, reluInput: relu)
    }

    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?] {
        [needs[0] ? masked(inputGradient(gradient, weight)) : nil,
         needs[1] ? weightGradient(input, gradient, relu: true) : nil]
    }

    func tangent(_ t: [Tensor?]) -> Tensor? {
        sumOptional(t[0].map { Tensor.conv2d(masked($0), weight, stride: stride, padding: padding) },
                    t[1].map { Tensor.conv2d(input, $0, stride: stride, padding: padding, reluInput: true) })
    }

    func backwardTangent(gradient: Tensor, gradientTangent: Tensor?, inputTangents t: [Tensor?], needs: [Bool]) -> [Tensor?] {
        let dx = needs[0] ? sumOptional(gradientTangent.map { inputGradient($0, weight) },
                                        t[1].map { inputGradient(gradient, $0) }).map(masked) : nil
        let dw = needs[1] ? sumOptional(t[0].map { weightGradient(masked($0), gradient, relu: false) },
                                        gradientTangent.map { weightGradient(input, $0, relu: true) }) : nil
        return [dx, dw]
    }
}

/// y = conv(x, w). Backward: ∂x = convᵀ(g, w), ∂w = corr(x, g). Both are linear in each argument, so the
/// tangent is conv(ẋ, w) + conv(x, ẇ) and R{∂x} = convᵀ(ġ, w) + convᵀ(g, ẇ), R{∂w} = corr(ẋ, g) + corr(x, ġ).
struct Conv2DOperation: DifferentiableOperation {
    let input: Tensor
    let weight: Tensor
    let stride: Int
    let padding: Int

    private func inputGradient(_ g: Tensor, _ w: Tensor) -> Tensor {
        Tensor.conv2dBackwardInput(g, w, inputShape: input.shape, stride: stride, padding: padding)
    }

    private func weightGradient(_ x: Tensor, _ g: Tensor) -> Tensor {
        Tensor.conv2dBackwardWeight(x, g, kernel: weight.shape[2], stride: stride, padding: padding)
    }

    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?] {
        [needs[0] ? inputGradient(gradient, weight) : nil, needs[1] ? weightGradient(input, gradient) : nil]
    }

    func tangent(_ t: [Tensor?]) -> Tensor? {
        sumOptional(t[0].map { Tensor.conv2d($0, weight, stride: stride, padding: padding) },
                    t[1].map { Tensor.conv2d(input, $0, stride: stride, padding: padding) })
    }

    func backwardTangent(gradient: Tensor, gradientTangent: Tensor?, inputTangents t: [Tensor?], needs: [Bool]) -> [Tensor?] {
        let dx = needs[0] ? sumOptional(gradientTangent.map { inputGradient($0, weight) },
                                        t[1].map { inputGradient(gradient, $0) }) : nil
        let dw = needs[1] ? sumOptional(t[0].map { weightGradient($0, gradient) },
                                        gradientTangent.map { weightGradient(input, $0) }) : nil
        return [dx, dw]
    }
}
