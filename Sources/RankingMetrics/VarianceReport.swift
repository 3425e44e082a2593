/// Spread of every criterion over several score columns (seeds, batches, checkpoints) against one truth.
///
/// Each column is paired with the truth on its own (its non-finite pairs dropped, see `PairedSample`) and reported
/// with `RankingReport`; per criterion, the mean and the sample standard deviation (divisor n - 1) are taken over the
/// columns where the criterion is defined.
public struct VarianceReport: Sendable {
    /// Mean and spread of one criterion.
    public struct Entry: Sendable, Hashable {
        /// The criterion.
        public let criterion: Criterion
        /// How many columns gave a defined value.
        public let definedCount: Int
        /// Mean of the defined values.
        public let mean: MetricValue
        /// Sample standard deviation of the defined values, sqrt(Σ(x - x̄)² / (n - 1)).
        public let standardDeviation: MetricValue

        /// The criterion's stable name.
        public var name: String { criterion.name }
    }

    /// One full report per score column, in column order.
    public let reports: [RankingReport]
    /// One entry per criterion, in the order asked for.
    public let entries: [Entry]

    /// Reports each of `scoreColumns` against `truth` and summarises every criterion across the columns.
    ///
    /// - Throws: `RankingError.noScoreColumns`, or the error of the first column that cannot be paired with `truth`.
    public init(
        scoreColumns: [[Double]], truth: [Double], criteria: [Criterion] = Criterion.literature
    ) throws(RankingError) {
        guard !scoreColumns.isEmpty else { throw .noScoreColumns }
        var reports: [RankingReport] = []
        for column in scoreColumns {
            reports.append(try RankingReport(scores: column, truth: truth, criteria: criteria))
        }
        self.reports = reports
        entries = criteria.indices.map { index in
            let values = reports.map { $0.entries[index].value }.filter(\.isDefined).map(\.value)
            return Self.summarise(criteria[index], values)
        }
    }

    /// The mean and sample standard deviation of `values`, or the reasons they are undefined.
    private static func summarise(_ criterion: Criterion, _ values: [Double]) -> Entry {
        guard !values.isEmpty else {
            let undefined = MetricValue(undefined: .noDefinedValues)
            return Entry(criterion: criterion, definedCount: 0, mean: undefined, standardDeviation: undefined)
        }
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count >= 2 else {
            return Entry(
                criterion: criterion, definedCount: 1, mean: MetricValue(mean),
                standardDeviation: MetricValue(undefined: .fewerThanTwoDefinedValues)
            )
        }
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return Entry(
            criterion: criterion, definedCount: values.count, mean: MetricValue(mean),
            standardDeviation: MetricValue((squares / Double(values.count - 1)).squareRoot())
        )
    }

    /// The entry of the criterion named `name`, or nil.
    public subscript(name: String) -> Entry? {
        entries.first { $0.name == name }
    }
}
