/// Settings of a bootstrap: how many resamples, the confidence level, and the seed that fixes every resample.
public struct BootstrapOptions: Sendable, Hashable {
    /// Number of resamples B.
    public let resamples: Int
    /// Confidence level of the interval, e.g. 0.95.
    public let level: Double
    /// Seed of the resampling; the same seed gives the same intervals on every platform.
    public let seed: UInt64

    /// Options with `resamples` >= 1 and 0 < `level` < 1 (defaults: 1,000 resamples, 95 %, seed 0).
    ///
    /// - Throws: `RankingError.invalidResampleCount` or `RankingError.invalidConfidenceLevel`.
    public init(resamples: Int = 1000, level: Double = 0.95, seed: UInt64 = 0) throws(RankingError) {
        guard resamples >= 1 else { throw .invalidResampleCount(resamples) }
        guard level > 0 && level < 1 else { throw .invalidConfidenceLevel(level) }
        self.resamples = resamples
        self.level = level
        self.seed = seed
    }
}
