import Foundation

/// Process-wide settings of the engine.
public enum EngineSettings {
    private static let storage = LockedCounter(value: min(2, ProcessInfo.processInfo.activeProcessorCount))

    private static let backend = LockedCounter(value: KernelBackend.detected == .avx512 ? 1 : 0)

    /// The compiled kernel copy in use (default: `KernelBackend.detected`); switching to `.avx512` on a CPU
    /// without AVX-512 is a precondition failure, since the code would crash with an illegal instruction.
    public static var kernelBackend: KernelBackend {
        get { backend.value == 1 ? .avx512 : .portable }
        set {
            precondition(newValue == .portable || KernelBackend.cpuSupportsAVX512, "this CPU lacks AVX-512")
            backend.value = newValue == .avx512 ? 1 : 0
        }
    }

    private static let algorithm = LockedCounter(value: 0)

    /// How float32 3x3 stride-1 convolutions are computed (float64 is always direct).
    public static var convolutionAlgorithm: ConvolutionAlgorithm {
        get { ConvolutionAlgorithm.allCases[algorithm.value] }
        set { algorithm.value = ConvolutionAlgorithm.allCases.firstIndex(of: newValue) ?? 0 }
    }

    /// Threads a large kernel may use (default: min(2, cores)); kernels below ~0.5 ms run on one thread.
    public static var threadCount: Int {
        get { storage.value }
        set { storage.value = max(1, newValue) }
    }
}

/// An integer behind a lock.
final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Int

    init(value: Int) { stored = value }

    var value: Int {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

/// The algorithm of float32 convolutions.
public enum ConvolutionAlgorithm: String, Sendable, CaseIterable {
    /// Winograd F(4x4, 3x3) where it applies (3x3, stride 1, padding 1, sides multiples of 4) and both
    /// channel counts are ≥ 16 (measured 1.1–2.3x faster there); direct convolution otherwise (with fewer
    /// channels the tile transforms cost more than the 4x fewer multiply-adds save). The default.
    case automatic
    /// Winograd F(4x4, 3x3) wherever it applies, whatever the channel counts (float32 error ≈ 1e-6 of the
    /// output's scale instead of ≈ 1e-7).
    case winograd
    /// Direct convolution everywhere (register-tiled GEMM on the padded input).
    case direct
}
