extension Variable {
    /// The element-wise sum of two variables of one shape.
    public static func + (lhs: Variable, rhs: Variable) -> Variable { Variable.sum([lhs, rhs]) }

    /// The element-wise sum of one or more variables of one shape (a NAS cell node).
    public static func sum(_ terms: [Variable]) -> Variable {
        precondition(!terms.isEmpty, "sum of no variables")
        var total = terms[0].value
        if terms.count > 1 {
            total = terms[0].value + terms[1].value
            for term in terms.dropFirst(2) { total.add(term.value) }
        }
        return terms[0].tape.record(total, inputs: terms) { AddOperation(count: terms.count) }
    }

    /// self · 0: zeros of this shape whose gradient w.r.t. self is zero (NAS-Bench-201's "none" op).
    public func scaledByZero() -> Variable {
        tape.record(value.zerosLike(), inputs: [self]) { ScaleOperation(factor: 0) }
    }

    /// self · factor for a constant factor.
    public func scaled(by factor: Double) -> Variable {
        tape.record(value.scaled(by: factor), inputs: [self]) { ScaleOperation(factor: factor) }
    }

    /// The sum of all elements, as a one-element [1] variable (e.g. synflow's R = Σ outputs).
    public func sumAll() -> Variable {
        let total = Tensor(shape: [1], repeating: value.sum(), dtype: dtype)
        return tape.record(total, inputs: [self]) { SumAllOperation(inputShape: shape) }
    }

    /// The same values viewed with another shape (e.g. flatten [N, C, 1, 1] → [N, C]).
    public func reshaped(to newShape: [Int]) -> Variable {
        tape.record(value.reshaped(to: newShape), inputs: [self]) {
            ReshapeOperation(inputShape: shape, outputShape: newShape)
        }
    }
}

/// y = Σ xᵢ: every input receives g (and ġ).
struct AddOperation: DifferentiableOperation {
    let count: Int

    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?] { needs.map { $0 ? gradient : nil } }

    func tangent(_ t: [Tensor?]) -> Tensor? {
        t.reduce(nil as Tensor?) { sumOptional($0, $1) }
    }

    func backwardTangent(gradient: Tensor, gradientTangent: Tensor?, inputTangents: [Tensor?], needs: [Bool]) -> [Tensor?] {
        needs.map { $0 ? gradientTangent : nil }
    }
}

/// y = c·x for a constant c. With c = 0 the gradient is returned as nil, which the tape treats as exact zero.
struct ScaleOperation: DifferentiableOperation {
    let factor: Double

    private func apply(_ t: Tensor) -> Tensor? { factor == 0 ? nil : t.scaled(by: factor) }

    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?] { [needs[0] ? apply(gradient) : nil] }

    func tangent(_ t: [Tensor?]) -> Tensor? { t[0].flatMap(apply) }

    func backwardTangent(gradient: Tensor, gradientTangent: Tensor?, inputTangents: [Tensor?], needs: [Bool]) -> [Tensor?] {
        [needs[0] ? gradientTangent.flatMap(apply) : nil]
    }
}

/// y = Σ x: backward broadcasts the one-element gradient.
struct SumAllOperation: DifferentiableOperation {
    let inputShape: [Int]

    private func broadcast(_ g: Tensor) -> Tensor { Tensor(shape: inputShape, repeating: g[flat: 0], dtype: g.dtype) }

    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?] { [needs[0] ? broadcast(gradient) : nil] }

    func tangent(_ t: [Tensor?]) -> Tensor? {
        t[0].map { Tensor(shape: [1], repeating: $0.sum(), dtype: $0.dtype) }
    }

    func backwardTangent(gradient: Tensor, gradientTangent: Tensor?, inputTangents: [Tensor?], needs: [Bool]) -> [Tensor?] {
        [needs[0] ? gradientTangent.map(broadcast) : nil]
    }
}

/// A change of shape: gradients and tangents are reshaped back and forth.
struct ReshapeOperation: DifferentiableOperation {
    let inputShape: [Int]
    let outputShape: [Int]

    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?] {
        [needs[0] ? gradient.reshaped(to: inputShape) : nil]
    }

    func tangent(_ t: [Tensor?]) -> Tensor? { t[0]?.reshaped(to: outputShape) }

    func backwardTangent(gradient: Tensor, gradientTangent: Tensor?, inputTangents: [Tensor?], needs: [Bool]) -> [Tensor?] {
        [needs[0] ? gradientTangent?.reshaped(to: inputShape) : nil]
    }
}
