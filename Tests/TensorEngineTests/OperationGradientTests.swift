import NASCore
import TensorEngine
import Testing

/// Every primitive's backward (input AND parameter gradients) against central finite differences in float64.
@Suite("Gradients match central finite differences (float64)")
struct OperationGradientTests {
    static let tolerance = 1e-6

    struct ConvCase: CustomTestStringConvertible, Sendable {
        let batch, inChannels, size, outChannels, kernel, stride, padding: Int
        var testDescription: String { "\(inChannels)→\(outChannels) \(kernel)x\(kernel) s\(stride) p\(padding) @\(size)" }
    }

    @Test("conv2d", arguments: [
        ConvCase(batch: 2, inChannels: 3, size: 5, outChannels: 4, kernel: 3, stride: 1, padding: 1),
        ConvCase(batch: 2, inChannels: 2, size: 7, outChannels: 3, kernel: 3, stride: 2, padding: 1),
        ConvCase(batch: 2, inChannels: 3, size: 4, outChannels: 5, kernel: 1, stride: 1, padding: 0),
        ConvCase(batch: 1, inChannels: 2, size: 8, outChannels: 3, kernel: 3, stride: 1, padding: 1),
        ConvCase(batch: 2, inChannels: 2, size: 6, outChannels: 2, kernel: 3, stride: 1, padding: 0),
        ConvCase(batch: 1, inChannels: 2, size: 6, outChannels: 2, kernel: 1, stride: 2, padding: 0),
    ])
    func conv2d(_ c: ConvCase) {
        let x = GradientCheck.parameter("x", [c.batch, c.inChannels, c.size, c.size], seed: 1)
        let w = GradientCheck.parameter("w", [c.outChannels, c.inChannels, c.kernel, c.kernel], seed: 2)
        let error = GradientCheck.maxGradientError(parameters: [x, w]) { tape in
            tape.variable(x).conv2d(tape.variable(w), stride: c.stride, padding: c.padding)
        }
        #expect(error < Self.tolerance)
    }

    @Test("fused ReLU→conv2d", arguments: [
        ConvCase(batch: 2, inChannels: 3, size: 5, outChannels: 4, kernel: 3, stride: 1, padding: 1),
        ConvCase(batch: 2, inChannels: 2, size: 7, outChannels: 3, kernel: 3, stride: 2, padding: 1),
        ConvCase(batch: 2, inChannels: 3, size: 4, outChannels: 5, kernel: 1, stride: 1, padding: 0),
        ConvCase(batch: 1, inChannels: 2, size: 8, outChannels: 3, kernel: 3, stride: 1, padding: 1),
    ])
    func reluConv2d(_ c: ConvCase) {
        let x = GradientCheck.parameter("x", [c.batch, c.inChannels, c.size, c.size], seed: 23)
        for index in 0..<x.value.count where abs(x.value[flat: index]) < 1e-3 { x.value[flat: index] = 0.5 }
        let w = GradientCheck.parameter("w", [c.outChannels, c.inChannels, c.kernel, c.kernel], seed: 24)
        let error = GradientCheck.maxGradientError(parameters: [x, w]) { tape in
            tape.variable(x).reluConv2d(tape.variable(w), stride: c.stride, padding: c.padding)
        }
        #expect(error < Self.tolerance)
    }

    @Test("batch norm, training mode, affine and not", arguments: [true, false])
    func batchNormTraining(affine: Bool) {
        let x = GradientCheck.parameter("x", [3, 2, 3, 4], seed: 3, scale: 2, offset: 0.5)
        let gamma = GradientCheck.parameter("gamma", [2], seed: 4, offset: 1)
        let beta = GradientCheck.parameter("beta", [2], seed: 5)
        let parameters = affine ? [x, gamma, beta] : [x]
        let error = GradientCheck.maxGradientError(parameters: parameters) { tape in
            tape.variable(x).batchNorm(weight: affine ? tape.variable(gamma) : nil,
                                       bias: affine ? tape.variable(beta) : nil).output
        }
        #expect(error < Self.tolerance)
    }

    @Test("batch norm, evaluation mode (running statistics)")
    func batchNormEvaluation() {
        let x = GradientCheck.parameter("x", [2, 3, 3, 3], seed: 6)
        let gamma = GradientCheck.parameter("gamma", [3], seed: 7, offset: 1)
        let beta = GradientCheck.parameter("beta", [3], seed: 8)
        let error = GradientCheck.maxGradientError(parameters: [x, gamma, beta]) { tape in
            tape.variable(x).batchNorm(weight: tape.variable(gamma), bias: tape.variable(beta),
                                       mean: [0.1, -0.2, 0.3], variance: [0.5, 1.5, 2.0])
        }
        #expect(error < Self.tolerance)
    }

    @Test("ReLU (inputs kept away from the kink)")
    func relu() {
        let x = GradientCheck.parameter("x", [2, 3, 4, 4], seed: 9)
        for index in 0..<x.value.count where abs(x.value[flat: index]) < 1e-3 { x.value[flat: index] = 0.5 }
        let error = GradientCheck.maxGradientError(parameters: [x]) { tape in tape.variable(x).relu() }
        #expect(error < Self.tolerance)
    }

