import NASCore

/// Percentile bootstrap confidence intervals for Kendall's tau-b and Spearman's rho of one paired sample.
///
/// Resample r (r = 0..<B) uses its own generator `SeededGenerator(seed: options.seed, stream: r)` and draws N
/// positions with replacement, each by Lemire's multiply-and-reject method (`index = high 64 bits of
/// next() * N`, redrawing while the low 64 bits are below 2^64 mod N). Both statistics are computed on the same
/// resamples. A resample on which a statistic is undefined (e.g. all its scores tied) is kept as undefined and left
/// out of the quantiles.
public struct CorrelationBootstrap: Sendable {
    /// The interval for Kendall's tau-b.
    public let kendallTau: BootstrapInterval
    /// The interval for Spearman's rho.
    public let spearmanRho: BootstrapInterval
    /// The options used.
    public let options: BootstrapOptions

    /// Bootstraps `sample` (O(B N log N)); with fewer than 2 pairs every value is undefined.
    public init(_ sample: PairedSample, options: BootstrapOptions) {
        self.options = options
        let count = sample.count
        var tauReplicates: [MetricValue] = []
        var rhoReplicates: [MetricValue] = []
        tauReplicates.reserveCapacity(options.resamples)
        rhoReplicates.reserveCapacity(options.resamples)
        var scores = [Double](repeating: 0, count: count)
        var truth = [Double](repeating: 0, count: count)
        for resample in 0..<options.resamples {
            var generator = SeededGenerator(seed: options.seed, stream: UInt64(resample))
            for slot in 0..<count {
                let position = Self.drawIndex(below: count, using: &generator)
                scores[slot] = sample.scores[position]
                truth[slot] = sample.truth[position]
            }
            let (tau, rho) = Self.statistics(scores: scores, truth: truth)
            tauReplicates.append(tau)
            rhoReplicates.append(rho)
        }
        let (tau, rho) = Self.statistics(scores: sample.scores, truth: sample.truth)
        kendallTau = BootstrapInterval(estimate: tau, replicates: tauReplicates, level: options.level)
        spearmanRho = BootstrapInterval(estimate: rho, replicates: rhoReplicates, level: options.level)
    }

    /// A uniform position in 0..<bound from `generator` by Lemire's nearly-divisionless method (the documented draw).
    public static func drawIndex(below bound: Int, using generator: inout SeededGenerator) -> Int {
        let limit = UInt64(bound)
        var product = generator.next().multipliedFullWidth(by: limit)
        if product.low < limit {
            let threshold = (0 &- limit) % limit
            while product.low < threshold {
                product = generator.next().multipliedFullWidth(by: limit)
            }
        }
        return Int(product.high)
    }

    /// Tau-b and rho of finite columns, sorting each column once.
    private static func statistics(scores: [Double], truth: [Double]) -> (MetricValue, MetricValue) {
        guard scores.count >= 2 else {
            return (MetricValue(undefined: .fewerThanTwoPairs), MetricValue(undefined: .fewerThanTwoPairs))
        }
        let scoreColumn = SortedColumn(scores), truthColumn = SortedColumn(truth)
        let tau = KendallPairCounts(scores: scoreColumn, truth: truth).tauB
        let rho = PairedSample.spearmanRho(scores: scoreColumn, truth: truthColumn)
        return (tau, rho)
    }
}
