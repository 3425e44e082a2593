/// A percentile bootstrap confidence interval for one statistic.
public struct BootstrapInterval: Sendable, Hashable {
    /// The statistic on the full sample.
    public let estimate: MetricValue
    /// Lower bound: the (1 - level)/2 quantile of the defined replicates.
    public let lower: MetricValue
    /// Upper bound: the (1 + level)/2 quantile of the defined replicates.
    public let upper: MetricValue
    /// The confidence level.
    public let level: Double
    /// The statistic on each resample, in resample order (undefined replicates keep their reason).
    public let replicates: [MetricValue]

    /// Number of replicates with a defined value (those the quantiles are taken over).
    public var definedReplicateCount: Int { replicates.count { $0.isDefined } }

    /// Builds the interval from the replicates with the percentile method (Efron & Tibshirani 1993, §13.3), using
    /// linear interpolation between order statistics (Hyndman & Fan type 7, numpy's default "linear").
    init(estimate: MetricValue, replicates: [MetricValue], level: Double) {
        self.estimate = estimate
        self.replicates = replicates
        self.level = level
        let defined = replicates.filter(\.isDefined).map(\.value).sorted()
        if defined.isEmpty {
            lower = MetricValue(undefined: .noDefinedValues)
            upper = MetricValue(undefined: .noDefinedValues)
        } else {
            lower = MetricValue(Self.quantile(defined, (1 - level) / 2))
            upper = MetricValue(Self.quantile(defined, (1 + level) / 2))
        }
    }

    /// The type-7 quantile `probability` of ascending `sorted` values (interpolated as numpy does).
    static func quantile(_ sorted: [Double], _ probability: Double) -> Double {
        let position = Double(sorted.count - 1) * probability
        let below = Int(position.rounded(.down))
        let fraction = position - Double(below)
        guard below + 1 < sorted.count else { return sorted[sorted.count - 1] }
        let low = sorted[below], high = sorted[below + 1]
        let difference = high - low
        return fraction >= 0.5 ? high - difference * (1 - fraction) : low + difference * fraction
    }
}
