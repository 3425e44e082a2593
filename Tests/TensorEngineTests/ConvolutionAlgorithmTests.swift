import NASCore
import TensorEngine
import Testing

/// Winograd F(4x4, 3x3) against float64 direct convolution and the PyTorch fixtures, and the automatic choice.
@Suite("Convolution algorithms", .serialized)
struct ConvolutionAlgorithmTests {
    struct Shape: CustomTestStringConvertible, Sendable {
        let batch, inChannels, outChannels, size: Int
        var testDescription: String { "N\(batch) \(inChannels)→\(outChannels)@\(size)" }
    }

    /// Runs `body` with `algorithm` selected, restoring the previous choice.
    static func with<R>(_ algorithm: ConvolutionAlgorithm, _ body: () throws -> R) rethrows -> R {
        let saved = EngineSettings.convolutionAlgorithm
        EngineSettings.convolutionAlgorithm = algorithm
        defer { EngineSettings.convolutionAlgorithm = saved }
        return try body()
    }

    @Test("Winograd forward, input and weight gradients match float64 direct convolution", arguments: [
        Shape(batch: 2, inChannels: 16, outChannels: 16, size: 32),
        Shape(batch: 3, inChannels: 32, outChannels: 32, size: 16),
        Shape(batch: 5, inChannels: 64, outChannels: 64, size: 8),
        Shape(batch: 9, inChannels: 16, outChannels: 24, size: 4),
        Shape(batch: 2, inChannels: 5, outChannels: 7, size: 12),
    ])
    func winogradMatchesDirect(_ s: Shape) {
        var generator = SeededGenerator(seed: 60)
        let x = Tensor.randomNormal(shape: [s.batch, s.inChannels, s.size, s.size], using: &generator)
        let w = Tensor.randomNormal(shape: [s.outChannels, s.inChannels, 3, 3], standardDeviation: 0.3,
                                    using: &generator)
        let g = Tensor.randomNormal(shape: [s.batch, s.outChannels, s.size, s.size], using: &generator)
        let (x64, w64, g64) = (x.converted(to: .float64), w.converted(to: .float64), g.converted(to: .float64))
        let (y, gx, gw) = Self.with(.winograd) {
            #expect(Tensor.convolutionUsesWinograd(inputShape: x.shape, weightShape: w.shape, stride: 1, padding: 1,
                                                   dtype: .float32))
            return (Tensor.conv2d(x, w, padding: 1),
                    Tensor.conv2dBackwardInput(g, w, inputShape: x.shape, padding: 1),
                    Tensor.conv2dBackwardWeight(x, g, kernel: 3, padding: 1))
        }
        #expect(relativeError(y, Tensor.conv2d(x64, w64, padding: 1)) < 2e-5)
        #expect(relativeError(gx, Tensor.conv2dBackwardInput(g64, w64, inputShape: x.shape, padding: 1)) < 2e-5)
        #expect(relativeError(gw, Tensor.conv2dBackwardWeight(x64, g64, kernel: 3, padding: 1)) < 2e-5)
    }

    @Test("Winograd on the PyTorch fixtures", arguments: ["conv3x3_s1_p1_wide", "conv3x3_s1_p1_8x8"])
    func winogradFixtures(name: String) throws {
        let f = try Fixture(name)
        try Self.with(.winograd) {
            let x = Parameter(name: "x", value: try f.tensor("x"))
            let w = Parameter(name: "w", value: try f.tensor("weight"))
            #expect(Tensor.convolutionUsesWinograd(inputShape: x.shape, weightShape: w.shape, stride: 1, padding: 1,
                                                   dtype: .float32))
            let tape = Tape()
            let y = tape.variable(x).conv2d(tape.variable(w), padding: 1)
            #expect(relativeError(y.value, try f.tensor("y")) < 1e-4)
            tape.backward(y, gradient: try f.tensor("g"))
            #expect(relativeError(x.grad!, try f.tensor("dx")) < 1e-4)
            #expect(relativeError(w.grad!, try f.tensor("dweight")) < 1e-4)
        }
    }

    @Test("automatic: Winograd for float32 3x3 s1 p1 with sides % 4 and ≥ 16 channels, direct otherwise")
    func automaticChoice() {
        Self.with(.automatic) {
            func uses(_ input: [Int], _ weight: [Int], stride: Int = 1, padding: Int = 1, dtype: DType = .float32) -> Bool {
                Tensor.convolutionUsesWinograd(inputShape: input, weightShape: weight, stride: stride, padding: padding,
                                               dtype: dtype)
            }
            #expect(uses([8, 32, 16, 16], [32, 32, 3, 3]))
            #expect(uses([8, 64, 8, 8], [64, 64, 3, 3]))
            #expect(uses([8, 16, 32, 32], [16, 16, 3, 3]))
            #expect(!uses([8, 3, 32, 32], [16, 3, 3, 3]))
            #expect(!uses([8, 64, 8, 8], [64, 64, 3, 3], dtype: .float64))
            #expect(!uses([8, 32, 16, 16], [64, 32, 3, 3], stride: 2))
            #expect(!uses([8, 32, 16, 16], [32, 32, 1, 1], padding: 0))
            #expect(!uses([8, 32, 10, 10], [32, 32, 3, 3]))
        }
        Self.with(.direct) {
            #expect(!Tensor.convolutionUsesWinograd(inputShape: [8, 64, 8, 8], weightShape: [64, 64, 3, 3], stride: 1,
                                                    padding: 1, dtype: .float32))
        }
    }
}
