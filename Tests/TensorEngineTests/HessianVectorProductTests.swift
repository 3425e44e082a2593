import NASCore
import TensorEngine
import Testing

/// The tape's exact H·v (forward-over-reverse) against central differences of gradients and PyTorch's
/// double backward.
@Suite("Hessian-vector products")
struct HessianVectorProductTests {
    /// A small float64 network exercising every primitive between the weights and a cross-entropy loss.
    final class SmallNetwork {
        let conv1 = GradientCheck.parameter("conv1", [4, 2, 3, 3], seed: 31, scale: 0.5)
        let gamma = GradientCheck.parameter("gamma", [4], seed: 32, scale: 0.2, offset: 1)
        let beta = GradientCheck.parameter("beta", [4], seed: 33, scale: 0.1)
        let conv2 = GradientCheck.parameter("conv2", [5, 4, 1, 1], seed: 34, scale: 0.5)
        let conv3 = GradientCheck.parameter("conv3", [5, 4, 3, 3], seed: 35, scale: 0.3)
        let fcWeight = GradientCheck.parameter("fc.weight", [3, 5], seed: 36, scale: 0.5)
        let fcBias = GradientCheck.parameter("fc.bias", [3], seed: 37, scale: 0.1)
        let input: Tensor
        let labels = [0, 2, 1]
        let batchNormTraining: Bool

        init(batchNormTraining: Bool) {
            self.batchNormTraining = batchNormTraining
            var generator = SeededGenerator(seed: 38)
            input = Tensor.randomNormal(shape: [3, 2, 6, 6], dtype: .float64, using: &generator)
        }

        var parameters: [Parameter] { [conv1, gamma, beta, conv2, conv3, fcWeight, fcBias] }

        func loss(_ tape: Tape) -> Variable {
            let x = tape.input(input)
            var h = x.conv2d(tape.variable(conv1), padding: 1)
            if batchNormTraining {
                h = h.batchNorm(weight: tape.variable(gamma), bias: tape.variable(beta)).output
            } else {
                h = h.batchNorm(weight: tape.variable(gamma), bias: tape.variable(beta),
                                mean: [0.1, 0, -0.1, 0.2], variance: [1.2, 0.8, 1, 2])
            }
            let activated = h.relu()
            let pooled = activated.averagePool(kernel: 3, stride: 1, padding: 1)
            let branch = pooled.conv2d(tape.variable(conv2))
            let strided = h.averagePool(kernel: 2, stride: 2).reluConv2d(tape.variable(conv3), stride: 1, padding: 1)
            let shortcut = branch.averagePool(kernel: 2, stride: 2)
            var merged = Variable.sum([strided, shortcut, shortcut.scaledByZero()])
            if batchNormTraining { merged = merged.batchNorm(weight: nil, bias: nil).output }
            return merged.relu().globalAveragePool().linear(weight: tape.variable(fcWeight), bias: tape.variable(fcBias))
                .softmaxCrossEntropy(labels: labels)
        }
    }

    @Test("H·v matches central differences of gradients", arguments: [true, false])
    func smallNetwork(batchNormTraining: Bool) {
        let network = SmallNetwork(batchNormTraining: batchNormTraining)
        var generator = SeededGenerator(seed: 39)
        let vectors = network.parameters.map {
            Tensor.randomNormal(shape: $0.shape, dtype: .float64, using: &generator)
        }
        let error = GradientCheck.maxHessianVectorError(parameters: network.parameters, vectors: vectors,
                                                        network.loss)
        #expect(error < 1e-6)
    }

    @Test("grasp's H·g: v = the gradient itself")
    func hessianTimesGradient() {
        let network = SmallNetwork(batchNormTraining: true)
        let tape = Tape()
        tape.backward(network.loss(tape))
        let gradients = network.parameters.map { $0.grad! }
        let error = GradientCheck.maxHessianVectorError(parameters: network.parameters, vectors: gradients,
                                                        network.loss)
        #expect(error < 1e-6)
    }

    @Test("H·v of a single op chain: BN alone, training mode, non-affine, in a quadratic-free loss")
    func batchNormOnly() {
        let x = GradientCheck.parameter("x", [3, 2, 2, 3], seed: 40, scale: 1.5)
        let w = GradientCheck.parameter("w", [4, 12], seed: 41)
        var generator = SeededGenerator(seed: 42)
        let vectors = [Tensor.randomNormal(shape: x.shape, dtype: .float64, using: &generator),
                       Tensor.randomNormal(shape: w.shape, dtype: .float64, using: &generator)]
        let error = GradientCheck.maxHessianVectorError(parameters: [x, w], vectors: vectors) { tape in
            tape.variable(x).batchNorm(weight: nil, bias: nil).output.reshaped(to: [3, 12])
                .linear(weight: tape.variable(w), bias: nil).softmaxCrossEntropy(labels: [1, 0, 3])
        }
        #expect(error < 1e-6)
    }

    @Test("H·v matches PyTorch double backward (network_hvp fixture)")
    func pytorchNetwork() throws {
        let fixture = try Fixture("network_hvp")
        let names = ["conv1", "gamma", "beta", "conv2", "fc_w", "fc_b"]
        let parameters = try names.map { Parameter(name: $0, value: try fixture.tensor($0, dtype: .float64)) }
        let x = try fixture.tensor("x", dtype: .float64)
        let labels = try fixture.ints("labels")
        func loss(_ tape: Tape) -> Variable {
            let p = parameters.map { tape.variable($0) }
            return tape.input(x).conv2d(p[0], padding: 1).batchNorm(weight: p[1], bias: p[2]).output.relu()
                .averagePool(kernel: 3, stride: 1, padding: 1).conv2d(p[3])
                .batchNorm(weight: nil, bias: nil).output.globalAveragePool()
                .linear(weight: p[4], bias: p[5]).softmaxCrossEntropy(labels: labels)
        }
        let tape = Tape()
        let value = loss(tape)
        #expect(abs(value.value[flat: 0] - (try fixture.double("loss"))) < 1e-8)
        tape.backward(value)
        let vectors = try names.map { try fixture.tensor("v_" + $0, dtype: .float64) }
        let hvp = Tape()
        let products = hvp.hessianVectorProduct(of: loss(hvp), parameters: parameters, vectors: vectors)
        for (index, name) in names.enumerated() {
            #expect(relativeError(parameters[index].grad!, try fixture.tensor("grad_" + name, dtype: .float64)) < 1e-7,
                    "gradient of \(name)")
            #expect(relativeError(products[index], try fixture.tensor("hvp_" + name, dtype: .float64)) < 1e-7,
                    "H·v of \(name)")
        }
    }
}
