/// Tensor-level numeric operations (no tape): each checks shapes, allocates the result and calls the
/// active kernel build for the tensor's element type. The tape's operations are written with these.
extension Tensor {
    static var kernels: any KernelLibrary.Type { KernelBackend.library }
    static var threads: Int { EngineSettings.threadCount }
    /// Whether a float32 convolution between these channel counts may use Winograd (the kernels still check
    /// the shape). Measured on Zen 4 (one core, thread CPU time, batch 128, equivalent direct GFLOP/s):
    /// 16@32x32 forward 138 vs 101 direct, weight gradient 105 vs 85; 32@16x16 170 vs 100 and 134 vs 86;
    /// 64@8x8 235 vs 103 and 178 vs 86; 16@16x16 112 vs 95 and 81 vs 80. Below 16 channels the tile
    /// transforms dominate, so direct convolution is used there.
    static func allowsWinograd(_ inChannels: Int, _ outChannels: Int) -> Bool {
        switch EngineSettings.convolutionAlgorithm {
        case .automatic: return min(inChannels, outChannels) >= 16
        case .winograd: return true
        case .direct: return false
        }
    }

    /// Whether conv2d on these shapes (forward, input and weight gradients alike) runs Winograd F(4x4, 3x3)
    /// under the current `EngineSettings.convolutionAlgorithm`.
    public static func convolutionUsesWinograd(
        inputShape: [Int], weightShape: [Int], stride: Int, padding: Int, dtype: DType
    ) -> Bool {
        dtype == .float32
            && allowsWinograd(inputShape[1], weightShape[0])
            && weightShape[2] == 3
            && weightShape[3] == 3 && stride == 1 && padding == 1 && inputShape[2] % 4 == 0 && inputShape[3] % 4 == 0
    }

    /// Output spatial size of a convolution or pooling window.
    static func outputExtent(_ input: Int, kernel: Int, stride: Int, padding: Int) -> Int {
        (input + 2 * padding - kernel) / stride + 1
    }

