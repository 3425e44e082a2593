/// Batch normalisation over the channels of [N, C, H, W] tensors (PyTorch `BatchNorm2d` semantics).
///
/// Training mode normalises with the batch's mean and biased variance and updates the running statistics
/// (momentum 0.1, unbiased variance, as PyTorch); evaluation mode uses the running statistics. Non-affine
/// (as NAS-Bench-201's cells) has no weight or bias.
public final class BatchNorm2D {
    /// The number of channels.
    public let channels: Int
    /// Added to the variance before the square root.
    public let epsilon: Double
    /// The running statistics' update factor: new = (1 − momentum)·old + momentum·batch.
    public let momentum: Double
    /// The scale γ (ones at start), nil when not affine.
    public let weight: Parameter?
    /// The shift β (zeros at start), nil when not affine.
    public let bias: Parameter?
    /// The running mean (a state tensor, never trained; a `Parameter` so it is saved with the weights).
    public let runningMean: Parameter
    /// The running (unbiased) variance, likewise.
    public let runningVariance: Parameter
    /// Whether training-mode calls update the running statistics.
    public var tracksRunningStatistics = true

    /// Creates the layer with γ = 1, β = 0, running mean 0 and running variance 1.
    public init(name: String, channels: Int, affine: Bool = true, momentum: Double = 0.1, epsilon: Double = 1e-5,
                dtype: DType = .float32) {
        self.channels = channels
        self.epsilon = epsilon
        self.momentum = momentum
        weight = affine ? Parameter(name: name + ".weight", value: .ones([channels], dtype: dtype)) : nil
        bias = affine ? Parameter(name: name + ".bias", value: .zeros([channels], dtype: dtype)) : nil
        runningMean = Parameter(name: name + ".running_mean", value: .zeros([channels], dtype: dtype))
        runningVariance = Parameter(name: name + ".running_var", value: .ones([channels], dtype: dtype))
    }

    /// The trainable parameters (γ and β when affine).
    public var parameters: [Parameter] { [weight, bias].compactMap { $0 } }

    /// The state tensors to save alongside the parameters.
    public var statistics: [Parameter] { [runningMean, runningVariance] }

    /// Normalises `x` with batch statistics (`training`) or the running statistics.
    public func callAsFunction(_ x: Variable, training: Bool) -> Variable {
        let gamma = weight.map { x.tape.variable($0) }, beta = bias.map { x.tape.variable($0) }
        if training {
            let (output, mean, variance) = x.batchNorm(weight: gamma, bias: beta, epsilon: epsilon)
            if tracksRunningStatistics {
                let count = Double(x.value.count / channels)
                let unbiased = variance.map { $0 * count / max(count - 1, 1) }
                let oldMean = runningMean.value.doubleScalars, oldVariance = runningVariance.value.doubleScalars
                let dtype = runningMean.value.dtype
                runningMean.value = Tensor(shape: [channels], doubleScalars: zip(oldMean, mean).map {
                    (1 - momentum) * $0 + momentum * $1 }).converted(to: dtype)
                runningVariance.value = Tensor(shape: [channels], doubleScalars: zip(oldVariance, unbiased).map {
                    (1 - momentum) * $0 + momentum * $1 }).converted(to: dtype)
            }
            return output
        }
        return x.batchNorm(weight: gamma, bias: beta, mean: runningMean.value.doubleScalars,
                           variance: runningVariance.value.doubleScalars, epsilon: epsilon)
    }
}

extension Variable {
    /// Training-mode batch norm: normalises each channel with the batch mean and biased variance, then
    /// applies γ, β if given. Returns the output and the batch statistics (for running averages).
    public func batchNorm(weight: Variable?, bias: Variable?, epsilon: Double = 1e-5)
        -> (output: Variable, mean: [Double], variance: [Double]) {
        let (mean, variance) = value.channelMoments()
        let output = normalize(weight: weight, bias: bias, mean: mean, variance: variance, epsilon: epsilon,
                               training: true)
        return (output, mean, variance)
    }

    /// Evaluation-mode batch norm with fixed statistics (no gradient flows into them).
    public func batchNorm(weight: Variable?, bias: Variable?, mean: [Double], variance: [Double],
                          epsilon: Double = 1e-5) -> Variable {
        normalize(weight: weight, bias: bias, mean: mean, variance: variance, epsilon: epsilon, training: false)
    }

