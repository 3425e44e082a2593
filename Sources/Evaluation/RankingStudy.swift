import RankingMetrics
import SearchSpaces

/// Everything `nasbench rank` reports about one estimator's score column.
public struct EstimatorEvaluation: Sendable {
    /// The column evaluated.
    public let column: ScoreColumn
    /// Its scores paired with the truth (non-finite pairs dropped and counted).
    public let sample: PairedSample
    /// Every criterion on the sample.
    public let report: RankingReport
    /// The number of distinct usable scores (few distinct scores = many ties: top-K criteria then depend on the
    /// stable tie rule).
    public let distinctScores: Int
    /// Bias per complexity bucket, when a bucket scheme was given.
    public let complexityBias: BiasTable?
    /// Bias per NB201 operation, when every architecture is an NB201 cell.
    public let operationBias: OperationBias?
}

/// A complete ranking evaluation of one or more estimators against one truth on one view of a table.
public struct RankingStudy: Sendable {
    /// The table in the chosen view.
    public let table: RankingTable
    /// The criteria reported.
    public let criteria: [Criterion]
    /// The cutoff defining "top" in the bias reports.
    public let top: Cutoff
    /// The bucket scheme of the complexity-bias reports, if any.
    public let bucketScheme: BucketScheme?
    /// One evaluation per score column, in column order.
    public let evaluations: [EstimatorEvaluation]
    /// Spearman's rho between every pair of score columns and the truth (truth last).
    public let correlations: CorrelationMatrix
    /// Mean and standard deviation of every criterion across the score columns, when they are repetitions of one
    /// estimator (seeds, batches, checkpoints).
    public let variance: VarianceReport?
    /// Whether every architecture is an NB201 cell (operation bias is reported then).
    public let isNB201: Bool

    /// Evaluates every score column of `table` against its truth.
    ///
    /// - Parameters:
    ///   - criteria: the criteria to compute (default: the literature's set).
    ///   - top: the cutoff of the bias reports' top shares (default 5%).
    ///   - buckets: the complexity grouping, or nil for none.
    ///   - variance: whether the columns are repetitions whose criteria are summarised by mean and std.
    /// - Throws: `EvaluationError` from the bias reports (e.g. NB201 levels asked of non-NB201 architectures).
    public init(table: RankingTable, criteria: [Criterion] = Criterion.literature,
                top: Cutoff = Cutoff.precisionRatios[3], buckets: BucketScheme?, variance: Bool) throws(EvaluationError) {
        self.table = table
        self.criteria = criteria
        self.top = top
        bucketScheme = buckets
        let cells = table.architectures.map { try? NB201Architecture(archString: $0) }
        isNB201 = cells.allSatisfy { $0 != nil }
        var evaluations: [EstimatorEvaluation] = []
        for column in table.columns {
            let sample = try table.sample(column)
            let bias = try buckets.map { scheme throws(EvaluationError) in
                try BiasTable(sample: sample, table: table, scheme: scheme, top: top)
            }
            let operations = isNB201 ? try OperationBias(sample: sample, architectures: cells.map { $0! }, top: top) : nil
            evaluations.append(EstimatorEvaluation(
                column: column, sample: sample, report: RankingReport(sample, criteria: criteria),
                distinctScores: Set(sample.scores).count, complexityBias: bias, operationBias: operations))
        }
        self.evaluations = evaluations
        correlations = try CorrelationMatrix(
            columns: table.columns.map { ($0.name, $0.values) } + [(table.truthName, table.truth)])
        if variance {
            do {
                self.variance = try VarianceReport(scoreColumns: table.columns.map(\.values), truth: table.truth,
                                                   criteria: criteria)
            } catch {
                throw .ranking(error)
            }
        } else {
            self.variance = nil
        }
    }
}
