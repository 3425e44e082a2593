// Public Float entry points of the kernels; each forwards to the generic loop in `KernelLoops`.
extension Kernels {
    /// C (+)= op(A) · op(B): op(A) is m × k, op(B) k × n, row-major with leading dimensions lda, ldb, ldc.
    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool, threads: Int
    ) {
        KernelLoops.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a, lda: lda,
                         b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate, threads: threads)
    }

    /// y = conv2d(x, w) for x [batch, inChannels, height, width], w [outChannels, inChannels, kernel, kernel];
    /// `winograd` allows the F(4x4, 3x3) algorithm where the shape fits (3x3, stride 1, padding 1, sides % 4 == 0);
    /// `reluInput` convolves max(x, 0) instead of x (a fused ReLU).
    public static func conv2dForward(
        input: UnsafePointer<Float>, weight: UnsafePointer<Float>, output: UnsafeMutablePointer<Float>,
        batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
        kernel: Int, stride: Int, padding: Int, threads: Int, winograd: Bool, reluInput: Bool
    ) {
        let geometry = ConvGeometry(batch: batch, inChannels: inChannels, height: height, width: width,
                                    outChannels: outChannels, kernel: kernel, stride: stride, padding: padding)
        KernelLoops.conv2dForward(geometry, input: input, weight: weight, output: output, threads: threads,
                                  winograd: winograd, relu: reluInput)
    }

    /// dx = ∂L/∂x of conv2d given dy (overwrites gradInput).
    public static func conv2dBackwardInput(
        gradOutput: UnsafePointer<Float>, weight: UnsafePointer<Float>, gradInput: UnsafeMutablePointer<Float>,
        batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
        kernel: Int, stride: Int, padding: Int, threads: Int, winograd: Bool
    ) {
        let geometry = ConvGeometry(batch: batch, inChannels: inChannels, height: height, width: width,
                                    outChannels: outChannels, kernel: kernel, stride: stride, padding: padding)
        KernelLoops.conv2dBackwardInput(geometry, gradOutput: gradOutput, weight: weight, gradInput: gradInput,
                                        threads: threads, winograd: winograd)
    }

    /// dw = ∂L/∂w of conv2d given x and dy (overwrites gradWeight); `reluInput` uses max(x, 0) for x.
    public static func conv2dBackwardWeight(
        input: UnsafePointer<Float>, gradOutput: UnsafePointer<Float>, gradWeight: UnsafeMutablePointer<Float>,
        batch: Int, inChannels: Int, height: Int, width: Int, outChannels: Int,
        kernel: Int, stride: Int, padding: Int, threads: Int, winograd: Bool, reluInput: Bool
    ) {
        let geometry = ConvGeometry(batch: batch, inChannels: inChannels, height: height, width: width,
                                    outChannels: outChannels, kernel: kernel, stride: stride, padding: padding)
        KernelLoops.conv2dBackwardWeight(geometry, input: input, gradOutput: gradOutput, gradWeight: gradWeight,
                                         threads: threads, winograd: winograd, relu: reluInput)
    }

    /// y = max(x, 0) element-wise.
    public static func relu(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, threads: Int) {
        KernelLoops.relu(x, y, count: count, threads: threads)
    }

    /// dx = dy where x > 0, else 0.
    public static func reluBackward(
        _ x: UnsafePointer<Float>, _ gradOutput: UnsafePointer<Float>, _ gradInput: UnsafeMutablePointer<Float>,
        count: Int, threads: Int
    ) {
        KernelLoops.reluBackward(x, gradOutput, gradInput, count: count, threads: threads)
    }

    /// counts[i·batch + j] += the number of differing bits of samples i < j's packed codes.
    public static func addSignDisagreements(
        _ codes: UnsafePointer<UInt64>, batch: Int, words: Int, into counts: UnsafeMutablePointer<Int>, threads: Int
    ) {
        KernelLoops.addSignDisagreements(codes, batch: batch, words: words, into: counts, threads: threads)
    }

    /// Packs the sign codes [x > 0] of `batch` samples of `perSample` values into `words` 64-bit words each.
    public static func packSigns(
        _ x: UnsafePointer<Float>, batch: Int, perSample: Int, into codes: UnsafeMutablePointer<UInt64>, words: Int
    ) {
        KernelLoops.packSigns(x, batch: batch, perSample: perSample, into: codes, words: words)
    }

    /// out = a + b element-wise.
    public static func add(
        _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int, threads: Int
    ) {
        KernelLoops.add(a, b, out, count: count, threads: threads)
    }

    /// y += alpha · x element-wise.
    public static func axpy(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, threads: Int) {
        KernelLoops.axpy(alpha, x, y, count: count, threads: threads)
    }

    /// y = alpha · x element-wise.
    public static func scale(_ alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count: Int, threads: Int) {
        KernelLoops.scale(alpha, x, y, count: count, threads: threads)
    }

    /// Σ x·y, accumulated in Double across blocks.
    public static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Double {
        KernelLoops.dot(x, y, count: count)
    }

    /// Σ x, accumulated in Double across blocks.
    public static func sum(_ x: UnsafePointer<Float>, count: Int) -> Double {
        KernelLoops.sum(x, count: count)
    }

    /// Per-channel mean and biased variance of x [batch, channels, spatial].
    public static func channelMoments(
        _ x: UnsafePointer<Float>, batch: Int, channels: Int, spatial: Int,
        mean: UnsafeMutablePointer<Double>, variance: UnsafeMutablePointer<Double>, threads: Int
    ) {
        KernelLoops.channelMoments(x, batch: batch, channels: channels, spatial: spatial,
                                   mean: mean, variance: variance, threads: threads)
    }

    /// Per-channel Σu and Σu·v of [batch, channels, spatial] tensors.
    public static func channelSums(
        _ u: UnsafePointer<Float>, _ v: UnsafePointer<Float>, batch: Int, channels: Int, spatial: Int,
        sumU: UnsafeMutablePointer<Double>, sumUV: UnsafeMutablePointer<Double>, threads: Int
    ) {
        KernelLoops.channelSums(u, v, batch: batch, channels: channels, spatial: spatial,
                                sumU: sumU, sumUV: sumUV, threads: threads)
    }

    /// out = a[c]·u + b[c]·v + d[c] per channel (b and v may be nil together).
    public static func channelCombine(
        _ u: UnsafePointer<Float>, _ v: UnsafePointer<Float>?, _ out: UnsafeMutablePointer<Float>,
        a: UnsafePointer<Float>, b: UnsafePointer<Float>?, d: UnsafePointer<Float>,
        batch: Int, channels: Int, spatial: Int, threads: Int
    ) {
        KernelLoops.channelCombine(u, v, out, a: a, b: b, d: d, batch: batch, channels: channels,
                                   spatial: spatial, threads: threads)
    }

    /// Average pooling of `planes` planes; `countIncludePadding == false` averages in-image pixels only.
    public static func averagePool(
        _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, planes: Int, height: Int, width: Int,
        kernel: Int, stride: Int, padding: Int, countIncludePadding: Bool, threads: Int
    ) {
        KernelLoops.averagePool(x, y, planes: planes, height: height, width: width, kernel: kernel,
                                stride: stride, padding: padding, countIncludePadding: countIncludePadding,
                                threads: threads)
    }

    /// The input gradient of `averagePool` (overwrites gx).
    public static func averagePoolBackward(
        _ gy: UnsafePointer<Float>, _ gx: UnsafeMutablePointer<Float>, planes: Int, height: Int, width: Int,
        kernel: Int, stride: Int, padding: Int, countIncludePadding: Bool, threads: Int
    ) {
        KernelLoops.averagePoolBackward(gy, gx, planes: planes, height: height, width: width, kernel: kernel,
                                        stride: stride, padding: padding,
                                        countIncludePadding: countIncludePadding, threads: threads)
    }

    /// y[p] = mean of plane p.
    public static func globalAveragePool(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, planes: Int, spatial: Int) {
        KernelLoops.globalAveragePool(x, y, planes: planes, spatial: spatial)
    }

    /// gx[p, s] = gy[p] / spatial.
    public static func globalAveragePoolBackward(
        _ gy: UnsafePointer<Float>, _ gx: UnsafeMutablePointer<Float>, planes: Int, spatial: Int
    ) {
        KernelLoops.globalAveragePoolBackward(gy, gx, planes: planes, spatial: spatial)
    }
}
