import Evaluation
import RankingMetrics
import SearchSpaces

/// Turns a `RankingStudy` into a report document: context, summary, every criterion, plots (score vs truth, P@topK,
/// BR/WR@K, bias per complexity bucket and per operation), correlations between estimators, variance, definitions.
public enum RankingStudyDocument {
    /// The report of `study`; `reportPath` (the report folder as the notebook sees it) adds notebook code cells that
    /// reload the CSV files with pandas.
    public static func make(_ study: RankingStudy, context: RankingReportContext, reportPath: String?) -> ReportDocument {
        let names = study.evaluations.map(\.column.name)
        let dataset = context.dataset.map { ", \($0)" } ?? ""
        var document = ReportDocument(
            title: "Ranking \(names.joined(separator: ", ")) against \(study.table.truthName) "
                + "(\(study.table.view.rawValue)\(dataset))")
        document.blocks.append(.paragraph(introduction(study)))
        document.blocks.append(.bullets(contextLines(study, context: context)))
        if let reportPath { document.blocks.append(.notebookCode(loadCode(study, reportPath: reportPath))) }
        document.blocks.append(.section(title: "Summary", collapsed: false, blocks: summary(study)))
        document.blocks.append(.section(title: "Every criterion", collapsed: false, blocks: criteria(study)))
        document.blocks.append(.section(title: "Scores against truth", collapsed: false, blocks: scatterPlots(study)))
        document.blocks.append(.section(title: "Top-K criteria", collapsed: false, blocks: topKPlots(study)))
        if study.evaluations.count > 1 {
            document.blocks.append(.section(title: "Correlation between estimators", collapsed: false,
                                            blocks: correlations(study)))
        }
        if let variance = study.variance {
            document.blocks.append(.section(title: "Variance across score columns", collapsed: false,
                                            blocks: varianceBlocks(variance, study: study)))
        }
        if study.evaluations.contains(where: { $0.complexityBias != nil }) {
            document.blocks.append(.section(title: "Bias by complexity", collapsed: false, blocks: complexityBias(study)))
        }
        if study.evaluations.contains(where: { $0.operationBias != nil }) {
            document.blocks.append(.section(title: "Bias by operation", collapsed: false, blocks: operationBias(study)))
        }
        document.blocks.append(.section(title: "Definitions", collapsed: false, blocks: definitions(study)))
        if let reportPath {
            document.blocks.append(.section(title: "Recompute from the data", collapsed: false, blocks: [
                .paragraph("These cells reload `data.csv` and recompute Kendall's tau-b and Spearman's rho with "
                    + "scipy.stats, a check independent of NASBench."),
                .notebookCode(recomputeCode(study, reportPath: reportPath)),
            ]))
        }
        return document
    }

    // MARK: - Sections

    /// The opening paragraph.
    private static func introduction(_ study: RankingStudy) -> String {
        let table = study.table
        let rows = table.view == .iso ? "\(ValueText.count(table.count)) architectures"
            : "\(ValueText.count(table.count)) isomorphism classes (\(ValueText.count(table.memberCounts.reduce(0, +))) architectures)"
        return "How well \(study.evaluations.map { "`\($0.column.name)`" }.joined(separator: ", ")) rank \(rows) "
            + "against the ground truth `\(table.truthName)`. Larger scores and larger truth count as better; "
            + "true rank 0 is the best architecture."
    }

    /// The context bullets.
    private static func contextLines(_ study: RankingStudy, context: RankingReportContext) -> [String] {
        let table = study.table
        var lines = ["Input: \(context.input)"]
        if let dataset = context.dataset { lines.append("Dataset: `\(dataset)`") }
        lines.append("View: `\(table.view.rawValue)`: \(table.view.summary)")
        lines.append("Rows: \(ValueText.count(table.count)); architectures with truth but no score in any column "
            + "(left out): \(ValueText.count(table.truthOnlyCount)); rows with non-finite truth: "
            + "\(ValueText.count(table.nonFiniteTruthCount))")
        lines.append("Ties: rows are ordered by \(context.rowOrder); among equal scores (or equal truth) the earlier "
            + "row counts as better (the stable rule of `RankedSample`). Correlations do not depend on it; "
            + "top-K criteria do when scores tie.")
        if let command = context.command { lines.append("Command: `\(command)`") }
        return lines
    }