    /// conv2d(x, w): x [N, Cin, H, W], w [Cout, Cin, k, k], no bias; returns [N, Cout, Ho, Wo]. With
    /// `reluInput` it convolves max(x, 0) without materialising it (ReLU fused into the input packing).
    public static func conv2d(_ x: Tensor, _ w: Tensor, stride: Int = 1, padding: Int = 0, reluInput: Bool = false) -> Tensor {
        precondition(x.rank == 4 && w.rank == 4 && x.shape[1] == w.shape[1] && w.shape[2] == w.shape[3],
                     "conv2d: input \(x.shape) and weight \(w.shape) do not match")
        precondition(x.dtype == w.dtype, "conv2d: mixed element types")
        let (n, ci, h, wd, co, k) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3], w.shape[0], w.shape[2])
        let ho = outputExtent(h, kernel: k, stride: stride, padding: padding)
        let wo = outputExtent(wd, kernel: k, stride: stride, padding: padding)
        precondition(ho > 0 && wo > 0, "conv2d: empty output")
        let y = Tensor(uninitializedShape: [n, co, ho, wo], dtype: x.dtype)
        withExtendedLifetime((x, w, y)) {
            switch x.dtype {
            case .float32:
                kernels.conv2dForward(input: x.floats, weight: w.floats, output: y.floats, batch: n, inChannels: ci,
                                      height: h, width: wd, outChannels: co, kernel: k, stride: stride,
                                      padding: padding, threads: threads,
                                      winograd: allowsWinograd(ci, co), reluInput: reluInput)
            case .float64:
                kernels.conv2dForward(input: x.doubles, weight: w.doubles, output: y.doubles, batch: n,
                                      inChannels: ci, height: h, width: wd, outChannels: co, kernel: k,
                                      stride: stride, padding: padding, threads: threads,
                                      winograd: false, reluInput: reluInput)
            }
        }
        return y
    }

    /// ∂L/∂x of conv2d given ∂L/∂y, the weight and the input's shape.
    public static func conv2dBackwardInput(
        _ gy: Tensor, _ w: Tensor, inputShape: [Int], stride: Int = 1, padding: Int = 0
    ) -> Tensor {
        let (n, ci, h, wd, co, k) = (inputShape[0], inputShape[1], inputShape[2], inputShape[3], w.shape[0], w.shape[2])
        let gx = Tensor(uninitializedShape: inputShape, dtype: gy.dtype)
        withExtendedLifetime((gy, w, gx)) {
            switch gy.dtype {
            case .float32:
                kernels.conv2dBackwardInput(gradOutput: gy.floats, weight: w.floats, gradInput: gx.floats,
                                            batch: n, inChannels: ci, height: h, width: wd, outChannels: co,
                                            kernel: k, stride: stride, padding: padding, threads: threads,
                                      winograd: allowsWinograd(ci, co))
            case .float64:
                kernels.conv2dBackwardInput(gradOutput: gy.doubles, weight: w.doubles, gradInput: gx.doubles,
                                            batch: n, inChannels: ci, height: h, width: wd, outChannels: co,
                                            kernel: k, stride: stride, padding: padding, threads: threads,
                                      winograd: false)
            }
        }
        return gx
    }

    /// ∂L/∂w of conv2d given the input x and ∂L/∂y (of conv2d(max(x, 0)) with `reluInput`).
    public static func conv2dBackwardWeight(
        _ x: Tensor, _ gy: Tensor, kernel k: Int, stride: Int = 1, padding: Int = 0, reluInput: Bool = false
    ) -> Tensor {
        let (n, ci, h, wd, co) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3], gy.shape[1])
        let gw = Tensor(uninitializedShape: [co, ci, k, k], dtype: x.dtype)
        withExtendedLifetime((x, gy, gw)) {
            switch x.dtype {
            case .float32:
                kernels.conv2dBackwardWeight(input: x.floats, gradOutput: gy.floats, gradWeight: gw.floats,
                                             batch: n, inChannels: ci, height: h, width: wd, outChannels: co,
                                             kernel: k, stride: stride, padding: padding, threads: threads,
                                      winograd: allowsWinograd(ci, co), reluInput: reluInput)
            case .float64:
                kernels.conv2dBackwardWeight(input: x.doubles, gradOutput: gy.doubles, gradWeight: gw.doubles,
                                             batch: n, inChannels: ci, height: h, width: wd, outChannels: co,
                                             kernel: k, stride: stride, padding: padding, threads: threads,
                                      winograd: false, reluInput: reluInput)
            }
        }
        return gw
    }

    /// op(a) · op(b) for matrices; op transposes when asked.
    public static func matmul(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.rank == 2 && b.rank == 2 && a.dtype == b.dtype, "matmul: needs two matrices of one type")
        let m = transposeA ? a.shape[1] : a.shape[0], k = transposeA ? a.shape[0] : a.shape[1]
        let kb = transposeB ? b.shape[1] : b.shape[0], n = transposeB ? b.shape[0] : b.shape[1]
        precondition(k == kb, "matmul: inner dimensions \(k) and \(kb) differ")
        let c = Tensor(uninitializedShape: [m, n], dtype: a.dtype)
        withExtendedLifetime((a, b, c)) {
            switch a.dtype {
            case .float32:
                kernels.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a.floats,
                             lda: a.shape[1], b: b.floats, ldb: b.shape[1], c: c.floats, ldc: n,
                             accumulate: false, threads: threads)
            case .float64:
                kernels.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a: a.doubles,
                             lda: a.shape[1], b: b.doubles, ldb: b.shape[1], c: c.doubles, ldc: n,
                             accumulate: false, threads: threads)
            }
        }
        return c
    }

    /// max(x, 0) element-wise.
    public func relu() -> Tensor {
        let y = Tensor(uninitializedShape: shape, dtype: dtype)
        withExtendedLifetime((self, y)) {
            switch dtype {
            case .float32: Tensor.kernels.relu(floats, y.floats, count: count, threads: Tensor.threads)
            case .float64: Tensor.kernels.relu(doubles, y.doubles, count: count, threads: Tensor.threads)
            }
        }
        return y
    }

    /// `gradient` where `input` > 0, else 0 (the ReLU input gradient, also its tangent rule).
    public static func reluBackward(input x: Tensor, gradient gy: Tensor) -> Tensor {
        precondition(x.shape == gy.shape && x.dtype == gy.dtype, "reluBackward: shape mismatch")
        let gx = Tensor(uninitializedShape: x.shape, dtype: x.dtype)
        withExtendedLifetime((x, gy, gx)) {
            switch x.dtype {
            case .float32: kernels.reluBackward(x.floats, gy.floats, gx.floats, count: x.count, threads: threads)
            case .float64: kernels.reluBackward(x.doubles, gy.doubles, gx.doubles, count: x.count, threads: threads)
            }
        }
        return gx
    }

    /// Element-wise sum of two tensors of one shape.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        precondition(a.shape == b.shape && a.dtype == b.dtype, "+: shapes \(a.shape) and \(b.shape) differ")
        let c = Tensor(uninitializedShape: a.shape, dtype: a.dtype)
        withExtendedLifetime((a, b, c)) {
            switch a.dtype {
            case .float32: kernels.add(a.floats, b.floats, c.floats, count: a.count, threads: threads)
            case .float64: kernels.add(a.doubles, b.doubles, c.doubles, count: a.count, threads: threads)
            }
        }
        return c
    }

    /// self += alpha · other, in place when the storage is not shared (else into new storage, one pass).
    public mutating func add(_ other: Tensor, scaledBy alpha: Double = 1) {
        precondition(shape == other.shape && dtype == other.dtype, "add: shapes \(shape) and \(other.shape) differ")
        if alpha == 1 && !isKnownUniquelyReferenced(&buffer) {
            self = self + other
            return
        }
        makeUnique()
        withExtendedLifetime((self, other)) {
            switch dtype {
            case .float32: Tensor.kernels.axpy(Float(alpha), other.floats, floats, count: count, threads: Tensor.threads)
            case .float64: Tensor.kernels.axpy(alpha, other.doubles, doubles, count: count, threads: Tensor.threads)
            }
        }
    }

    /// alpha · self.
    public func scaled(by alpha: Double) -> Tensor {
        let y = Tensor(uninitializedShape: shape, dtype: dtype)
        withExtendedLifetime((self, y)) {
            switch dtype {
            case .float32: Tensor.kernels.scale(Float(alpha), floats, y.floats, count: count, threads: Tensor.threads)
            case .float64: Tensor.kernels.scale(alpha, doubles, y.doubles, count: count, threads: Tensor.threads)
            }
        }
        return y
    }

    /// Σ of all elements (accumulated in Double).
    public func sum() -> Double {
        withExtendedLifetime(self) {
            dtype == .float32 ? Tensor.kernels.sum(floats, count: count) : Tensor.kernels.sum(doubles, count: count)
        }
    }

    /// Σ self ⊙ other (accumulated in Double).
    public func dot(_ other: Tensor) -> Double {
        precondition(count == other.count && dtype == other.dtype, "dot: sizes differ")
        return withExtendedLifetime((self, other)) {
            dtype == .float32 ? Tensor.kernels.dot(floats, other.floats, count: count)
                              : Tensor.kernels.dot(doubles, other.doubles, count: count)
        }
    }

    /// Σ self², the squared Frobenius norm.
    public func squaredNorm() -> Double { dot(self) }

    /// Per-channel mean and biased variance of an [N, C, ...] tensor.
    public func channelMoments() -> (mean: [Double], variance: [Double]) {
        let (n, c, s) = (shape[0], shape[1], count / max(shape[0] * shape[1], 1))
        var mean = [Double](repeating: 0, count: c), variance = [Double](repeating: 0, count: c)
        withExtendedLifetime(self) {
            switch dtype {
            case .float32: Tensor.kernels.channelMoments(floats, batch: n, channels: c, spatial: s, mean: &mean,
                                                         variance: &variance, threads: Tensor.threads)
            case .float64: Tensor.kernels.channelMoments(doubles, batch: n, channels: c, spatial: s, mean: &mean,
                                                         variance: &variance, threads: Tensor.threads)
            }
        }
        return (mean, variance)
    }

    /// Per-channel Σu and Σu·v of two [N, C, ...] tensors of one shape.
    public static func channelSums(_ u: Tensor, _ v: Tensor) -> (sumU: [Double], sumUV: [Double]) {
        precondition(u.shape == v.shape && u.dtype == v.dtype, "channelSums: shapes differ")
        let (n, c, s) = (u.shape[0], u.shape[1], u.count / max(u.shape[0] * u.shape[1], 1))
        var first = [Double](repeating: 0, count: c), second = [Double](repeating: 0, count: c)
        withExtendedLifetime((u, v)) {
            switch u.dtype {
            case .float32: kernels.channelSums(u.floats, v.floats, batch: n, channels: c, spatial: s,
                                               sumU: &first, sumUV: &second, threads: threads)
            case .float64: kernels.channelSums(u.doubles, v.doubles, batch: n, channels: c, spatial: s,
                                               sumU: &first, sumUV: &second, threads: threads)
            }
        }
        return (first, second)
    }

    /// a[c]·u + b[c]·v + d[c] per channel of [N, C, ...] tensors (`v` and `b` optional together).
    public static func channelCombine(_ u: Tensor, a: [Double], _ v: Tensor? = nil, b: [Double]? = nil, d: [Double]) -> Tensor {
        let (n, c, s) = (u.shape[0], u.shape[1], u.count / max(u.shape[0] * u.shape[1], 1))
        precondition(a.count == c && d.count == c && (b?.count ?? c) == c, "channelCombine: coefficient counts")
        precondition((v == nil) == (b == nil), "channelCombine: v and b go together")
        if let v { precondition(v.shape == u.shape && v.dtype == u.dtype, "channelCombine: shapes differ") }
        let out = Tensor(uninitializedShape: u.shape, dtype: u.dtype)
        withExtendedLifetime((u, v, out)) {
            switch u.dtype {
            case .float32:
                let fa = a.map(Float.init), fb = b?.map(Float.init), fd = d.map(Float.init)
                kernels.channelCombine(u.floats, v.map { UnsafePointer($0.floats) }, out.floats, a: fa, b: fb,
                                       d: fd, batch: n, channels: c, spatial: s, threads: threads)
            case .float64:
                kernels.channelCombine(u.doubles, v.map { UnsafePointer($0.doubles) }, out.doubles, a: a, b: b,
                                       d: d, batch: n, channels: c, spatial: s, threads: threads)
            }
        }
        return out
    }

    /// Average pooling of an [N, C, H, W] tensor with a square window.
    public func averagePooled(kernel: Int, stride: Int, padding: Int, countIncludePadding: Bool) -> Tensor {
        precondition(rank == 4, "averagePooled: needs [N, C, H, W]")
        let (h, w) = (shape[2], shape[3])
        let ho = Tensor.outputExtent(h, kernel: kernel, stride: stride, padding: padding)
        let wo = Tensor.outputExtent(w, kernel: kernel, stride: stride, padding: padding)
        let y = Tensor(uninitializedShape: [shape[0], shape[1], ho, wo], dtype: dtype)
        withExtendedLifetime((self, y)) {
            switch dtype {
            case .float32: Tensor.kernels.averagePool(floats, y.floats, planes: shape[0] * shape[1], height: h, width: w,
                                                      kernel: kernel, stride: stride, padding: padding,
                                                      countIncludePadding: countIncludePadding, threads: Tensor.threads)
            case .float64: Tensor.kernels.averagePool(doubles, y.doubles, planes: shape[0] * shape[1], height: h,
                                                      width: w, kernel: kernel, stride: stride, padding: padding,
                                                      countIncludePadding: countIncludePadding, threads: Tensor.threads)
            }
        }
        return y
    }

    /// The input gradient of `averagePooled` for an input of `inputShape`.
    public static func averagePoolBackward(
        _ gy: Tensor, inputShape: [Int], kernel: Int, stride: Int, padding: Int, countIncludePadding: Bool
    ) -> Tensor {
        let gx = Tensor(uninitializedShape: inputShape, dtype: gy.dtype)
        let (planes, h, w) = (inputShape[0] * inputShape[1], inputShape[2], inputShape[3])
        withExtendedLifetime((gy, gx)) {
            switch gy.dtype {
            case .float32: kernels.averagePoolBackward(gy.floats, gx.floats, planes: planes, height: h, width: w,
                                                       kernel: kernel, stride: stride, padding: padding,
                                                       countIncludePadding: countIncludePadding, threads: threads)
            case .float64: kernels.averagePoolBackward(gy.doubles, gx.doubles, planes: planes, height: h, width: w,
                                                       kernel: kernel, stride: stride, padding: padding,
                                                       countIncludePadding: countIncludePadding, threads: threads)
            }
        }
        return gx
    }

    /// The mean over the spatial dimensions of an [N, C, H, W] tensor, as [N, C].
    public func globalAveragePooled() -> Tensor {
        let planes = shape[0] * shape[1], spatial = count / max(planes, 1)
        let y = Tensor(uninitializedShape: [shape[0], shape[1]], dtype: dtype)
        withExtendedLifetime((self, y)) {
            switch dtype {
            case .float32: Tensor.kernels.globalAveragePool(floats, y.floats, planes: planes, spatial: spatial)
            case .float64: Tensor.kernels.globalAveragePool(doubles, y.doubles, planes: planes, spatial: spatial)
            }
        }
        return y
    }

    /// The input gradient of `globalAveragePooled` for an input of `inputShape`.
    public static func globalAveragePoolBackward(_ gy: Tensor, inputShape: [Int]) -> Tensor {
        let planes = inputShape[0] * inputShape[1], spatial = inputShape.reduce(1, *) / max(planes, 1)
        let gx = Tensor(uninitializedShape: inputShape, dtype: gy.dtype)
        withExtendedLifetime((gy, gx)) {
            switch gy.dtype {
            case .float32: kernels.globalAveragePoolBackward(gy.floats, gx.floats, planes: planes, spatial: spatial)
            case .float64: kernels.globalAveragePoolBackward(gy.doubles, gx.doubles, planes: planes, spatial: spatial)
            }
        }
        return gx
    }
}
