import TensorKernelsAVX512
import TensorKernelsPortable

/// The kernel entry points `TensorEngine` calls, met by both compiled copies of the kernels
/// (`TensorKernelsAVX512.Kernels` and `TensorKernelsPortable.Kernels`); see `KernelBackend` for the choice.
protocol KernelLibrary: SendableMetatype {
    /// The instruction set the copy was compiled for.
    static var instructionSet: String { get }

    /// A register-bound loop of 12 independent 16-lane multiply-adds per iteration.
    static func fusedMultiplyAddLoop(iterations: Int, seed: Float) -> Float

    /// C (+)= op(A) · op(B): op(A) is m × k, op(B) k × n, row-major with leading dimensions lda, ldb, ldc. (Float)
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, threads: Int
    )

    /// y = conv2d(x, w) for x [batch, inChannels, height, width], w [outChannels, inChannels, kernel, kernel]; Winograd if allowed. (Float)
    static func conv2dForward(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
        batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
        kernel: Int, stride: Int, padding: Int, threads: Int, winograd: Bool, reluInput: Bool
    )

    /// dx = ∂L/∂x of conv2d given dy (overwrites gradInput). (Float)
    static func conv2dBackwardInput(
        gradOutput: UnsafePointer<Float>, weight: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>,
        batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
        kernel: Int, stride: Int, padding: Int, threads: Int, winograd: Bool
    )

    /// dw = ∂L/∂w of conv2d given x and dy (overwrites gradWeight). (Float)
    static func conv2dBackwardWeight(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>, gradWeight: UnsafeMutablePointer<Float>,
        batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
        kernel: Int, stride: Int, padding: Int, threads: Int, winograd: Bool, reluInput: Bool
    )

    /// y = max(x, 0) element-wise. (Float)
    static func relu(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, threads: Int)

    /// dx = dy where x > 0, else 0. (Float)
    static func reluBackward(
        _ x: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>, _ gradInput: UnsafeMutablePointer<Float>,
        count: Int, threads: Int
    )

    /// counts[i·batch + j] += the number of differing bits of samples i < j's packed codes.
    static func addSignDisagreements(
        _ codes: UnsafePointer<UInt64>, batch: Int, words: Int, into counts: UnsafeMutablePointer<Int>, threads: Int
    )

    /// Packs the sign codes [x > 0] of `batch` samples of `perSample` values into `words` 64-bit words each. (Float)
    static func packSigns(
        _ x: UnsafePointer<Float>, batch: Int, perSample: Int, into codes: UnsafeMutablePointer<UInt64>, words: Int
    )

    /// out = a + b element-wise. (Float)
    static func add(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int, threads: Int
    )

    /// y += alpha · x element-wise. (Float)
    static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, threads: Int)

    /// y = alpha · x element-wise. (Float)
    static func scale(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, threads: Int)

    /// Σ x·y, accumulated in Double across blocks. (Float)
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Double

    /// Σ x, accumulated in Double across blocks. (Float)
    static func sum(_ x: UnsafePointer<Float>, count: Int) -> Double

    /// Per-channel mean and biased variance of x [batch, channels, spatial]. (Float)
    static func channelMoments(
        _ x: UnsafePointer<Float>, batch: Int, channels: Int, spatial: Int,
        mean: UnsafeMutablePointer<Double>, variance: UnsafeMutablePointer<Double>, threads: Int
    )

    /// Per-channel Σu and Σu·v of [batch, channels, spatial] tensors. (Float)
    static func channelSums(
        _ u: UnsafePointer<Float>, _ v: UnsafePointer<Float>, batch: Int, channels: Int, spatial: Int,
        sumU: UnsafeMutablePointer<Double>, sumUV: UnsafeMutablePointer<Double>, threads: Int
    )

    /// out = a[c]·u + b[c]·v + d[c] per channel (b and v may be nil together). (Float)
    static func channelCombine(
        _ u: UnsafePointer<Float>, _ v: UnsafePointer<Float>?, _ out: UnsafeMutablePointer<Float>,
        a: UnsafePointer<Float>, b: UnsafePointer<Float>?, d: UnsafePointer<Float>,
        batch: Int, channels: Int, spatial: Int, threads: Int
    )

    /// Average pooling of `planes` planes; `countIncludePadding == false` averages in-image pixels only. (Float)
    static func averagePool(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, planes: Int, height: Int, width: Int,
        kernel: Int, stride: Int, padding: Int, countIncludePadding: Bool, threads: Int
    )

    /// The input gradient of `averagePool` (overwrites gx). (Float)
    static func averagePoolBackward(
        _ gy: UnsafePointer<Float>, _ gx: UnsafeMutablePointer<Float>, planes: Int, height: Int, width: Int,
        kernel: Int, stride: Int, padding: Int, countIncludePadding: Bool, threads: Int
    )

    /// y[p] = mean of plane p. (Float)
    static func globalAveragePool(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, planes: Int, spatial: Int)

    /// gx[p, s] = gy[p] / spatial. (Float)
    static func globalAveragePoolBackward(
        _ gy: UnsafePointer<Float>, _ gx: UnsafeMutablePointer<Float>, planes: Int, spatial: Int
    )

    /// C (+)= op(A) · op(B): op(A) is m × k, op(B) k × n, row-major with leading dimensions lda, ldb, ldc. (Double)
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool, threads: Int
    )

    /// y = conv2d(x, w) for x [batch, inChannels, height, width], w [outChannels, inChannels, kernel, kernel]; Winograd if allowed. (Double)
    static func conv2dForward(
        input: UnsafePointer<Double>, weight: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>,
        batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
        kernel: Int, stride: Int, padding: Int, threads: Int, winograd: Bool, reluInput: Bool
    )

    /// dx = ∂L/∂x of conv2d given dy (overwrites gradInput). (Double)
    static func conv2dBackwardInput(
        gradOutput: UnsafePointer<Double>, weight: UnsafePointer<Double>, gradInput: UnsafeMutablePointer<Double>,
        batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
        kernel: Int, stride: Int, padding: Int, threads: Int, winograd: Bool
    )

    /// dw = ∂L/∂w of conv2d given x and dy (overwrites gradWeight). (Double)
    static func conv2dBackwardWeight(
        input: UnsafePointer<Double>, gradOutput: UnsafePointer<Double>, gradWeight: UnsafeMutablePointer<Double>,
        batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
        kernel: Int, stride: Int, padding: Int, threads: Int, winograd: Bool, reluInput: Bool
    )

    /// y = max(x, 0) element-wise. (Double)
    static func relu(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int, threads: Int)

    /// dx = dy where x > 0, else 0. (Double)
    static func reluBackward(
        _ x: UnsafePointer<Double>, _ gradOutput: UnsafePointer<Double>, _ gradInput: UnsafeMutablePointer<Double>,
        count: Int, threads: Int
    )

    /// Packs the sign codes [x > 0] of `batch` samples of `perSample` values into `words` 64-bit words each. (Double)
    static func packSigns(
        _ x: UnsafePointer<Double>, batch: Int, perSample: Int, into codes: UnsafeMutablePointer<UInt64>, words: Int
    )

    /// out = a + b element-wise. (Double)
    static func add(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int, threads: Int
    )

    /// y += alpha · x element-wise. (Double)
    static func axpy(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int, threads: Int)

    /// y = alpha · x element-wise. (Double)
    static func scale(_ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, count: Int, threads: Int)

    /// Σ x·y, accumulated in Double across blocks. (Double)
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int) -> Double

    /// Σ x, accumulated in Double across blocks. (Double)
    static func sum(_ x: UnsafePointer<Double>, count: Int) -> Double

    /// Per-channel mean and biased variance of x [batch, channels, spatial]. (Double)
    static func channelMoments(
        _ x: UnsafePointer<Double>, batch: Int, channels: Int, spatial: Int,
        mean: UnsafeMutablePointer<Double>, variance: UnsafeMutablePointer<Double>, threads: Int
    )

    /// Per-channel Σu and Σu·v of [batch, channels, spatial] tensors. (Double)
    static func channelSums(
        _ u: UnsafePointer<Double>, _ v: UnsafePointer<Double>, batch: Int, channels: Int, spatial: Int,
        sumU: UnsafeMutablePointer<Double>, sumUV: UnsafeMutablePointer<Double>, threads: Int
    )

    /// out = a[c]·u + b[c]·v + d[c] per channel (b and v may be nil together). (Double)
    static func channelCombine(
        _ u: UnsafePointer<Double>, _ v: UnsafePointer<Double>?, _ out: UnsafeMutablePointer<Double>,
        a: UnsafePointer<Double>, b: UnsafePointer<Double>?, d: UnsafePointer<Double>,
        batch: Int, channels: Int, spatial: Int, threads: Int
    )

    /// Average pooling of `planes` planes; `countIncludePadding == false` averages in-image pixels only. (Double)
    static func averagePool(
        _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, planes: Int, height: Int, width: Int,
        kernel: Int, stride: Int, padding: Int, countIncludePadding: Bool, threads: Int
    )

    /// The input gradient of `averagePool` (overwrites gx). (Double)
    static func averagePoolBackward(
        _ gy: UnsafePointer<Double>, _ gx: UnsafeMutablePointer<Double>, planes: Int, height: Int, width: Int,
        kernel: Int, stride: Int, padding: Int, countIncludePadding: Bool, threads: Int
    )

    /// y[p] = mean of plane p. (Double)
    static func globalAveragePool(_ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, planes: Int, spatial: Int)

    /// gx[p, s] = gy[p] / spatial. (Double)
    static func globalAveragePoolBackward(
        _ gy: UnsafePointer<Double>, _ gx: UnsafeMutablePointer<Double>, planes: Int, spatial: Int
    )
}

extension TensorKernelsAVX512.Kernels: KernelLibrary {}
extension TensorKernelsPortable.Kernels: KernelLibrary {}