    /// Per score column: source, what was dropped and why, and the three correlations.
    private static func summary(_ study: RankingStudy) -> [ReportBlock] {
        let rows = study.evaluations.map { evaluation -> [String] in
            let missing = evaluation.column.missing
            let report = evaluation.report
            return [evaluation.column.name, ValueText.count(evaluation.sample.count),
                    ValueText.count(evaluation.sample.droppedCount), ValueText.count(missing.failed),
                    ValueText.count(missing.nonFinite), ValueText.count(missing.absent),
                    ValueText.count(missing.withoutTruth), ValueText.count(missing.excludedFromClassMeans),
                    ValueText.count(evaluation.distinctScores),
                    short(report[.kendallTau]), short(report[.spearmanRho]), short(report[.pearsonR])]
        }
        var blocks: [ReportBlock] = [.table(ReportTable(
            header: ["score", "pairs used", "dropped", "failed", "non-finite", "no score", "without truth",
                     "excluded from class means", "distinct scores", "Kendall tau", "Spearman rho", "Pearson r"],
            rows: rows))]
        blocks.append(.paragraph("Dropped pairs are never turned into numbers: a pair is used only when both its "
            + "score and its truth are finite. `failed` = the estimator run stored a failure; `non-finite` = NaN or "
            + "±infinity; `no score` = the column has no entry for a row of the table; `without truth` = scored "
            + "architectures that have no truth value (not rows of the table); `excluded from class means` = member "
            + "scores missing inside a class (view iso2deiso)."))
        blocks.append(.bullets(study.evaluations.map { "`\($0.column.name)`: \($0.column.source)" }))
        var notes: [String] = []
        for evaluation in study.evaluations {
            for criterion in [Criterion.kendallTau, .spearmanRho, .pearsonR] {
                if let value = evaluation.report[criterion], let reason = value.undefinedReason {
                    notes.append("`\(criterion.name)` of `\(evaluation.column.name)` is undefined: \(reason.description).")
                }
            }
            if evaluation.sample.count > 0 && evaluation.distinctScores * 10 < evaluation.sample.count {
                let distinct = evaluation.distinctScores
                notes.append("`\(evaluation.column.name)` has only \(ValueText.count(distinct)) distinct "
                    + "score\(distinct == 1 ? "" : "s") over \(ValueText.count(evaluation.sample.count)) pairs: "
                    + "its top-K criteria are decided "
                    + "largely by the tie rule.")
            }
        }
        if !notes.isEmpty { blocks.append(.bullets(notes)) }
        return blocks
    }

    /// The wide table of every criterion.
    private static func criteria(_ study: RankingStudy) -> [ReportBlock] {
        let ks = study.evaluations.map { $0.report.entries.map(\.k) }
        let sameK = ks.allSatisfy { $0 == ks[0] }
        let rows = study.criteria.indices.map { index -> [String] in
            var row = [study.criteria[index].name]
            if sameK { row.append(ks.first?[index].map(ValueText.count) ?? "N") }
            row += study.evaluations.map { evaluation in
                let value = evaluation.report.entries[index].value
                switch study.criteria[index] {
                case .bestRank, .worstRank:
                    guard value.isDefined else { return cell(value) }
                    let rank = Int((value.value * Double(evaluation.report.count)).rounded())
                    return ValueText.significant(value.value) + " (rank \(ValueText.count(rank)))"
                default:
                    return cell(value)
                }
            }
            return row
        }
        let header = ["criterion"] + (sameK ? ["k"] : []) + study.evaluations.map(\.column.name)
        var blocks: [ReportBlock] = [.table(ReportTable(header: header, rows: rows))]
        if !sameK {
            blocks.append(.paragraph("The score columns use different numbers of pairs, so k differs between them; "
                + "`criteria.csv` gives k for every value."))
        }
        blocks.append(.paragraph("k = floor(N × ratio); a cutoff with k < 1 is undefined, as in the literature. "
            + "BR@K and WR@K are lower-is-better (shown with the 1-based true rank they stand for); everything else "
            + "is higher-is-better."))
        return blocks
    }

