/// How many entries of one score column are missing, by cause; missing entries are dropped, never turned into numbers.
public struct MissingValueCounts: Sendable, Hashable {
    /// Rows whose estimator run recorded a failure (the stored `failure` text).
    public var failed: Int
    /// Rows whose score is NaN or ±infinity (an empty, `nan` or `inf` cell in a CSV file).
    public var nonFinite: Int
    /// Rows of the table for which the column has no entry at all.
    public var absent: Int
    /// Architectures the column scores that have no truth value, so are not rows of the table.
    public var withoutTruth: Int
    /// Member scores left out of class means (view iso2deiso) because they were missing.
    public var excludedFromClassMeans: Int

    /// Counts, all zero unless given.
    public init(failed: Int = 0, nonFinite: Int = 0, absent: Int = 0, withoutTruth: Int = 0,
                excludedFromClassMeans: Int = 0) {
        self.failed = failed
        self.nonFinite = nonFinite
        self.absent = absent
        self.withoutTruth = withoutTruth
        self.excludedFromClassMeans = excludedFromClassMeans
    }

    /// Rows of the table without a usable score: failed + non-finite + absent.
    public var missingRows: Int { failed + nonFinite + absent }
}
