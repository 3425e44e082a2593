import RankingMetrics

/// Spearman's rho between every pair of columns (estimators' scores, and the truth), each pair over the rows where
/// both values are finite.
///
/// Shows which estimators rank alike (Abdelfattah et al. 2021 compare zero-cost proxies this way); a column with
/// every value tied gives undefined entries.
public struct CorrelationMatrix: Sendable {
    /// The column names, in order.
    public let names: [String]
    /// `values[i][j]` = Spearman's rho between column i and column j.
    public let values: [[MetricValue]]
    /// `pairCounts[i][j]` = the number of rows where both columns are finite.
    public let pairCounts: [[Int]]

    /// Correlates every pair of `columns` (all of the same length).
    ///
    /// - Throws: `EvaluationError.lengthMismatch` when the columns differ in length.
    public init(columns: [(name: String, values: [Double])]) throws(EvaluationError) {
        for column in columns where column.values.count != columns[0].values.count {
            throw .lengthMismatch(what: "columns '\(columns[0].name)' and '\(column.name)'",
                                  expected: columns[0].values.count, found: column.values.count)
        }
        names = columns.map(\.name)
        var values: [[MetricValue]] = []
        var counts: [[Int]] = []
        for row in columns {
            var valueRow: [MetricValue] = []
            var countRow: [Int] = []
            for column in columns {
                if let sample = try? PairedSample(scores: row.values, truth: column.values) {
                    valueRow.append(sample.spearmanRho())
                    countRow.append(sample.count)
                } else {
                    valueRow.append(MetricValue(undefined: .fewerThanTwoPairs))
                    countRow.append(0)
                }
            }
            values.append(valueRow)
            counts.append(countRow)
        }
        self.values = values
        pairCounts = counts
    }
}
