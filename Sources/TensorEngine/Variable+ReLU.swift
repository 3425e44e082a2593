extension Variable {
    /// max(self, 0). The tape's `reluObserver` sees the input first (its sign pattern is NASWOT's code).
    public func relu() -> Variable {
        tape.reluObserver?(value)
        let output = value.relu()
        return tape.record(output, inputs: [self]) { ReLUOperation(input: value) }
    }
}

/// y = x ⊙ [x > 0]. The mask is locally constant, so backward, tangent and R-backward all apply it.
struct ReLUOperation: DifferentiableOperation {
    let input: Tensor

    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?] {
        [needs[0] ? Tensor.reluBackward(input: input, gradient: gradient) : nil]
    }

    func tangent(_ t: [Tensor?]) -> Tensor? { t[0].map { Tensor.reluBackward(input: input, gradient: $0) } }

    func backwardTangent(gradient: Tensor, gradientTangent: Tensor?, inputTangents: [Tensor?], needs: [Bool]) -> [Tensor?] {
        [needs[0] ? gradientTangent.map { Tensor.reluBackward(input: input, gradient: $0) } : nil]
    }
}
