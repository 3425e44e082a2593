import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SearchEvaluation
import SearchReports
import SearchSpaces
import SearchStrategies
import Testing

@Suite("the search report: Markdown, CSV, JSON and SVG files")
struct SearchReportTests {
    static func outcome(_ identifier: String, problem: SearchProblem, runs: Int) throws -> StrategyOutcome {
        let experiment = try SearchExperiment(problem: problem, strategy: SearchStrategyCatalog.descriptor(for: identifier), seed: 3)
        return StrategyOutcome(descriptor: experiment.strategy, parameters: experiment.parameters,
                               runs: (0..<runs).map(experiment.run(repetition:)), newRuns: runs,
                               budget: problem.specification.budget.seconds)
    }

    /// Whether `text` is well-formed XML.
    static func isWellFormed(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    @Test("a report with a constraint writes every file, consistent with the runs")
    func files() throws {
        let constraint = try SearchConstraint(parsing: "latency_ms<=2", defaultDataset: "toy")
        let problem = try ToyProblem.problem(constraints: [constraint])
        let outcomes = try ["rea", "random-search"].map { try Self.outcome($0, problem: problem, runs: 12) }
        let pareto = ParetoComparison(metric: constraint.metric, constraint: constraint, accuracy: problem.report,
                                      cost: problem.constraintValues[0], outcomes: outcomes)
        let report = SearchReport(specification: problem.specification, seed: 3, outcomes: outcomes, pareto: [pareto])
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("search-report-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = try report.write(to: directory)
        #expect(files == ["summary.md", "summary.json", "runs.csv", "anytime.csv", "anytime.svg",
                          "pareto-latency_ms.csv", "pareto-latency_ms.svg"])
        func read(_ name: String) throws -> String { try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8) }

        let runs = try read("runs.csv").split(separator: "\n")
        #expect(runs.count == 1 + 24)
        let first = outcomes[0].runs[0]
        #expect(runs[1] == "rea,0,3,\(first.stopReason.rawValue),\(first.steps.count),\(first.queries),\(first.uniqueQueries),"
            + "\(first.elapsedSeconds),\(first.result!.architecture.archString),\(first.result!.signal),\(first.result!.report),1")
        let anytime = try read("anytime.csv").split(separator: "\n")
        #expect(anytime.count == 1 + 2 * 201)
        #expect(anytime.last!.hasPrefix("random-search,3000.0,12,"))

        let markdown = try read("summary.md")
        let summary = outcomes[0].summary
        #expect(markdown.contains("| rea | 12 | \(summary.feasibleRuns) | "
            + String(format: "%.2f ± %.2f", summary.report.mean, summary.report.standardDeviation)))
        #expect(markdown.contains("subject to `latency_ms<=2` (toy)"))

        let json = try #require(JSONSerialization.jsonObject(with: Data(read("summary.json").utf8)) as? [String: Any])
        let strategies = try #require(json["strategies"] as? [[String: Any]])
        #expect(strategies.map { $0["strategy"] as? String } == ["rea", "random-search"])
        #expect((strategies[0]["report"] as? [String: Any])?["mean"] as? Double == summary.report.mean)
        #expect(strategies[0]["parameters"] as? [String: Double] == ["population": 10, "tournament": 3])

        let front = try read("pareto-latency_ms.csv").split(separator: "\n")
        #expect(front.first == "set,arch,final_accuracy,latency_ms")
        #expect(front.filter { $0.hasPrefix("benchmark,") }.count == pareto.benchmark.points.count)
        #expect(pareto.benchmarkPointsFound(in: pareto.benchmark) == pareto.benchmark.points.count)
        for ratio in pareto.strategies.map({ pareto.hypervolumeRatio($0.front) }) { #expect(ratio > 0 && ratio <= 1) }

        for svg in ["anytime.svg", "pareto-latency_ms.svg"] {
            let text = try read(svg)
            #expect(Self.isWellFormed(text), "\(svg)")
            #expect(text.contains("<polyline"))
        }
    }

    @Test("chart ticks are round numbers covering the range")
    func ticks() {
        #expect(SVGChart.ticks(from: 0, to: 20_000) == [0, 5_000, 10_000, 15_000, 20_000])
        #expect(SVGChart.ticks(from: 91.2, to: 94.4) == [91, 92, 93, 94, 95])
        #expect(SVGChart.ticks(from: 93.61, to: 94.37) == [93.6, 93.8, 94, 94.2, 94.4])
        #expect(SVGChart.ticks(from: 3, to: 3) == [2, 2.5, 3, 3.5, 4])
    }
}
