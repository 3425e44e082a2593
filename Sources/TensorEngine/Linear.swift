/// A fully connected layer y = x·Wᵀ + b with W [out, in], b [out] (PyTorch `nn.Linear`).
public final class Linear {
    /// The weight [out, in], PyTorch default init U(±1/√in).
    public let weight: Parameter
    /// The bias [out], PyTorch default init U(±1/√in).
    public let bias: Parameter

    /// Creates the layer with PyTorch's default seeded initialisation.
    public init<G: RandomNumberGenerator>(name: String, inFeatures: Int, outFeatures: Int, dtype: DType = .float32,
                                          using generator: inout G) {
        weight = Parameter(name: name + ".weight", value: WeightInitialization.pytorchDefaultWeight(
            shape: [outFeatures, inFeatures], dtype: dtype, using: &generator))
        bias = Parameter(name: name + ".bias", value: WeightInitialization.pytorchDefaultBias(
            count: outFeatures, fanIn: inFeatures, dtype: dtype, using: &generator))
    }

    /// Applies the layer to x [N, in].
    public func callAsFunction(_ x: Variable) -> Variable {
        let output = x.linear(weight: x.tape.variable(weight), bias: x.tape.variable(bias))
        return x.tape.layerOutputInterposer?(output, weight) ?? output
    }

    /// The layer's parameters.
    public var parameters: [Parameter] { [weight, bias] }
}

extension Variable {
    /// self·Wᵀ + b for self [N, in], weight [out, in], bias [out] (optional).
    public func linear(weight: Variable, bias: Variable?) -> Variable {
        precondition(shape.count == 2 && weight.shape.count == 2 && shape[1] == weight.shape[1],
                     "linear: input \(shape) and weight \(weight.shape) do not match")
        var output = Tensor.matmul(value, weight.value, transposeB: true)
        if let bias { output = output.addingRowVector(bias.value) }
        let inputs = [self, weight] + (bias.map { [$0] } ?? [])
        return tape.record(output, inputs: inputs) {
            LinearOperation(input: value, weight: weight.value, hasBias: bias != nil)
        }
    }
}

extension Tensor {
    /// self [N, M] + v [M] broadcast over rows.
    func addingRowVector(_ vector: Tensor) -> Tensor {
        let (rows, columns) = (shape[0], shape[1])
        precondition(vector.count == columns && vector.dtype == dtype, "row vector of \(columns) expected")
        var result = self
        result.makeUnique()
        withExtendedLifetime((result, vector)) {
            for r in 0..<rows {
                for c in 0..<columns {
                    switch dtype {
                    case .float32: result.floats[r * columns + c] += vector.floats[c]
                    case .float64: result.doubles[r * columns + c] += vector.doubles[c]
                    }
                }
            }
        }
        return result
    }

    /// Σ over rows of [N, M] → [M].
    func columnSums() -> Tensor {
        let (rows, columns) = (shape[0], shape[1])
        var sums = [Double](repeating: 0, count: columns)
        withExtendedLifetime(self) {
            for r in 0..<rows {
                for c in 0..<columns {
                    sums[c] += dtype == .float32 ? Double(floats[r * columns + c]) : doubles[r * columns + c]
                }
            }
        }
        return Tensor(shape: [columns], doubleScalars: sums).converted(to: dtype)
    }
}

/// y = x·Wᵀ + b. Backward: ∂x = g·W, ∂W = gᵀ·x, ∂b = Σ_rows g. Bilinear in (x, W), so
/// ẏ = ẋWᵀ + xẆᵀ + ḃ, R{∂x} = ġW + gẆ, R{∂W} = ġᵀx + gᵀẋ, R{∂b} = Σ ġ.
struct LinearOperation: DifferentiableOperation {
    let input: Tensor
    let weight: Tensor
    let hasBias: Bool

    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?] {
        var result: [Tensor?] = [
            needs[0] ? Tensor.matmul(gradient, weight) : nil,
            needs[1] ? Tensor.matmul(gradient, input, transposeA: true) : nil,
        ]
        if hasBias { result.append(needs[2] ? gradient.columnSums() : nil) }
        return result
    }

    func tangent(_ t: [Tensor?]) -> Tensor? {
        var result = sumOptional(t[0].map { Tensor.matmul($0, weight, transposeB: true) },
                                 t[1].map { Tensor.matmul(input, $0, transposeB: true) })
        if hasBias, let biasDot = t[2] {
            result = (result ?? Tensor.zeros([input.shape[0], weight.shape[0]], dtype: input.dtype))
                .addingRowVector(biasDot)
        }
        return result
    }

    func backwardTangent(gradient: Tensor, gradientTangent: Tensor?, inputTangents t: [Tensor?], needs: [Bool]) -> [Tensor?] {
        var result: [Tensor?] = [
            needs[0] ? sumOptional(gradientTangent.map { Tensor.matmul($0, weight) },
                                   t[1].map { Tensor.matmul(gradient, $0) }) : nil,
            needs[1] ? sumOptional(gradientTangent.map { Tensor.matmul($0, input, transposeA: true) },
                                   t[0].map { Tensor.matmul(gradient, $0, transposeA: true) }) : nil,
        ]
        if hasBias { result.append(needs[2] ? gradientTangent?.columnSums() : nil) }
        return result
    }
}
