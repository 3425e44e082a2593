import NASCore
import TensorEngine

/// Central finite-difference checks of the tape's gradients and Hessian-vector products (float64).
enum GradientCheck {
    /// The largest error between the tape's ∂⟨f(θ), R⟩/∂θ and central differences with step `epsilon`, over
    /// every element of every parameter, relative to max(|numeric|, 1) per parameter. R is a fixed random
    /// tensor of the output's shape.
    static func maxGradientError(
        parameters: [Parameter], epsilon: Double = 1e-6, seed: UInt64 = 7, _ build: (Tape) -> Variable
    ) -> Double {
        parameters.zeroGradients()
        let tape = Tape()
        let output = build(tape)
        var generator = SeededGenerator(seed: seed)
        let weights = Tensor.randomNormal(shape: output.shape, dtype: output.dtype, using: &generator)
        tape.backward(output, gradient: weights)
        func objective() -> Double { build(Tape(recordsGradients: false)).value.dot(weights) }
        var worst = 0.0
        for parameter in parameters {
            let analytic = parameter.grad ?? parameter.value.zerosLike()
            var numeric = [Double](repeating: 0, count: parameter.value.count)
            for index in 0..<parameter.value.count {
                let original = parameter.value[flat: index]
                parameter.value[flat: index] = original + epsilon
                let plus = objective()
                parameter.value[flat: index] = original - epsilon
                let minus = objective()
                parameter.value[flat: index] = original
                numeric[index] = (plus - minus) / (2 * epsilon)
            }
            let scale = max(numeric.map(abs).max() ?? 0, 1)
            let error = zip(analytic.doubleScalars, numeric).map { abs($0 - $1) }.max() ?? 0
            worst = max(worst, error / scale)
        }
        return worst
    }

    /// The largest error between the tape's H·v and central differences of gradients,
    /// (∇L(θ + εv) − ∇L(θ − εv)) / 2ε, relative to max(|numeric|, 1) per parameter.
    static func maxHessianVectorError(
        parameters: [Parameter], vectors: [Tensor], epsilon: Double = 1e-5, _ loss: (Tape) -> Variable
    ) -> Double {
        let tape = Tape()
        let analytic = tape.hessianVectorProduct(of: loss(tape), parameters: parameters, vectors: vectors)
        func gradients() -> [Tensor] {
            parameters.zeroGradients()
            let tape = Tape()
            tape.backward(loss(tape))
            return parameters.map { $0.grad ?? $0.value.zerosLike() }
        }
        let originals = parameters.map(\.value)
        for (parameter, vector) in zip(parameters, vectors) { parameter.value.add(vector, scaledBy: epsilon) }
        let plus = gradients()
        for (parameter, original) in zip(parameters, originals) { parameter.value = original }
        for (parameter, vector) in zip(parameters, vectors) { parameter.value.add(vector, scaledBy: -epsilon) }
        let minus = gradients()
        for (parameter, original) in zip(parameters, originals) { parameter.value = original }
        parameters.zeroGradients()
        var worst = 0.0
        for index in parameters.indices {
            let numeric = zip(plus[index].doubleScalars, minus[index].doubleScalars).map { ($0 - $1) / (2 * epsilon) }
            let scale = max(numeric.map(abs).max() ?? 0, 1)
            let error = zip(analytic[index].doubleScalars, numeric).map { abs($0 - $1) }.max() ?? 0
            worst = max(worst, error / scale)
        }
        return worst
    }

    /// A float64 parameter of standard-normal values.
    static func parameter(_ name: String, _ shape: [Int], seed: UInt64, scale: Double = 1, offset: Double = 0) -> Parameter {
        var generator = SeededGenerator(seed: seed)
        return Parameter(name: name, value: Tensor.randomNormal(
            shape: shape, mean: offset, standardDeviation: scale, dtype: .float64, using: &generator))
    }
}
