import NASCore
import TensorEngine
import Testing

/// The two compiled kernel copies, the threading paths and NB201-sized shapes against a plain reference.
/// Tolerances (5e-5 of the output's scale) hold for direct and Winograd convolution alike, since another
/// suite switches `EngineSettings.convolutionAlgorithm` while this one may run.
@Suite("Kernel builds and shapes", .serialized)
struct KernelBackendTests {
    /// Direct convolution in Double by the definition, for reference.
    static func referenceConv(_ x: Tensor, _ w: Tensor, stride: Int, padding: Int) -> [Double] {
        let (n, ci, h, wd, co, k) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3], w.shape[0], w.shape[2])
        let ho = (h + 2 * padding - k) / stride + 1, wo = (wd + 2 * padding - k) / stride + 1
        let xs = x.doubleScalars, ws = w.doubleScalars
        var y = [Double](repeating: 0, count: n * co * ho * wo)
        for b in 0..<n {
            for o in 0..<co {
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        var sum = 0.0
                        for c in 0..<ci {
                            for ky in 0..<k {
                                let iy = oy * stride - padding + ky
                                guard iy >= 0 && iy < h else { continue }
                                for kx in 0..<k {
                                    let ix = ox * stride - padding + kx
                                    guard ix >= 0 && ix < wd else { continue }
                                    sum += xs[((b * ci + c) * h + iy) * wd + ix] * ws[((o * ci + c) * k + ky) * k + kx]
                                }
                            }
                        }
                        y[((b * co + o) * ho + oy) * wo + ox] = sum
                    }
                }
            }
        }
        return y
    }

    struct Shape: CustomTestStringConvertible, Sendable {
        let batch, channels, size, outChannels, kernel, stride: Int
        var testDescription: String { "N\(batch) \(channels)→\(outChannels)@\(size) k\(kernel) s\(stride)" }
    }

    static let shapes = [
        Shape(batch: 2, channels: 16, size: 32, outChannels: 16, kernel: 3, stride: 1),
        Shape(batch: 1, channels: 32, size: 16, outChannels: 32, kernel: 3, stride: 1),
        Shape(batch: 3, channels: 64, size: 8, outChannels: 64, kernel: 3, stride: 1),
        Shape(batch: 2, channels: 16, size: 4, outChannels: 24, kernel: 3, stride: 1),
        Shape(batch: 2, channels: 16, size: 32, outChannels: 32, kernel: 3, stride: 2),
        Shape(batch: 2, channels: 32, size: 16, outChannels: 64, kernel: 1, stride: 1),
    ]

    @Test("conv2d forward and both gradients against the definition (adjoint identities)", arguments: shapes)
    func convolution(_ s: Shape) {
        var generator = SeededGenerator(seed: 50)
        let x = Tensor.randomNormal(shape: [s.batch, s.channels, s.size, s.size], using: &generator)
        let w = Tensor.randomNormal(shape: [s.outChannels, s.channels, s.kernel, s.kernel], using: &generator)
        let padding = s.kernel / 2
        let y = Tensor.conv2d(x, w, stride: s.stride, padding: padding)
        let reference = Self.referenceConv(x, w, stride: s.stride, padding: padding)
        #expect(relativeError(y, Tensor(shape: y.shape, doubleScalars: reference)) < 5e-5)
        // ⟨conv(x, w), g⟩ = ⟨x, ∂x⟩ = ⟨w, ∂w⟩ for any g.
        let g = Tensor.randomNormal(shape: y.shape, using: &generator)
        let pairing = zip(reference, g.doubleScalars).reduce(0) { $0 + $1.0 * $1.1 }
        let gx = Tensor.conv2dBackwardInput(g, w, inputShape: x.shape, stride: s.stride, padding: padding)
        let gw = Tensor.conv2dBackwardWeight(x, g, kernel: s.kernel, stride: s.stride, padding: padding)
        let scale = (x.squaredNorm() * w.squaredNorm() * g.squaredNorm()).squareRoot() / Double(y.count).squareRoot()
        #expect(abs(x.dot(gx) - pairing) < 5e-5 * scale)
        #expect(abs(w.dot(gw) - pairing) < 5e-5 * scale)
    }

    @Test("fused ReLU→conv equals ReLU then conv (values, input and weight gradients)", arguments: shapes)
    func fusedReLU(_ s: Shape) {
        var generator = SeededGenerator(seed: 53)
        let data = Tensor.randomNormal(shape: [s.batch, s.channels, s.size, s.size], using: &generator)
        let weight = Tensor.randomNormal(shape: [s.outChannels, s.channels, s.kernel, s.kernel], using: &generator)
        let padding = s.kernel / 2
        func run(fused: Bool) -> (Tensor, Tensor, Tensor) {
            let x = Parameter(name: "x", value: data), w = Parameter(name: "w", value: weight)
            var seen = 0
            let tape = Tape()
            tape.reluObserver = { _ in seen += 1 }
            let y = fused ? tape.variable(x).reluConv2d(tape.variable(w), stride: s.stride, padding: padding)
                          : tape.variable(x).relu().conv2d(tape.variable(w), stride: s.stride, padding: padding)
            #expect(seen == 1)
            var g = SeededGenerator(seed: 54)
            tape.backward(y, gradient: Tensor.randomNormal(shape: y.shape, using: &g))
            return (y.value, x.grad!, w.grad!)
        }
        let (y1, dx1, dw1) = run(fused: true), (y2, dx2, dw2) = run(fused: false)
        #expect(relativeError(y1, y2) < 1e-6)
        #expect(relativeError(dx1, dx2) < 1e-6)
        #expect(relativeError(dw1, dw2) < 1e-6)
    }

    @Test("portable and AVX-512 builds agree, on one and two threads")
    func buildsAgree() throws {
        let saved = (EngineSettings.kernelBackend, EngineSettings.threadCount)
        defer { EngineSettings.kernelBackend = saved.0; EngineSettings.threadCount = saved.1 }
        var generator = SeededGenerator(seed: 51)
        let x = Tensor.randomNormal(shape: [2, 16, 32, 32], using: &generator)
        let w = Tensor.randomNormal(shape: [16, 16, 3, 3], using: &generator)
        func run() -> [Tensor] {
            let y = Tensor.conv2d(x, w, padding: 1)
            return [y, Tensor.conv2dBackwardInput(y, w, inputShape: x.shape, padding: 1),
                    Tensor.conv2dBackwardWeight(x, y, kernel: 3, padding: 1), y.relu(),
                    Tensor.conv2d(x, w, padding: 1, reluInput: true),
                    Tensor.conv2dBackwardWeight(x, y, kernel: 3, padding: 1, reluInput: true),
                    y.averagePooled(kernel: 3, stride: 1, padding: 1, countIncludePadding: false)]
        }
        EngineSettings.kernelBackend = .portable
        EngineSettings.threadCount = 1
        let portable = run()
        if KernelBackend.cpuSupportsAVX512 {
            EngineSettings.kernelBackend = .avx512
        } else {
            print("NOTE: this CPU lacks AVX-512; comparing the portable build on 1 and 2 threads only")
        }
        EngineSettings.threadCount = 2
        let other = run()
        for (a, b) in zip(portable, other) { #expect(relativeError(a, b) < 5e-5) }
    }

    @Test("the AVX-512 build is chosen exactly when the CPU has every required feature")
    func detection() {
        #if arch(x86_64)
        #expect((KernelBackend.detected == .avx512) == KernelBackend.cpuSupportsAVX512
                || KernelBackend.detected == .portable)
        #else
        #expect(KernelBackend.detected == .portable)
        #endif
    }

    @Test("GEMM in all transposition modes against the definition", arguments: [false, true], [false, true])
    func gemm(transposeA: Bool, transposeB: Bool) {
        var generator = SeededGenerator(seed: 52)
        let (m, n, k) = (37, 45, 300)
        let a = Tensor.randomNormal(shape: transposeA ? [k, m] : [m, k], using: &generator)
        let b = Tensor.randomNormal(shape: transposeB ? [n, k] : [k, n], using: &generator)
        let c = Tensor.matmul(a, b, transposeA: transposeA, transposeB: transposeB)
        let av = a.doubleScalars, bv = b.doubleScalars
        var reference = [Double](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    sum += (transposeA ? av[p * m + i] : av[i * k + p]) * (transposeB ? bv[j * k + p] : bv[p * n + j])
                }
                reference[i * n + j] = sum
            }
        }
        #expect(relativeError(c, Tensor(shape: [m, n], doubleScalars: reference)) < 1e-5)
    }

    @Test("sign agreement over many sizes, repeated and uniform tensors, both kernel builds, equals the definition",
          arguments: [1, 7, 64])
    func signAgreementSizes(batch: Int) {
        var generator = SeededGenerator(seed: UInt64(batch))
        var tensors = [1, 63, 64, 65, 200, 1024, 3000].map { Tensor.randomNormal(shape: [batch, $0], using: &generator) }
        tensors.append(tensors[3])  // observed again: remembered counts
        tensors.append(Tensor(shape: [batch, 70], scalars: [Float](repeating: 0, count: batch * 70)))  // uniform codes
        tensors.append(tensors[4].converted(to: .float64))
        var expected = [Double](repeating: 0, count: batch * batch)
        for t in tensors {
            let perSample = t.count / batch
            for i in 0..<batch {
                for j in 0..<batch {
                    var agree = 0.0
                    for u in 0..<perSample where (t[flat: i * perSample + u] > 0) == (t[flat: j * perSample + u] > 0) {
                        agree += 1
                    }
                    expected[i * batch + j] += agree
                }
            }
        }
        let saved = EngineSettings.kernelBackend
        defer { EngineSettings.kernelBackend = saved }
        for backend in KernelBackend.cpuSupportsAVX512 ? [KernelBackend.avx512, .portable] : [.portable] {
            EngineSettings.kernelBackend = backend
            let agreement = SignAgreement(batchSize: batch)
            for t in tensors { agreement.observe(t) }
            #expect(agreement.units == tensors.reduce(0) { $0 + $1.count / batch })
            #expect(agreement.agreements == expected, "\(backend)")
        }
    }
}