    /// One scatter plot per score column.
    private static func scatterPlots(_ study: RankingStudy) -> [ReportBlock] {
        study.evaluations.map { evaluation in
            let report = evaluation.report
            let tau = report[.kendallTau], rho = report[.spearmanRho]
            let correlations = tau?.undefinedReason != nil && tau?.undefinedReason == rho?.undefinedReason
                ? "Kendall τ and Spearman ρ undefined (\(tau!.undefinedReason!.description))"
                : "Kendall τ " + inline(tau) + " · Spearman ρ " + inline(rho)
            let subtitle = correlations + " · n = \(ValueText.count(evaluation.sample.count))"
                + (evaluation.sample.droppedCount > 0 ? " (\(ValueText.count(evaluation.sample.droppedCount)) dropped)" : "")
            let chart = ScatterChart(
                title: "\(evaluation.column.name) against \(study.table.truthName)", subtitle: subtitle,
                xTitle: "score: \(evaluation.column.name)", yTitle: "truth: \(study.table.truthName)",
                x: evaluation.sample.scores, y: evaluation.sample.truth)
            return .figure(chart.figure(
                name: "scatter-\(evaluation.column.name)",
                caption: "Score against truth for every usable pair of `\(evaluation.column.name)`; colour = how many "
                    + "points share a 4 px cell; red rings, if any, are extreme values drawn on the edge of the axes."))
        }
    }

    /// P@topK / P@bottomK curves and BR/WR@K curves over the ratio cutoffs.
    private static func topKPlots(_ study: RankingStudy) -> [ReportBlock] {
        func points(_ evaluation: EstimatorEvaluation, _ family: (Criterion) -> Cutoff?) -> [(x: Double, y: Double?)] {
            evaluation.report.entries.compactMap { entry in
                guard let cutoff = family(entry.criterion), case let .ratio(ratio) = cutoff.size else { return nil }
                return (ratio, entry.value.isDefined ? entry.value.value : nil)
            }
        }
        func precisionTop(_ c: Criterion) -> Cutoff? { if case let .precisionAtTop(x) = c { return x }; return nil }
        func precisionBottom(_ c: Criterion) -> Cutoff? { if case let .precisionAtBottom(x) = c { return x }; return nil }
        func best(_ c: Criterion) -> Cutoff? { if case let .bestRank(x) = c { return x }; return nil }
        func worst(_ c: Criterion) -> Cutoff? { if case let .worstRank(x) = c { return x }; return nil }

        var blocks: [ReportBlock] = []
        let many = study.evaluations.count > 1
        var precisionSeries: [LineChart.Series] = []
        var rankSeries: [LineChart.Series] = []
        let count = study.evaluations.count
        for (index, evaluation) in study.evaluations.enumerated() {
            let color = ChartPalette.color(index)
            let name = evaluation.column.name
            let width = 2 + 2 * Double(count - 1 - index) / Double(max(count - 1, 1))
            precisionSeries.append(.init(name: many ? "\(name) top" : "P@top", color: color, dashed: false,
                                         points: points(evaluation, precisionTop), width: width))
            precisionSeries.append(.init(name: many ? "\(name) bottom" : "P@bottom", color: color, dashed: true,
                                         points: points(evaluation, precisionBottom), width: width))
            rankSeries.append(.init(name: many ? "\(name) BR" : "BR (best)", color: color, dashed: false,
                                    points: points(evaluation, best), width: width))
            rankSeries.append(.init(name: many ? "\(name) WR" : "WR (worst)", color: color, dashed: true,
                                    points: points(evaluation, worst), width: width))
        }
        let precisionRatios = Set(precisionSeries.flatMap { $0.points.map(\.x) }).sorted()
        if !precisionRatios.isEmpty {
            let chart = LineChart(
                title: "P@topK and P@bottomK", subtitle: "share of the estimator's top (bottom) k that is in the true top (bottom) k",
                xTitle: "K as a fraction of N (log scale)", yTitle: "precision",
                xScale: paddedLog(precisionRatios), yScale: .linear(0, 1),
                xTicks: precisionRatios.map { ($0, ValueText.percent($0)) }, series: precisionSeries)
            blocks.append(.figure(chart.figure(name: "precision-at-k",
                caption: "P@topK (solid) and P@bottomK (dashed) at the literature's ratios; 1 is perfect. Points are "
                    + "missing where a value is undefined (k < 1); earlier estimators are drawn wider, so identical "
                    + "curves stay visible.")))
        }
        let rankRatios = Set(rankSeries.flatMap { $0.points.map(\.x) }).sorted()
        let rankValues = rankSeries.flatMap { $0.points.compactMap(\.y) }
        if !rankRatios.isEmpty && !rankValues.isEmpty {
            let chart = LineChart(
                title: "BR@K and WR@K", subtitle: "best and worst true rank (1-based, ÷ N) among the estimator's top k",
                xTitle: "K as a fraction of N (log scale)", yTitle: "true rank / N (log)",
                xScale: paddedLog(rankRatios), yScale: .log(fitting: rankValues),
                xTicks: rankRatios.map { ($0, ValueText.percent($0)) }, series: rankSeries)
            blocks.append(.figure(chart.figure(name: "best-worst-rank-at-k",
                caption: "BR@K (solid) and WR@K (dashed): lower is better; 1/N means the true best architecture. Points "
                    + "are missing where k < 1.")))
        }
        return blocks
    }