    private func normalize(weight: Variable?, bias: Variable?, mean: [Double], variance: [Double], epsilon: Double,
                           training: Bool) -> Variable {
        precondition(rank4OrMore, "batchNorm needs [N, C, ...]")
        let channels = shape[1]
        precondition(mean.count == channels && variance.count == channels, "batchNorm: \(channels) channels")
        precondition((weight == nil) == (bias == nil), "batchNorm: weight and bias go together")
        let invStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
        let gamma = weight?.value.doubleScalars ?? [Double](repeating: 1, count: channels)
        let beta = bias?.value.doubleScalars ?? [Double](repeating: 0, count: channels)
        let scale = (0..<channels).map { gamma[$0] * invStd[$0] }
        let shift = (0..<channels).map { beta[$0] - mean[$0] * scale[$0] }
        let output = Tensor.channelCombine(value, a: scale, d: shift)
        let inputs = [self] + [weight, bias].compactMap { $0 }
        return tape.record(output, inputs: inputs) {
            BatchNormOperation(input: value, mean: mean, invStd: invStd, gamma: gamma,
                               affine: weight != nil, training: training)
        }
    }

    private var rank4OrMore: Bool { shape.count >= 2 }
}

/// y = γ·x̂ + β, x̂ = (x − μ)·s, s = 1/√(σ² + ε), per channel; inputs [x] or [x, γ, β].
///
/// In training mode μ and σ² are the batch's, so they depend on x: with P(u) = u − mean(u) − x̂·mean(x̂u),
/// ∂x = s·P(γ·g) and ẋ̂ = s·P(ẋ); the R-operator of ∂x differentiates s, P and x̂ as well (see the
/// derivation in `backwardTangent`). In evaluation mode μ, s are constants and the map is affine.
struct BatchNormOperation: DifferentiableOperation {
    let input: Tensor
    let mean: [Double]
    let invStd: [Double]
    let gamma: [Double]
    let affine: Bool
    let training: Bool

    private var channels: Int { input.shape[1] }
    private var perChannel: Double { Double(input.count / channels) }

    private func channelTensor(_ values: [Double]) -> Tensor {
        Tensor(shape: [channels], doubleScalars: values).converted(to: input.dtype)
    }

    /// Σ_c g·x̂ from Σg and Σg·x.
    private func sumTimesNormalized(_ sum: [Double], _ sumTimesInput: [Double]) -> [Double] {
        (0..<channels).map { invStd[$0] * (sumTimesInput[$0] - mean[$0] * sum[$0]) }
    }

    func backward(_ gradient: Tensor, needs: [Bool]) -> [Tensor?] {
        let (sg, sgx) = Tensor.channelSums(gradient, input)
        let sgHat = sumTimesNormalized(sg, sgx)
        var result: [Tensor?] = []
        if needs[0] {
            let m = perChannel
            let a = (0..<channels).map { gamma[$0] * invStd[$0] }
            if training {
                let b = (0..<channels).map { -a[$0] * invStd[$0] * sgHat[$0] / m }
                let d = (0..<channels).map { -a[$0] * sg[$0] / m - b[$0] * mean[$0] }
                result.append(Tensor.channelCombine(gradient, a: a, input, b: b, d: d))
            } else {
                result.append(Tensor.channelCombine(gradient, a: a, d: [Double](repeating: 0, count: channels)))
            }
        } else {
            result.append(nil)
        }
        if affine {
            result.append(needs[1] ? channelTensor(sgHat) : nil)
            result.append(needs[2] ? channelTensor(sg) : nil)
        }
        return result
    }

    func tangent(_ t: [Tensor?]) -> Tensor? {
        let m = perChannel
        let gammaDot = affine ? (t[1]?.doubleScalars ?? [Double](repeating: 0, count: channels))
                              : [Double](repeating: 0, count: channels)
        let betaDot = affine ? (t[2]?.doubleScalars ?? [Double](repeating: 0, count: channels))
                             : [Double](repeating: 0, count: channels)
        var meanDot = [Double](repeating: 0, count: channels), q = [Double](repeating: 0, count: channels)
        if let xDot = t[0], training {
            let (sx, sxx) = Tensor.channelSums(xDot, input)
            let hat = sumTimesNormalized(sx, sxx)
            meanDot = sx.map { $0 / m }
            q = hat.map { $0 / m }
        }
        let s = invStd
        var coefficientX = [Double](repeating: 0, count: channels)
        var constant = [Double](repeating: 0, count: channels)
        for k in 0..<channels {
            let gs: Double = gamma[k] * s[k]
            let gss: Double = gs * s[k] * q[k]
            coefficientX[k] = gammaDot[k] * s[k] - gss
            let shift: Double = gss * mean[k] - gs * meanDot[k]
            constant[k] = shift - gammaDot[k] * s[k] * mean[k] + betaDot[k]
        }
        if let xDot = t[0] {
            let coefficientXDot = (0..<channels).map { gamma[$0] * s[$0] }
            return Tensor.channelCombine(xDot, a: coefficientXDot, input, b: coefficientX, d: constant)
        }
        return Tensor.channelCombine(input, a: coefficientX, d: constant)
    }

