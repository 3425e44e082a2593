import Evaluation
import RankingMetrics

/// The CSV tables of a ranking study, at full precision (undefined values as `nan` with the reason beside them).
public enum RankingStudyTables {
    /// Every criterion of every score column: `score,view,criterion,k,n,value,undefined_reason`.
    public static func criteria(_ study: RankingStudy) -> ReportTable {
        var rows: [[String]] = []
        for evaluation in study.evaluations {
            for entry in evaluation.report.entries {
                rows.append([evaluation.column.name, study.table.view.rawValue, entry.name,
                             entry.k.map(String.init) ?? "", String(evaluation.report.count),
                             ValueText.exact(entry.value), entry.value.undefinedReason?.rawValue ?? ""])
            }
        }
        return ReportTable(header: ["score", "view", "criterion", "k", "n", "value", "undefined_reason"], rows: rows)
    }

    /// One row per score column: where it comes from and what was dropped, by cause.
    public static func summary(_ study: RankingStudy) -> ReportTable {
        let rows = study.evaluations.map { evaluation -> [String] in
            let missing = evaluation.column.missing
            return [evaluation.column.name, evaluation.column.source, String(study.table.count),
                    String(evaluation.sample.count), String(evaluation.sample.droppedCount), String(missing.failed),
                    String(missing.nonFinite), String(missing.absent), String(study.table.nonFiniteTruthCount),
                    String(missing.withoutTruth), String(missing.excludedFromClassMeans),
                    String(evaluation.distinctScores)]
        }
        return ReportTable(header: ["score", "source", "rows", "pairs_used", "pairs_dropped", "failed", "non_finite",
                                    "absent", "non_finite_truth", "without_truth", "excluded_from_class_means",
                                    "distinct_scores"], rows: rows)
    }

    /// The complexity-bias rows of every score column, or nil when the study has none.
    public static func complexityBias(_ study: RankingStudy) -> ReportTable? {
        let tables = study.evaluations.compactMap { evaluation in evaluation.complexityBias.map { (evaluation, $0) } }
        guard !tables.isEmpty else { return nil }
        var rows: [[String]] = []
        for (evaluation, table) in tables {
            for row in table.rows {
                rows.append([evaluation.column.name, table.grouping, row.label, String(row.count),
                             ValueText.exact(row.kendallTau), ValueText.exact(row.spearmanRho),
                             ValueText.exact(row.meanNormalizedRankDifference), String(table.k),
                             ValueText.exact(row.estimatorTopShare), ValueText.exact(row.trueTopShare)])
            }
        }
        return ReportTable(header: ["score", "grouping", "bucket", "n", "kendall_tau", "spearman_rho",
                                    "mean_normalized_rank_difference", "top_k", "estimator_top_share",
                                    "true_top_share"], rows: rows)
    }

    /// The per-operation, per-count bias rows of every score column, or nil when the study has none.
    public static func operationBias(_ study: RankingStudy) -> ReportTable? {
        let reports = study.evaluations.compactMap { evaluation in evaluation.operationBias.map { (evaluation, $0) } }
        guard !reports.isEmpty else { return nil }
        var rows: [[String]] = []
        for (evaluation, report) in reports {
            for row in report.rows {
                rows.append([evaluation.column.name, row.operation.name, String(row.operationCount), String(row.count),
                             ValueText.exact(row.meanNormalizedRankDifference), String(report.k),
                             ValueText.exact(row.estimatorTopShare), ValueText.exact(row.trueTopShare)])
            }
        }
        return ReportTable(header: ["score", "operation", "operation_count", "n", "mean_normalized_rank_difference",
                                    "top_k", "estimator_top_share", "true_top_share"], rows: rows)
    }

    /// Every operation's share of the edges of the estimator's and the true top k, or nil when the study has none.
    public static func operationFrequency(_ study: RankingStudy) -> ReportTable? {
        let reports = study.evaluations.compactMap { evaluation in evaluation.operationBias.map { (evaluation, $0) } }
        guard !reports.isEmpty else { return nil }
        var rows: [[String]] = []
        for (evaluation, report) in reports {
            for frequency in report.frequencies {
                rows.append([evaluation.column.name, frequency.operation.name, String(report.k),
                             ValueText.exact(frequency.estimatorTop), ValueText.exact(frequency.trueTop)])
            }
        }
        return ReportTable(header: ["score", "operation", "top_k", "estimator_top_frequency", "true_top_frequency"],
                           rows: rows)
    }

    /// Spearman's rho between every pair of score columns and the truth, as a matrix with row names first.
    public static func correlations(_ study: RankingStudy) -> ReportTable {
        let matrix = study.correlations
        let rows = matrix.names.indices.map { row in [matrix.names[row]] + matrix.values[row].map(ValueText.exact) }
        return ReportTable(header: ["spearman_rho"] + matrix.names, rows: rows)
    }

    /// Mean and standard deviation of every criterion across the score columns, or nil without a variance report.
    public static func variance(_ study: RankingStudy) -> ReportTable? {
        guard let variance = study.variance else { return nil }
        let rows = variance.entries.map { entry in
            [entry.name, String(entry.definedCount), ValueText.exact(entry.mean), ValueText.exact(entry.standardDeviation),
             entry.mean.undefinedReason?.rawValue ?? "", entry.standardDeviation.undefinedReason?.rawValue ?? ""]
        }
        return ReportTable(header: ["criterion", "defined_columns", "mean", "std", "mean_undefined_reason",
                                    "std_undefined_reason"], rows: rows)
    }

    /// The table the criteria were computed from: `arch,members,truth`, one column per score, then one status
    /// column per score (`value`, `failed`, `non_finite`, `absent`). Failed and absent scores are empty cells,
    /// non-finite ones `nan`, `inf` or `-inf`.
    public static func data(_ study: RankingStudy) -> ReportTable {
        let table = study.table
        let names = dataColumnNames(study)
        var rows: [[String]] = []
        rows.reserveCapacity(table.count)
        for row in 0..<table.count {
            var cells = [table.architectures[row], String(table.memberCounts[row]), ValueText.exact(table.truth[row])]
            for column in table.columns {
                switch column.statuses[row] {
                case .value, .nonFinite: cells.append(ValueText.exact(column.values[row]))
                case .failed, .absent: cells.append("")
                }
            }
            for column in table.columns { cells.append(statusName(column.statuses[row])) }
            rows.append(cells)
        }
        return ReportTable(header: ["arch", "members", "truth"] + names + names.map { "status_\($0)" }, rows: rows)
    }

    /// The names of the score columns in `data.csv`: the score names, with `_score` appended to a name that would
    /// clash with `arch`, `members` or `truth`.
    public static func dataColumnNames(_ study: RankingStudy) -> [String] {
        study.table.columns.map { ["arch", "members", "truth"].contains($0.name) ? $0.name + "_score" : $0.name }
    }

    /// The stable name of a score status.
    static func statusName(_ status: ScoreStatus) -> String {
        switch status {
        case .value: return "value"
        case .failed: return "failed"
        case .nonFinite: return "non_finite"
        case .absent: return "absent"
        }
    }
}
