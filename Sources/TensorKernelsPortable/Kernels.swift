import Dispatch

/// The numeric kernels of the tensor engine: GEMM, convolution, batch norm, pooling and element-wise loops.
///
/// The same source files are compiled twice: into `TensorKernelsAVX512` (flags `-target-cpu skylake-avx512`
/// and the compilation condition `TENSOR_KERNELS_FMA`) and into `TensorKernelsPortable` (baseline x86-64 or the
/// host's default CPU, no FMA). Swift namespaces the two copies by module, so both live in one binary and
/// `TensorEngine` picks one at run time from the CPU's features. Every entry point takes raw pointers and
/// plain integers only, so the two copies have identical signatures.
///
/// The loops themselves live in `KernelLoops`, generic over `KernelScalar` (Float or Double); the public
/// Float and Double overloads here specialise them. Tensors are NCHW and contiguous.
public enum Kernels {
    /// The instruction set this copy of the kernels was compiled for.
    #if TENSOR_KERNELS_FMA
    public static let instructionSet = "avx512"
    #else
    public static let instructionSet = "portable"
    #endif
}

extension Kernels {
    /// Runs `iterations` rounds of 12 independent vector multiply-adds (the register-bound peak of one core:
    /// 12 · 2 · lanes floating-point operations per round) and returns a value that depends on all of them.
    @inline(never)
    public static func fusedMultiplyAddLoop(iterations: Int, seed: Float) -> Float {
        typealias V = SIMD16<Float>
        var a0 = V(repeating: seed), a1 = a0 + 1, a2 = a0 + 2, a3 = a0 + 3, a4 = a0 + 4, a5 = a0 + 5
        var a6 = a0 + 6, a7 = a0 + 7, a8 = a0 + 8, a9 = a0 + 9, a10 = a0 + 10, a11 = a0 + 11
        let b = V(repeating: 0.999_9), c = V(repeating: 1e-6)
        for _ in 0..<iterations {
            a0 = multiplyAdd(c, a0, b); a1 = multiplyAdd(c, a1, b); a2 = multiplyAdd(c, a2, b)
            a3 = multiplyAdd(c, a3, b); a4 = multiplyAdd(c, a4, b); a5 = multiplyAdd(c, a5, b)
            a6 = multiplyAdd(c, a6, b); a7 = multiplyAdd(c, a7, b); a8 = multiplyAdd(c, a8, b)
            a9 = multiplyAdd(c, a9, b); a10 = multiplyAdd(c, a10, b); a11 = multiplyAdd(c, a11, b)
        }
        return (a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10 + a11).sum()
    }
}
