/// Every criterion of one (scores, truth) sample at once: what `nasbench rank` prints as a table.
public struct RankingReport: Sendable {
    /// One row of the report.
    public struct Entry: Sendable, Hashable {
        /// The criterion.
        public let criterion: Criterion
        /// The number of items the criterion looked at (nil for the correlations, which use all N).
        public let k: Int?
        /// The value, or NaN with its reason.
        public let value: MetricValue

        /// The criterion's stable name, e.g. `p_at_top_5%`.
        public var name: String { criterion.name }
    }

    /// The number of pairs used, N.
    public let count: Int
    /// The number of input pairs dropped because a score or truth was NaN or ±infinity.
    public let droppedCount: Int
    /// The rows, in the order of the criteria asked for.
    public let entries: [Entry]

    /// Computes `criteria` (default: the literature's full set) on `sample`, sorting it once.
    public init(_ sample: PairedSample, criteria: [Criterion] = Criterion.literature) {
        self.init(RankedSample(sample), criteria: criteria)
    }

    /// Computes `criteria` on an already ranked sample.
    public init(_ ranked: RankedSample, criteria: [Criterion] = Criterion.literature) {
        count = ranked.count
        droppedCount = ranked.sample.droppedCount
        entries = criteria.map { criterion in
            Entry(
                criterion: criterion, k: criterion.cutoff.map { ranked.k(for: $0) },
                value: ranked.value(of: criterion)
            )
        }
    }

    /// Pairs `scores` with `truth` (dropping non-finite pairs, see `PairedSample`) and computes `criteria`.
    ///
    /// - Throws: `RankingError.lengthMismatch` or `RankingError.emptyInput`.
    public init(scores: [Double], truth: [Double], criteria: [Criterion] = Criterion.literature) throws(RankingError) {
        self.init(try PairedSample(scores: scores, truth: truth), criteria: criteria)
    }

    /// The value of the criterion named `name`, or nil when the report does not hold it.
    public subscript(name: String) -> MetricValue? {
        entries.first { $0.name == name }?.value
    }

    /// The value of `criterion`, or nil when the report does not hold it.
    public subscript(criterion: Criterion) -> MetricValue? {
        entries.first { $0.criterion == criterion }?.value
    }
}