    /// A log scale over the cutoff ratios with room for the end markers.
    private static func paddedLog(_ ratios: [Double]) -> ChartScale {
        ChartScale(kind: .log, lower: ratios.min()! / 1.6, upper: ratios.max()! * 1.6)
    }

    /// Spearman's rho between score columns (and the truth): heatmap and table.
    private static func correlations(_ study: RankingStudy) -> [ReportBlock] {
        let matrix = study.correlations
        let chart = HeatmapChart(
            title: "Spearman ρ between score columns", subtitle: "each pair over the rows where both are finite; last = truth",
            labels: matrix.names, values: matrix.values.map { $0.map { $0.isDefined ? $0.value : nil } })
        let rows = matrix.names.indices.map { row in [matrix.names[row]] + matrix.values[row].map { cell($0) } }
        return [
            .figure(chart.figure(name: "correlation-matrix",
                                 caption: "Spearman's rho between every pair of estimators and the truth (last row).")),
            .table(ReportTable(header: ["Spearman rho"] + matrix.names, rows: rows)),
        ]
    }

    /// Mean and standard deviation of every criterion across the score columns.
    private static func varianceBlocks(_ variance: VarianceReport, study: RankingStudy) -> [ReportBlock] {
        let rows = variance.entries.map { entry in
            [entry.name, String(entry.definedCount), cell(entry.mean), cell(entry.standardDeviation)]
        }
        return [
            .paragraph("The \(study.evaluations.count) score columns "
                + "(\(study.evaluations.map { "`\($0.column.name)`" }.joined(separator: ", "))) "
                + "are taken as repetitions of one estimator (seeds, batches or checkpoints). Per criterion: mean and "
                + "sample standard deviation (n − 1) over the columns where it is defined."),
            .table(ReportTable(header: ["criterion", "defined columns", "mean", "std"], rows: rows)),
        ]
    }

    /// Complexity-bucket charts (all score columns together) and per-column tables.
    private static func complexityBias(_ study: RankingStudy) -> [ReportBlock] {
        let tables = study.evaluations.compactMap { evaluation in evaluation.complexityBias.map { (evaluation, $0) } }
        guard let first = tables.first?.1 else { return [] }
        var labels: [String] = []
        for (_, table) in tables { for row in table.rows where !labels.contains(row.label) { labels.append(row.label) } }
        func values(_ table: BiasTable, _ value: (BiasTable.Row) -> MetricValue) -> [Double?] {
            labels.map { label in
                table.rows.first { $0.label == label }.flatMap { value($0).isDefined ? value($0).value : nil }
            }
        }
        let grouping = first.grouping
        var blocks: [ReportBlock] = [.paragraph(
            "Buckets: \(grouping). Mean normalised rank difference = mean over the bucket of (estimator rank − true "
            + "rank) / N, ranks over the whole sample: positive = the estimator places these architectures lower "
            + "than the truth does (after Ning et al. 2021). Top shares: the bucket's members among the top "
            + "\(first.top.label) (k = \(ValueText.count(first.k))) of the estimator and of the truth.")]
        let differences = BarChart(
            title: "Mean normalised rank difference per bucket", subtitle: "estimator − truth; > 0: under-ranked by the estimator",
            categoryTitle: grouping, valueTitle: "mean rank difference / N", categories: labels,
            series: tables.enumerated().map { index, pair in
                .init(name: pair.0.column.name, color: ChartPalette.color(index),
                      values: values(pair.1) { $0.meanNormalizedRankDifference })
            })
        blocks.append(.figure(differences.figure(name: "complexity-rank-difference",
            caption: "Bias per complexity bucket: positive bars are buckets the estimator ranks worse than the truth.")))
        let shares = BarChart(
            title: "Share of the top \(first.top.label) per bucket", subtitle: "truth (grey) against each estimator",
            categoryTitle: grouping, valueTitle: "share of the top k", categories: labels,
            series: [.init(name: "truth", color: "#9a9a9a", values: values(first) { $0.trueTopShare })]
                + tables.enumerated().map { index, pair in
                    .init(name: pair.0.column.name, color: ChartPalette.color(index),
                          values: values(pair.1) { $0.estimatorTopShare })
                })
        blocks.append(.figure(shares.figure(name: "complexity-top-share",
            caption: "Which buckets fill the top \(first.top.label): the truth's choice (grey) against the estimators'.")))
        for (evaluation, table) in tables {
            let rows = table.rows.map { row in
                [row.label, ValueText.count(row.count), cell(row.kendallTau), cell(row.spearmanRho),
                 cell(row.meanNormalizedRankDifference), cell(row.estimatorTopShare), cell(row.trueTopShare)]
            }
            blocks.append(.section(title: "Buckets of \(evaluation.column.name)", collapsed: true, blocks: [
                .table(ReportTable(header: [grouping, "n", "Kendall tau", "Spearman rho", "mean rank diff.",
                                            "estimator top share", "true top share"], rows: rows)),
            ]))
        }
        return blocks
    }

