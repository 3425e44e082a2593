import Foundation
import SearchEvaluation
import SearchStrategies

/// The report of a search experiment: summary tables, anytime curves and Pareto fronts as Markdown, CSV, SVG and
/// JSON files in one folder.
public struct SearchReport: Sendable {
    /// The search problem's specification.
    public let specification: SearchSpecification
    /// The experiment's seed.
    public let seed: UInt64
    /// The strategies' outcomes, in command-line order.
    public let outcomes: [StrategyOutcome]
    /// Accuracy-versus-cost fronts, one per cost metric.
    public let pareto: [ParetoComparison]

    /// Creates a report.
    public init(specification: SearchSpecification, seed: UInt64, outcomes: [StrategyOutcome], pareto: [ParetoComparison]) {
        self.specification = specification
        self.seed = seed
        self.outcomes = outcomes
        self.pareto = pareto
    }

    /// Writes every file into `directory` (created when absent) and returns their names.
    @discardableResult
    public func write(to directory: URL) throws -> [String] {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var files: [(String, String)] = [
            ("summary.md", markdown), ("summary.json", json), ("runs.csv", runsCSV),
            ("anytime.csv", anytimeCSV), ("anytime.svg", anytimeChart.svg),
        ]
        for comparison in pareto {
            files.append(("pareto-\(comparison.metric.metric).csv", paretoCSV(comparison)))
            files.append(("pareto-\(comparison.metric.metric).svg", paretoChart(comparison).svg))
        }
        for (name, contents) in files {
            try contents.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return files.map(\.0)
    }

    // MARK: Markdown

    /// The report as Markdown: settings, the results table, anytime milestones, fronts, and links to the plots.
    public var markdown: String {
        let spec = specification
        var lines = [
            "# Search on \(spec.searchSpace) \(spec.dataset)",
            "",
            "| setting | value |",
            "| --- | --- |",
            "| search signal (what strategies see) | `\(spec.signal.metric)` on \(spec.signal.dataset) |",
            "| reported metric | `\(spec.report.metric)` on \(spec.report.dataset) |",
            "| query cost (simulated clock) | `\(spec.cost.expression)` on \(spec.cost.dataset) |",
            "| budget | \(Self.number(spec.budget.seconds)) simulated s"
                + (spec.budget.maxQueries.map { ", \($0) queries" } ?? "")
                + "; stalled after \(spec.budget.maxConsecutiveRepeats) consecutive repeats |",
            "| repeated isomorphism classes | \(spec.repeatCost.rawValue) |",
            "| objective | \(spec.objective.rawValue)"
                + (spec.constraints.isEmpty ? "" : " subject to " + spec.constraints.map { "`\($0)` (\($0.metric.dataset))" }.joined(separator: ", "))
                + " |",
            "| runs per strategy, seed | \(outcomes.map(\.runs.count).max() ?? 0), seed \(seed) (run r uses stream r) |",
            "",
            "## Results",
            "",
            "Final \(spec.report.metric) of each run's chosen architecture (its best by search signal), mean ± sample std over runs.",
            "",
            "| strategy | runs | feasible | \(spec.report.metric) | median | min | max | unique queries | queries | simulated s | stops |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ]
        for outcome in outcomes {
            let s = outcome.summary
            lines.append("| \(outcome.descriptor.identifier) | \(s.runs) | \(s.feasibleRuns) | "
                + "\(Self.fixed(s.report.mean)) ± \(Self.fixed(s.report.standardDeviation)) | \(Self.fixed(s.report.median)) | "
                + "\(Self.fixed(s.report.minimum)) | \(Self.fixed(s.report.maximum)) | "
                + "\(Self.fixed(s.uniqueQueries.mean, 1)) ± \(Self.fixed(s.uniqueQueries.standardDeviation, 1)) | "
                + "\(Self.fixed(s.queries.mean, 1)) | \(Self.fixed(s.simulatedSeconds.mean, 0)) | \(Self.stops(s)) |")
        }
        lines += ["", "Strategies:", ""]
        for outcome in outcomes {
            let parameters = outcome.parameters.keys.sorted().map { "\($0) = \(StrategyParameter.format(outcome.parameters[$0]!))" }
            lines.append("- `\(outcome.descriptor.identifier)` (\(outcome.descriptor.name), revision \(outcome.descriptor.revision)"
                + (parameters.isEmpty ? "" : "; " + parameters.joined(separator: ", "))
                + "): \(outcome.descriptor.citation). \(outcome.runs.count - outcome.newRuns) runs reused from the database, "
                + "\(outcome.newRuns) computed now.")
        }
        lines += ["", "## Anytime performance", "",
                  "Incumbent's \(spec.report.metric) against simulated time, mean ± std over runs (band in the plot); "
                  + "every point of the curves is in [anytime.csv](anytime.csv).", "",
                  "![anytime](anytime.svg)", ""]
        let fractions = [0.1, 0.25, 0.5, 0.75, 1.0]
        lines.append("| strategy | " + fractions.map { "\(Self.number(spec.budget.seconds * $0)) s" }.joined(separator: " | ") + " |")
        lines.append("| --- |" + String(repeating: " ---: |", count: fractions.count))
        for outcome in outcomes {
            let cells = fractions.map { fraction -> String in
                let target = spec.budget.seconds * fraction
                guard let point = outcome.curve.points.min(by: { abs($0.seconds - target) < abs($1.seconds - target) }),
                      point.statistics.count > 0 else { return "–" }
                return "\(Self.fixed(point.statistics.mean)) ± \(Self.fixed(point.statistics.standardDeviation))"
            }
            lines.append("| \(outcome.descriptor.identifier) | " + cells.joined(separator: " | ") + " |")
        }
        for comparison in pareto {
            let name = comparison.metric.metric
            lines += ["", "## Pareto front: \(spec.report.metric) vs \(name)", "",
                      "Non-dominated architectures (higher \(spec.report.metric), lower \(name)) among all the architectures "
                      + "each strategy evaluated over all its runs, against the front of the whole benchmark "
                      + "(\(comparison.benchmark.candidateCount) architectures). The hypervolume ratio is the area a front "
                      + "dominates over the benchmark front's, from the reference point (median benchmark accuracy "
                      + "\(Self.fixed(comparison.reference.accuracy)), largest cost \(Self.fixed(comparison.reference.cost, 4))).", "",
                      "![pareto](pareto-\(name).svg)", "",
                      "| set | evaluated | front size | benchmark-front architectures found | hypervolume ratio |",
                      "| --- | ---: | ---: | ---: | ---: |",
                      "| benchmark | \(comparison.benchmark.candidateCount) | \(comparison.benchmark.points.count) | "
                      + "\(comparison.benchmark.points.count) | 1.000 |"]
            for (strategy, front) in comparison.strategies {
                lines.append("| \(strategy) | \(front.candidateCount) | \(front.points.count) | "
                    + "\(comparison.benchmarkPointsFound(in: front)) | \(Self.fixed(comparison.hypervolumeRatio(front), 3)) |")
            }
            lines += ["", "Benchmark front (cheapest first):", "", "| \(name) | \(spec.report.metric) | arch |", "| ---: | ---: | --- |"]
            for point in comparison.benchmark.points {
                // GitHub tables split cells at every unescaped pipe, code spans included.
                let arch = point.architecture.archString.replacingOccurrences(of: "|", with: "\\|")
                lines.append("| \(Self.fixed(point.cost, 4)) | \(Self.fixed(point.accuracy)) | `\(arch)` |")
            }
        }
        lines += ["", "Files: [summary.json](summary.json), [runs.csv](runs.csv) (one row per run with its chosen architecture), "
                  + "[anytime.csv](anytime.csv)" + pareto.map { ", [pareto-\($0.metric.metric).csv](pareto-\($0.metric.metric).csv)" }.joined()
                  + ".", ""]
        return lines.joined(separator: "\n")
    }

    // MARK: CSV

    /// One row per run: its identity, why it stopped, its budget use and its chosen architecture.
    public var runsCSV: String {
        var lines = ["strategy,repetition,seed,stop_reason,steps,queries,unique_queries,simulated_seconds,arch,signal,report,feasible"]
        for outcome in outcomes {
            for run in outcome.runs {
                let result = run.result
                lines.append([run.strategy, "\(run.repetition)", "\(run.seed)", run.stopReason.rawValue, "\(run.steps.count)",
                              "\(run.queries)", "\(run.uniqueQueries)", "\(run.elapsedSeconds)", result?.architecture.archString ?? "",
                              result.map { "\($0.signal)" } ?? "", result.map { "\($0.report)" } ?? "",
                              result.map { $0.isFeasible ? "1" : "0" } ?? ""].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The anytime curves: per strategy and time, runs with a feasible incumbent and their report statistics.
    public var anytimeCSV: String {
        var lines = ["strategy,seconds,runs,mean,std,mean_minus_std,mean_plus_std,p25,median,p75"]
        for outcome in outcomes {
            for point in outcome.curve.points {
                let s = point.statistics
                lines.append([outcome.descriptor.identifier, "\(point.seconds)", "\(s.count)"].joined(separator: ",") + ","
                    + [s.mean, s.standardDeviation, s.mean - s.standardDeviation, s.mean + s.standardDeviation,
                       s.lowerQuartile, s.median, s.upperQuartile].map { $0.isNaN ? "" : "\($0)" }.joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The fronts of one comparison: set (benchmark or strategy id), arch, accuracy, cost.
    public func paretoCSV(_ comparison: ParetoComparison) -> String {
        var lines = ["set,arch,\(specification.report.metric),\(comparison.metric.metric)"]
        let sets = [("benchmark", comparison.benchmark)] + comparison.strategies.map { ($0.strategy, $0.front) }
        for (name, front) in sets {
            for point in front.points {
                lines.append("\(name),\(point.architecture.archString),\(point.accuracy),\(point.cost)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: SVG

    /// Incumbent report metric against simulated time: mean line and mean ± std band per strategy.
    public var anytimeChart: SVGChart {
        let series = outcomes.enumerated().map { offset, outcome in
            let points = outcome.curve.points.filter { $0.statistics.count > 0 }
            return SVGChart.Series(
                name: outcome.descriptor.identifier, color: SVGChart.palette[offset % SVGChart.palette.count], style: .line,
                points: points.map { ($0.seconds, $0.statistics.mean) },
                band: points.map { ($0.seconds, $0.statistics.mean - $0.statistics.standardDeviation,
                                    $0.statistics.mean + $0.statistics.standardDeviation) })
        }
        // Fit the y range to the curves after the first tenth of the budget, where at least 90 % of the runs have
        // a feasible incumbent, so early incumbents (low, or from few runs) do not flatten the plot.
        let late = outcomes.flatMap { outcome in
            outcome.curve.points.dropFirst(outcome.curve.points.count / 10)
                .filter { Double($0.statistics.count) >= 0.9 * Double(outcome.runs.count) && $0.statistics.count > 0 }
        }
        let low = late.map { $0.statistics.mean - $0.statistics.standardDeviation }.min()
        let high = late.map { $0.statistics.mean + $0.statistics.standardDeviation }.max()
        return SVGChart(title: "Anytime \(specification.report.metric) (\(specification.dataset))",
                        xLabel: "simulated time (s)", yLabel: specification.report.metric, series: series,
                        yRange: low.flatMap { low in high.map { low...$0 } })
    }

    /// The benchmark's front, each strategy's front, and the constraint bound as a vertical line.
    public func paretoChart(_ comparison: ParetoComparison) -> SVGChart {
        var series = [SVGChart.Series(name: "benchmark front", color: "#BBBBBB", style: .step,
                                      points: comparison.benchmark.points.map { ($0.cost, $0.accuracy) }, lineWidth: 7)]
        for (offset, entry) in comparison.strategies.enumerated() {
            series.append(SVGChart.Series(name: entry.strategy, color: SVGChart.palette[offset % SVGChart.palette.count],
                                          style: .step, points: entry.front.points.map { ($0.cost, $0.accuracy) }))
        }
        let markers = comparison.constraint.map { [SVGChart.Marker(x: $0.bound, label: $0.description)] } ?? []
        // The y axis starts at the hypervolume reference (median accuracy): the region where fronts differ.
        let top = comparison.benchmark.points.map(\.accuracy).max() ?? comparison.reference.accuracy
        return SVGChart(title: "\(specification.report.metric) vs \(comparison.metric.metric)",
                        xLabel: comparison.metric.metric, yLabel: specification.report.metric, series: series, markers: markers,
                        yRange: comparison.reference.accuracy...max(top, comparison.reference.accuracy + 1e-9))
    }

    // MARK: JSON

    /// The summary as JSON (snake_case keys): settings, per-strategy statistics, fronts.
    public var json: String {
        struct Statistics: Encodable {
            let count: Int, mean: Double?, std: Double?, min: Double?, median: Double?, max: Double?
            init(_ s: SampleStatistics) {
                func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }
                (count, mean, std, min, median, max) = (s.count, finite(s.mean), finite(s.standardDeviation),
                                                        finite(s.minimum), finite(s.median), finite(s.maximum))
            }
        }
        struct Strategy: Encodable {
            let strategy: String, name: String, citation: String, revision: Int, parameters: [String: Double]
            let runs: Int, newRuns: Int, reusedRuns: Int, feasibleRuns: Int
            let report: Statistics, signal: Statistics, uniqueQueries: Statistics, queries: Statistics, simulatedSeconds: Statistics
            let stopReasons: [String: Int]
        }
        struct Front: Encodable {
            let strategy: String, evaluated: Int, frontSize: Int, benchmarkPointsFound: Int, hypervolumeRatio: Double
        }
        struct Pareto: Encodable { let metric: String, dataset: String, benchmarkFrontSize: Int, fronts: [Front] }
        struct Summary: Encodable {
            let search: SearchSpecification, seed: UInt64, strategies: [Strategy], pareto: [Pareto]
        }
        let summary = Summary(
            search: specification, seed: seed,
            strategies: outcomes.map { outcome in
                let s = outcome.summary
                return Strategy(strategy: outcome.descriptor.identifier, name: outcome.descriptor.name,
                                citation: outcome.descriptor.citation, revision: outcome.descriptor.revision,
                                parameters: outcome.parameters, runs: s.runs, newRuns: outcome.newRuns,
                                reusedRuns: s.runs - outcome.newRuns, feasibleRuns: s.feasibleRuns,
                                report: Statistics(s.report), signal: Statistics(s.signal),
                                uniqueQueries: Statistics(s.uniqueQueries), queries: Statistics(s.queries),
                                simulatedSeconds: Statistics(s.simulatedSeconds),
                                stopReasons: Dictionary(uniqueKeysWithValues: s.stopReasons.map { ($0.rawValue, $1) }))
            },
            pareto: pareto.map { comparison in
                Pareto(metric: comparison.metric.metric, dataset: comparison.metric.dataset,
                       benchmarkFrontSize: comparison.benchmark.points.count,
                       fronts: comparison.strategies.map {
                           Front(strategy: $0.strategy, evaluated: $0.front.candidateCount, frontSize: $0.front.points.count,
                                 benchmarkPointsFound: comparison.benchmarkPointsFound(in: $0.front),
                                 hypervolumeRatio: comparison.hypervolumeRatio($0.front))
                       })
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try! encoder.encode(summary), as: UTF8.self) + "\n"
    }

    // MARK: Formatting

    private static func fixed(_ value: Double, _ decimals: Int = 2) -> String {
        value.isFinite ? String(format: "%.\(decimals)f", value) : "–"
    }

    private static func number(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    private static func stops(_ summary: SearchSummary) -> String {
        SearchStopReason.allCases.compactMap { reason in summary.stopReasons[reason].map { "\(reason.rawValue) \($0)" } }
            .joined(separator: ", ")
    }
}