    /// R-operator of `backward`. With u = γ·g, u̇ = γ̇·g + γ·ġ, ṡ = −s²·q, q = mean(x̂ẋ),
    /// ẋ̂ = s(ẋ − mean(ẋ) − x̂·q) and r = mean(ẋ̂·u):
    /// R{∂x} = ṡ·P(u) + s·P(u̇) − s·ẋ̂·mean(x̂u) − s·x̂·r, collected into per-channel coefficients of
    /// g, ġ, ẋ, x and 1. R{∂γ} = Σ(ġ·x̂ + g·ẋ̂), R{∂β} = Σġ.
    func backwardTangent(gradient g: Tensor, gradientTangent gDot: Tensor?, inputTangents t: [Tensor?],
                         needs: [Bool]) -> [Tensor?] {
        let c = channels, m = perChannel, s = invStd
        let zeros = [Double](repeating: 0, count: c)
        let gammaDot = affine ? (t[1]?.doubleScalars ?? zeros) : zeros
        let xDot = t[0]
        let (sg, sgx) = Tensor.channelSums(g, input)
        let (sgd, sgdx) = gDot.map { Tensor.channelSums($0, input) } ?? (zeros, zeros)
        var sxd = zeros, sxdx = zeros, sgxd = zeros
        if let xDot {
            (sxd, sxdx) = Tensor.channelSums(xDot, input)
            sgxd = Tensor.channelSums(g, xDot).sumUV
        }
        let sgHat = sumTimesNormalized(sg, sgx), sgdHat = sumTimesNormalized(sgd, sgdx)
        let meanXDot = training ? sxd.map { $0 / m } : zeros
        let q = training ? sumTimesNormalized(sxd, sxdx).map { $0 / m } : zeros

        var result: [Tensor?] = []
        if needs[0] {
            if training {
                var cg = zeros, cgd = zeros, cxd = zeros, cx = zeros, c1 = zeros
                for k in 0..<c {
                    let mu = gamma[k] * sg[k] / m, mxu = gamma[k] * sgHat[k] / m
                    let muDot = (gammaDot[k] * sg[k] + gamma[k] * sgd[k]) / m
                    let mxuDot = (gammaDot[k] * sgHat[k] + gamma[k] * sgdHat[k]) / m
                    let meanXDotU = gamma[k] * sgxd[k] / m
                    let sDot = -s[k] * s[k] * q[k]
                    let r = s[k] * (meanXDotU - meanXDot[k] * mu - q[k] * mxu)
                    cg[k] = sDot * gamma[k] + s[k] * gammaDot[k]
                    cgd[k] = s[k] * gamma[k]
                    cxd[k] = -s[k] * s[k] * mxu
                    let cHat = -sDot * mxu - s[k] * mxuDot + s[k] * s[k] * q[k] * mxu - s[k] * r
                    cx[k] = cHat * s[k]
                    c1[k] = -sDot * mu - s[k] * muDot + s[k] * s[k] * meanXDot[k] * mxu - cHat * s[k] * mean[k]
                }
                let first = gDot.map { Tensor.channelCombine(g, a: cg, $0, b: cgd, d: zeros) }
                    ?? Tensor.channelCombine(g, a: cg, d: zeros)
                let second = xDot.map { Tensor.channelCombine($0, a: cxd, input, b: cx, d: c1) }
                    ?? Tensor.channelCombine(input, a: cx, d: c1)
                result.append(first + second)
            } else {
                let cg = (0..<c).map { gammaDot[$0] * s[$0] }, cgd = (0..<c).map { gamma[$0] * s[$0] }
                result.append(gDot.map { Tensor.channelCombine(g, a: cg, $0, b: cgd, d: zeros) }
                              ?? Tensor.channelCombine(g, a: cg, d: zeros))
            }
        } else {
            result.append(nil)
        }
        if affine {
            if needs[1] {
                // Σ g·ẋ̂ = s(Σgẋ − mean(ẋ)Σg − q·Σg·x̂) (the last two vanish in evaluation mode).
                var values = zeros
                for k in 0..<c {
                    let inner: Double = sgxd[k] - meanXDot[k] * sg[k] - q[k] * sgHat[k]
                    values[k] = sgdHat[k] + s[k] * inner
                }
                result.append(channelTensor(values))
            } else {
                result.append(nil)
            }
            result.append(needs[2] ? channelTensor(sgd) : nil)
        }
        return result
    }
}