    /// Per-operation charts and tables for every score column.
    private static func operationBias(_ study: RankingStudy) -> [ReportBlock] {
        let reports = study.evaluations.compactMap { evaluation in evaluation.operationBias.map { (evaluation, $0) } }
        guard let first = reports.first?.1 else { return [] }
        var blocks: [ReportBlock] = [.paragraph(
            "For each operation and each count c = 0…6 of edges carrying it: the mean normalised rank difference "
            + "(estimator − truth) of the architectures with exactly c such edges; and each operation's share of the "
            + "edges of the top \(first.top.label) (k = \(ValueText.count(first.k))) architectures of the estimator "
            + "and of the truth.")]
        for (index, pair) in reports.enumerated() {
            let (evaluation, report) = pair
            let series = NB201Operation.allCases.enumerated().map { number, operation in
                LineChart.Series(name: operation.name, color: ChartPalette.color(number), dashed: false,
                                 points: (0...6).map { count in
                                     let row = report.rows.first { $0.operation == operation && $0.operationCount == count }
                                     let value = row?.meanNormalizedRankDifference
                                     return (Double(count), value?.isDefined == true ? value!.value : nil)
                                 })
            }
            let values = report.rows.map(\.meanNormalizedRankDifference).filter(\.isDefined).map(\.value)
            let chart = LineChart(
                title: "\(evaluation.column.name): rank difference by operation count",
                subtitle: "mean (estimator rank − true rank) / N; > 0: under-ranked by the estimator",
                xTitle: "number of edges carrying the operation", yTitle: "mean normalised rank difference",
                xScale: .linear(-0.3, 6.3), yScale: .linear(fitting: values, including: [0]),
                xTicks: (0...6).map { (Double($0), "\($0)") }, series: series, reference: 0)
            blocks.append(.figure(chart.figure(name: "operation-rank-difference-\(index + 1)",
                caption: "How `\(evaluation.column.name)` ranks cells by how many edges carry each operation.")))
        }
        let frequencies = BarChart(
            title: "Operation frequency in the top \(first.top.label)", subtitle: "share of the top-k cells' edges; truth in grey",
            categoryTitle: "operation", valueTitle: "share of edges", categories: NB201Operation.allCases.map(\.name),
            series: [.init(name: "truth", color: "#9a9a9a",
                           values: first.frequencies.map { $0.trueTop.isDefined ? $0.trueTop.value : nil })]
                + reports.enumerated().map { index, pair in
                    .init(name: pair.0.column.name, color: ChartPalette.color(index),
                          values: pair.1.frequencies.map { $0.estimatorTop.isDefined ? $0.estimatorTop.value : nil })
                })
        blocks.append(.figure(frequencies.figure(name: "operation-frequency",
            caption: "Which operations the top \(first.top.label) architectures use: the truth's (grey) against the estimators'.")))
        for (evaluation, report) in reports {
            let rows = report.rows.map { row in
                [row.operation.name, String(row.operationCount), ValueText.count(row.count),
                 cell(row.meanNormalizedRankDifference), cell(row.estimatorTopShare), cell(row.trueTopShare)]
            }
            let frequencyRows = report.frequencies.map { [$0.operation.name, cell($0.estimatorTop), cell($0.trueTop)] }
            blocks.append(.section(title: "Operations of \(evaluation.column.name)", collapsed: true, blocks: [
                .table(ReportTable(header: ["operation", "count", "n", "mean rank diff.", "estimator top share",
                                            "true top share"], rows: rows, numeric: [false, true, true, true, true, true])),
                .table(ReportTable(header: ["operation", "estimator top-k frequency", "true top-k frequency"],
                                   rows: frequencyRows)),
            ]))
        }
        return blocks
    }

