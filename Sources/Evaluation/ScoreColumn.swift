/// What one entry of a score column holds.
public enum ScoreStatus: UInt8, Sendable, Hashable {
    /// A finite score.
    case value
    /// The estimator failed on this architecture (the store keeps the reason as text).
    case failed
    /// The score is NaN or ±infinity.
    case nonFinite
    /// The column has no entry for this architecture.
    case absent
}

/// One named column of scores aligned with the rows of a `RankingTable`, with the state of every entry.
///
/// Orientation: larger score = better architecture. Entries that are not `.value` are dropped by every criterion
/// (see `PairedSample`) and counted in `missing`; their `values` entry is NaN (or the non-finite value itself).
public struct ScoreColumn: Sendable {
    /// The column's name as given on the command line or in the CSV header.
    public let name: String
    /// Where the scores come from, for the report (e.g. `estimator nwot, run=3 nb201 {} `).
    public let source: String
    /// One score per row.
    public let values: [Double]
    /// The state of every entry.
    public let statuses: [ScoreStatus]
    /// Scored architectures that have no truth value (not rows of the table).
    public let withoutTruth: Int
    /// Member scores left out of class means by the iso2deiso view.
    public let excludedFromClassMeans: Int

    /// A column of plain values: finite values are scores, NaN and ±infinity are `.nonFinite`.
    public init(name: String, source: String, values: [Double]) {
        self.name = name
        self.source = source
        self.values = values
        statuses = values.map { $0.isFinite ? .value : .nonFinite }
        withoutTruth = 0
        excludedFromClassMeans = 0
    }

    /// A column with explicit entry states; `values` must be NaN wherever the state is `.failed` or `.absent`.
    ///
    /// - Throws: `EvaluationError.lengthMismatch` when `values` and `statuses` differ in length.
    public init(name: String, source: String, values: [Double], statuses: [ScoreStatus], withoutTruth: Int = 0,
                excludedFromClassMeans: Int = 0) throws(EvaluationError) {
        guard values.count == statuses.count else {
            throw .lengthMismatch(what: "values and statuses of '\(name)'", expected: values.count, found: statuses.count)
        }
        self.name = name
        self.source = source
        self.values = values
        self.statuses = statuses
        self.withoutTruth = withoutTruth
        self.excludedFromClassMeans = excludedFromClassMeans
    }

    /// Memberwise, for views (lengths already checked).
    init(validName name: String, source: String, values: [Double], statuses: [ScoreStatus], withoutTruth: Int,
         excludedFromClassMeans: Int) {
        self.name = name
        self.source = source
        self.values = values
        self.statuses = statuses
        self.withoutTruth = withoutTruth
        self.excludedFromClassMeans = excludedFromClassMeans
    }

    /// The missing entries by cause.
    public var missing: MissingValueCounts {
        var counts = MissingValueCounts(withoutTruth: withoutTruth, excludedFromClassMeans: excludedFromClassMeans)
        for status in statuses {
            switch status {
            case .value: break
            case .failed: counts.failed += 1
            case .nonFinite: counts.nonFinite += 1
            case .absent: counts.absent += 1
            }
        }
        return counts
    }
}

/// One score source keyed by architecture, before it is aligned with a truth metric by `RankingTable.join`.
public struct ScoreInput: Sendable {
    /// The column's name.
    public let name: String
    /// Where the scores come from, for the report.
    public let source: String
    /// Scores keyed by architecture (NaN and ±infinity allowed: they count as non-finite).
    public let values: [String: Double]
    /// Architectures whose scoring failed, with the reason; never turned into numbers.
    public let failures: [String: String]

    /// Creates an input from scores and failures keyed by architecture.
    public init(name: String, source: String, values: [String: Double], failures: [String: String] = [:]) {
        self.name = name
        self.source = source
        self.values = values
        self.failures = failures
    }
}
