/// Pearson's product-moment correlation of two finite, non-constant columns (internal kernel).
///
/// r = Σ(x - x̄)(y - ȳ) / (sqrt(Σ(x - x̄)²) sqrt(Σ(y - ȳ)²)) (Pearson 1895), in two passes (means, then
/// centred sums).
/// Sums are accumulated in blocks with compensated totals. Should a sum of squares overflow or underflow (values
/// beyond about 1e±150), the deviations are rescaled by their largest magnitude and the sums recomputed, as
/// scipy.stats.pearsonr does. The result is clamped to [-1, 1].
enum PearsonKernel {
    /// Terms summed plainly before being added to the compensated total.
    static let blockSize = 256

    /// The correlation of `x` and `y`; both must hold at least two values and neither may be constant.
    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in correlation(x, y) }
        }
    }

    /// The correlation of two equally long buffers.
    static func correlation(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        let count = x.count
        var sumX = CompensatedSum(), sumY = CompensatedSum()
        var start = 0
        while start < count {
            let end = min(count, start + blockSize)
            var blockX = 0.0, blockY = 0.0
            for index in start..<end {
                blockX += x[index]
                blockY += y[index]
            }
            sumX.add(blockX)
            sumY.add(blockY)
            start = end
        }
        let meanX = sumX.total / Double(count), meanY = sumY.total / Double(count)
        let unscaled = centredSums(x, y, meanX: meanX, meanY: meanY, scaleX: 1, scaleY: 1)
        if unscaled.xx.isNormal && unscaled.yy.isNormal && unscaled.xy.isFinite {
            return clamp(unscaled.xy / (unscaled.xx.squareRoot() * unscaled.yy.squareRoot()))
        }
        var largestX = 0.0, largestY = 0.0
        for index in 0..<count {
            largestX = Swift.max(largestX, (x[index] - meanX).magnitude)
            largestY = Swift.max(largestY, (y[index] - meanY).magnitude)
        }
        guard largestX > 0, largestY > 0 else { return .nan }
        let scaled = centredSums(x, y, meanX: meanX, meanY: meanY, scaleX: 1 / largestX, scaleY: 1 / largestY)
        return clamp(scaled.xy / (scaled.xx.squareRoot() * scaled.yy.squareRoot()))
    }

    /// Σ dx², Σ dy², Σ dx dy with dx = (x - meanX) * scaleX and dy likewise.
    private static func centredSums(
        _ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>,
        meanX: Double, meanY: Double, scaleX: Double, scaleY: Double
    ) -> (xx: Double, yy: Double, xy: Double) {
        let count = x.count
        var sumXX = CompensatedSum(), sumYY = CompensatedSum(), sumXY = CompensatedSum()
        var start = 0
        while start < count {
            let end = min(count, start + blockSize)
            var blockXX = 0.0, blockYY = 0.0, blockXY = 0.0
            for index in start..<end {
                let deviationX = (x[index] - meanX) * scaleX
                let deviationY = (y[index] - meanY) * scaleY
                blockXX += deviationX * deviationX
                blockYY += deviationY * deviationY
                blockXY += deviationX * deviationY
            }
            sumXX.add(blockXX)
            sumYY.add(blockYY)
            sumXY.add(blockXY)
            start = end
        }
        return (sumXX.total, sumYY.total, sumXY.total)
    }

    /// `r` limited to [-1, 1] (rounding can push |r| a hair above 1).
    private static func clamp(_ r: Double) -> Double {
        Swift.min(1, Swift.max(-1, r))
    }
}