    /// Formulas and sources of everything reported.
    private static func definitions(_ study: RankingStudy) -> [ReportBlock] {
        [.bullets([
            "Kendall tau-b = (n_c − n_d) / sqrt((n_c + n_d + t_s)(n_c + n_d + t_g)), t_s / t_g = pairs tied only in "
                + "the scores / only in the truth (Kendall 1945), computed in O(N log N) (Knight 1966); equals "
                + "scipy.stats.kendalltau.",
            "Spearman rho = Pearson's r of the ranks, ties sharing their average rank (Spearman 1904); Pearson r on "
                + "the raw values.",
            "P@topK = |estimator's top k ∩ true top k| / k; P@bottomK mirrors it; KT@topK = Kendall tau-b within the "
                + "estimator's top k; BR@K / WR@K = best / worst 1-based true rank among the estimator's top k, ÷ N "
                + "(Ning et al. 2021, \"Evaluating Efficient Performance Estimators of Neural Architectures\").",
            "Views (Ning et al. 2021): iso = every architecture; deiso = one representative per isomorphism class "
                + "against the class-mean truth; iso2deiso = class-mean scores against the class-mean truth.",
            "Bias reports after Ning et al. (2021) and White et al. (2021), \"How Powerful are Performance "
                + "Predictors in Neural Architecture Search?\".",
            "Missing values: a pair with a NaN, ±infinity, failed or absent score, or a non-finite truth, is dropped "
                + "from every criterion and counted in the summary.",
        ])]
    }

    // MARK: - Notebook code

    /// Code that loads the CSV files with pandas.
    private static func loadCode(_ study: RankingStudy, reportPath: String) -> String {
        """
        from pathlib import Path

        import numpy as np
        import pandas as pd

        REPORT = Path(\(pythonString(reportPath)))  # the folder `nasbench rank` wrote, relative to this notebook
        summary = pd.read_csv(REPORT / "summary.csv")
        criteria = pd.read_csv(REPORT / "criteria.csv")
        criteria.pivot(index="criterion", columns="score", values="value").loc[criteria["criterion"].unique()]
        """
    }

    /// Code that recomputes tau and rho from `data.csv` with scipy.
    private static func recomputeCode(_ study: RankingStudy, reportPath: String) -> String {
        let names = RankingStudyTables.dataColumnNames(study).map(pythonString).joined(separator: ", ")
        return """
            from scipy import stats

            data = pd.read_csv(REPORT / "data.csv")
            for score in [\(names)]:
                usable = np.isfinite(data[score]) & np.isfinite(data["truth"])
                tau = stats.kendalltau(data[score][usable], data["truth"][usable])[0]
                rho = stats.spearmanr(data[score][usable], data["truth"][usable])[0]
                print(f"{score}: n={int(usable.sum())} kendall_tau={float(tau)!r} spearman_rho={float(rho)!r}")
            """
    }

    /// `text` as a Python string literal.
    private static func pythonString(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    // MARK: - Cells

    /// A value for a table cell: 4 decimals, or `undefined: reason`.
    static func cell(_ value: MetricValue?) -> String {
        guard let value else { return "" }
        if let reason = value.undefinedReason { return "undefined: \(reason.description)" }
        return ValueText.rounded(value)
    }

    /// A value for a narrow cell: 4 decimals, `undefined` (the reason is given elsewhere), or empty when absent.
    static func short(_ value: MetricValue?) -> String {
        value.map { ValueText.rounded($0) } ?? ""
    }

    /// A value inside a sentence: `= 0.5778`, or `undefined (reason)`.
    static func inline(_ value: MetricValue?) -> String {
        guard let value else { return "n/a" }
        if let reason = value.undefinedReason { return "undefined (\(reason.description))" }
        return "= " + ValueText.rounded(value)
    }
}