    @Test("average pooling", arguments: [(3, 1, 1, false), (2, 2, 0, true), (3, 2, 1, true), (3, 2, 1, false)])
    func averagePool(kernel: Int, stride: Int, padding: Int, includePadding: Bool) {
        let x = GradientCheck.parameter("x", [2, 2, 5, 6], seed: 10)
        let error = GradientCheck.maxGradientError(parameters: [x]) { tape in
            tape.variable(x).averagePool(kernel: kernel, stride: stride, padding: padding,
                                         countIncludePadding: includePadding)
        }
        #expect(error < Self.tolerance)
    }

    @Test("global average pooling")
    func globalAveragePool() {
        let x = GradientCheck.parameter("x", [3, 2, 4, 5], seed: 11)
        let error = GradientCheck.maxGradientError(parameters: [x]) { tape in tape.variable(x).globalAveragePool() }
        #expect(error < Self.tolerance)
    }

    @Test("linear with bias")
    func linear() {
        let x = GradientCheck.parameter("x", [4, 5], seed: 12)
        let w = GradientCheck.parameter("w", [3, 5], seed: 13)
        let b = GradientCheck.parameter("b", [3], seed: 14)
        let error = GradientCheck.maxGradientError(parameters: [x, w, b]) { tape in
            tape.variable(x).linear(weight: tape.variable(w), bias: tape.variable(b))
        }
        #expect(error < Self.tolerance)
    }

    @Test("add, shared inputs accumulate")
    func add() {
        let x = GradientCheck.parameter("x", [2, 3, 2, 2], seed: 15)
        let y = GradientCheck.parameter("y", [2, 3, 2, 2], seed: 16)
        let error = GradientCheck.maxGradientError(parameters: [x, y]) { tape in
            let a = tape.variable(x), b = tape.variable(y)
            return Variable.sum([a, b.relu(), a.scaled(by: 3)]) + a
        }
        #expect(error < Self.tolerance)
    }

    @Test("scale by zero gives zero output and zero input gradient")
    func scaleByZero() {
        let x = GradientCheck.parameter("x", [2, 2, 3, 3], seed: 17)
        let tape = Tape()
        let output = tape.variable(x).scaledByZero()
        #expect(output.value.doubleScalars.allSatisfy { $0 == 0 })
        let error = GradientCheck.maxGradientError(parameters: [x]) { tape in
            let v = tape.variable(x)
            return v.scaledByZero() + v.relu()
        }
        #expect(error < Self.tolerance)
        x.zeroGradient()
        let only = Tape()
        only.backward(only.variable(x).scaledByZero().sumAll())
        #expect((x.grad ?? x.value.zerosLike()).doubleScalars.allSatisfy { $0 == 0 })
    }

    @Test("softmax cross-entropy (mean over the batch)")
    func crossEntropy() {
        let z = GradientCheck.parameter("z", [5, 4], seed: 18, scale: 2)
        let error = GradientCheck.maxGradientError(parameters: [z]) { tape in
            tape.variable(z).softmaxCrossEntropy(labels: [0, 3, 1, 1, 2])
        }
        #expect(error < Self.tolerance)
    }

    @Test("sum and reshape")
    func sumAndReshape() {
        let x = GradientCheck.parameter("x", [2, 3, 1, 1], seed: 19)
        let error = GradientCheck.maxGradientError(parameters: [x]) { tape in
            tape.variable(x).reshaped(to: [2, 3]).relu().sumAll()
        }
        #expect(error < Self.tolerance)
    }

    @Test("input gradient of a data tensor (jacob_cov's ∂Σlogits/∂x)")
    func inputGradient() {
        var generator = SeededGenerator(seed: 20)
        let data = Tensor.randomNormal(shape: [2, 2, 4, 4], dtype: .float64, using: &generator)
        let w = GradientCheck.parameter("w", [3, 2, 3, 3], seed: 21)
        let fc = GradientCheck.parameter("fc", [4, 3], seed: 22)
        func network(_ tape: Tape, _ input: Variable) -> Variable {
            input.conv2d(tape.variable(w), padding: 1).relu().globalAveragePool()
                .linear(weight: tape.variable(fc), bias: nil).sumAll()
        }
        let tape = Tape()
        let x = tape.input(data, requiresGradient: true)
        tape.backward(network(tape, x))
        let analytic = x.gradient!
        var worst = 0.0
        for index in 0..<data.count {
            var plus = data, minus = data
            plus[flat: index] += 1e-6
            minus[flat: index] -= 1e-6
            let plusTape = Tape(recordsGradients: false), minusTape = Tape(recordsGradients: false)
            let fPlus = network(plusTape, plusTape.input(plus)).value[flat: 0]
            let fMinus = network(minusTape, minusTape.input(minus)).value[flat: 0]
            worst = max(worst, abs((fPlus - fMinus) / 2e-6 - analytic[flat: index]))
        }
        #expect(worst < 1e-7)
    }
}
