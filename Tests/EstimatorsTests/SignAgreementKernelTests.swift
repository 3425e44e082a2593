import Estimators
import NASCore
import TensorEngine
import Testing

/// NASWOT's kernel: the packed implementation against the engine's `SignAgreement` and against the definition.
@Suite("Sign-agreement kernel")
struct SignAgreementKernelTests {
    @Test("equals the engine's SignAgreement over tensors of several sizes", arguments: [1, 5, 64])
    func matchesEngine(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let batch = 7
        let ours = SignAgreementKernel(batchSize: batch)
        let engine = SignAgreement(batchSize: batch)
        for perSample in [1, 63, 64, 65, 200, 1024] {
            let tensor = Tensor.randomNormal(shape: [batch, perSample], using: &generator)
            ours.observe(tensor)
            engine.observe(tensor)
        }
        #expect(ours.units == engine.units)
        #expect(ours.matrix.entries == engine.matrix.flatMap { $0 })
    }

    @Test("zero and negative zero count as not positive; K_ij counts agreeing units")
    func definition() {
        let kernel = SignAgreementKernel(batchSize: 3)
        kernel.observe(Tensor(shape: [3, 4], scalars: [0, -0.0, 1, -2, 3, 4, 1, 1, -0.0, 0, -1, -1]))
        // codes: 0 0 1 0 / 1 1 1 1 / 0 0 0 0
        #expect(kernel.matrix.entries == [4, 1, 3, 1, 4, 0, 3, 0, 4])
        kernel.observe(Tensor(shape: [3, 1], doubleScalars: [1, 1, 1]).converted(to: .float64))
        #expect(kernel.units == 5)
        #expect(kernel.matrix.entries == [5, 2, 4, 2, 5, 1, 4, 1, 5])
    }
}
