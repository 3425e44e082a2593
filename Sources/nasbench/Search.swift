import ArgumentParser
import BenchmarkStore
import Foundation
import SearchEvaluation
import SearchReports
import SearchStrategies

/// `nasbench search`: seeded repetitions of search strategies on a tabular benchmark, stored and reported.
struct Search: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run seeded searches on a tabular benchmark, store every run in the database, and write a report.",
        discussion: """
            Each strategy (\(SearchStrategyCatalog.all.map(\.identifier).joined(separator: ", "))) proposes \
            architectures; the loop answers with --signal, charges each query --cost (simulated seconds, by \
            default NB201's 12 × train-per-time + valid-per-time on cifar10-valid) and stops when the next query \
            does not fit in --budget-seconds. Proposals of an already-evaluated isomorphism class are free and not \
            counted as queries (--repeat-cost charged trains them again). A run's result is the strategy's best \
            architecture by search signal; the report gives its --report metric, mean ± std over --runs seeded \
            runs (run r draws from stream r of --seed), unique queries, anytime curves, and with --constraint an \
            accuracy-versus-cost Pareto front. Runs are stored with their full trajectory; running the same \
            command again reuses them and computes only missing repetitions.

            Example:
              nasbench search --db nb201.sqlite --strategy rea --dataset cifar10 \\
                --signal cifar10_test_acc_12ep_oneseed --report cifar10_test_acc_200ep_mean \\
                --budget-seconds 20000 --runs 500 --seed 0 --output reports/search-rea
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Strategies, comma-separated or repeated: \(SearchStrategyCatalog.all.map(\.identifier).joined(separator: ", ")).")
    var strategy: [String]

    @Option(help: "Dataset of the search (where --signal, --report and constraint metrics are looked up).")
    var dataset: String

    @Option(help: "Metric the strategies see (larger is better); metric or metric@dataset.")
    var signal: String

    @Option(help: "Metric reported for the chosen architecture; metric or metric@dataset.")
    var report: String

    @Option(help: "Query cost in simulated seconds: terms joined by +, each [coefficient*]metric.")
    var cost = QueryCost.nb201TwelveEpochs.expression

    @Option(help: "Dataset of the cost metrics.")
    var costDataset = QueryCost.nb201TwelveEpochs.dataset

    @Option(help: "Simulated seconds per run.")
    var budgetSeconds: Double = 20_000

    @Option(help: "Charged queries per run (unlimited when absent).")
    var maxQueries: Int?

    @Option(help: "Stop a run after this many consecutive free repeats.")
    var maxConsecutiveRepeats = SearchBudget.defaultMaxConsecutiveRepeats

    @Option(help: "How a proposal of an already-evaluated isomorphism class is charged: free or charged.")
    var repeatCost: SearchSpecification.RepeatCost = .free

    @Option(help: "What is maximised: accuracy (the signal, subject to every constraint).")
    var objective: SearchSpecification.Objective = .accuracy

    @Option(help: "A bound the chosen architecture must meet, e.g. lat_ms_pixel3<=5 (repeatable; <, <=, >, >=).")
    var constraint: [String] = []

    @Option(help: "Extra cost metric for a Pareto front against --report (repeatable; constraint metrics get one anyway).")
    var paretoMetric: [String] = []

    @Option(help: "Strategy hyperparameter name=value, e.g. population=20 (repeatable).")
    var parameter: [String] = []

    @Option(help: "Seeded repetitions per strategy.")
    var runs = 500

    @Option(help: "Seed of the experiment.")
    var seed: UInt64 = 0

    @Option(help: "Parallel workers (default: all cores).")
    var jobs: Int?

    @Option(help: "Folder the report is written to.")
    var output = "search-report"

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    /// Rejects counts below one.
    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard maxConsecutiveRepeats >= 1 else { throw ValidationError("--max-consecutive-repeats must be at least 1") }
        guard format != .csv else { throw ValidationError("search prints text or json, not csv") }
    }

    func run() async throws {
        var identifiers: [String] = []
        for identifier in strategy.flatMap({ $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } })
        where !identifiers.contains(identifier) {
            identifiers.append(identifier)
        }
        let descriptors = try identifiers.map(SearchStrategyCatalog.descriptor(for:))
        let overrides = try Self.parameters(parameter, strategies: descriptors)
        if let maxQueries, maxQueries < 1 {
            throw SearchEvaluationError("--max-queries \(maxQueries) is below one query")
        }
        let specification = SearchSpecification(
            dataset: dataset,
            signal: try MetricReference(parsing: signal, defaultDataset: dataset),
            report: try MetricReference(parsing: report, defaultDataset: dataset),
            cost: try QueryCost(parsing: cost, dataset: costDataset),
            budget: SearchBudget(seconds: budgetSeconds, maxQueries: maxQueries, maxConsecutiveRepeats: maxConsecutiveRepeats),
            objective: objective,
            constraints: try constraint.map { try SearchConstraint(parsing: $0, defaultDataset: dataset) },
            repeatCost: repeatCost)
        let store = try database.open()
        let problem = try SearchProblem(specification: specification, benchmark: store)
        let paretoColumns = try Self.paretoColumns(problem: problem, extra: paretoMetric, benchmark: store)

        var outcomes: [StrategyOutcome] = []
        for descriptor in descriptors {
            let experiment = try SearchExperiment(problem: problem, strategy: descriptor,
                                                  parameters: overrides[descriptor.identifier] ?? [:], seed: seed)
            let (runs, computed) = try await Self.runs(of: experiment, count: runs, store: store,
                                                       workers: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
            outcomes.append(StrategyOutcome(descriptor: descriptor, parameters: experiment.parameters, runs: runs,
                                            newRuns: computed, budget: specification.budget.seconds))
        }
        let pareto = paretoColumns.map { metric, constraint, values in
            ParetoComparison(metric: metric, constraint: constraint, accuracy: problem.report, cost: values, outcomes: outcomes)
        }
        let searchReport = SearchReport(specification: specification, seed: seed, outcomes: outcomes, pareto: pareto)
        let files = try searchReport.write(to: URL(fileURLWithPath: output, isDirectory: true))
        switch format {
        case .json:
            print(searchReport.json, terminator: "")
        case .text, .csv:
            print(Self.text(searchReport, files: files, output: output))
        }
    }

    /// The runs 0..<count of `experiment`: stored ones reused, missing ones computed on `workers` threads and
    /// stored as they finish (in batches, one transaction each, so an interrupted command keeps finished runs).
    static func runs(of experiment: SearchExperiment, count: Int, store: BenchmarkDatabase,
                     workers: Int) async throws -> (runs: [SearchRun], computed: Int) {
        let key = experiment.storeKey
        let stored = try store.storedSearchRepetitions(key)
        let missing = (0..<count).filter { !stored.contains($0) }
        let progress = ProgressLine(label: "\(experiment.strategy.identifier) runs", total: missing.count)
        var pending: [StoredSearchRun] = []
        var done = 0
        var lastFlush = ContinuousClock.now
        try await experiment.run(repetitions: missing, workers: workers) { run in
            pending.append(StoredSearchRun(run, key: key))
            done += 1
            progress.update(done: done)
            if pending.count >= 200 || ContinuousClock.now - lastFlush > .seconds(1) {
                try store.saveSearchRuns(pending)
                pending.removeAll(keepingCapacity: true)
                lastFlush = ContinuousClock.now
            }
        }
        try store.saveSearchRuns(pending)
        if !missing.isEmpty { progress.finish() }
        let runs = try store.searchRuns(key, repetitions: 0..<count).map { try SearchRun($0, problem: experiment.problem) }
        return (runs, missing.count)
    }

    /// Strategy parameter overrides per strategy id from `name=value` texts; a name no chosen strategy has throws.
    static func parameters(_ texts: [String], strategies: [SearchStrategyDescriptor]) throws -> [String: [String: Double]] {
        var result: [String: [String: Double]] = [:]
        for text in texts {
            let parts = text.split(separator: "=", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let value = Double(parts[1]) else {
                throw SearchEvaluationError("--parameter '\(text)' is not name=number")
            }
            let owners = strategies.filter { $0.parameters.contains { $0.name == parts[0] } }
            guard !owners.isEmpty else {
                let known = strategies.map { "\($0.identifier): " + ($0.parameters.isEmpty ? "none" : $0.parameters.map(\.name).joined(separator: ", ")) }
                throw SearchEvaluationError("--parameter \(parts[0]): no chosen strategy has it (\(known.joined(separator: "; ")))")
            }
            for owner in owners { result[owner.identifier, default: [:]][parts[0]] = value }
        }
        return result
    }

    /// Cost columns to draw fronts for: each constraint's metric, then each extra metric not already listed.
    static func paretoColumns(problem: SearchProblem, extra: [String],
                              benchmark: BenchmarkDatabase) throws -> [(MetricReference, SearchConstraint?, [Double])] {
        let specification = problem.specification
        var columns = zip(specification.constraints, problem.constraintValues).map { ($0.metric, Optional($0), $1) }
        for text in extra {
            let metric = try MetricReference(parsing: text, defaultDataset: specification.dataset)
            guard !columns.contains(where: { $0.0 == metric }) else { continue }
            do {
                columns.append((metric, nil, try SearchProblem.column(metric, from: benchmark)))
            } catch {
                throw SearchEvaluationError("--pareto-metric \(text): \(error)")
            }
        }
        return columns
    }

    /// The text summary printed on standard output.
    static func text(_ report: SearchReport, files: [String], output: String) -> String {
        let spec = report.specification
        var lines = ["search \(spec.searchSpace) \(spec.dataset): signal \(spec.signal.metric), report \(spec.report.metric), "
            + "cost \(spec.cost.expression) on \(spec.cost.dataset), budget \(StrategyParameter.format(spec.budget.seconds)) s"
            + (spec.constraints.isEmpty ? "" : ", subject to " + spec.constraints.map(\.description).joined(separator: ", "))
            + ", seed \(report.seed)"]
        let rows = report.outcomes.map { outcome -> [String] in
            let s = outcome.summary
            return [outcome.descriptor.identifier, "\(s.runs)", "\(s.runs - outcome.newRuns)", "\(s.feasibleRuns)",
                    String(format: "%.2f ± %.2f", s.report.mean, s.report.standardDeviation),
                    String(format: "%.1f ± %.1f", s.uniqueQueries.mean, s.uniqueQueries.standardDeviation),
                    String(format: "%.0f", s.simulatedSeconds.mean)]
        }
        lines.append(TextTable(header: ["strategy", "runs", "reused", "feasible", spec.report.metric, "unique queries", "simulated s"],
                               rows: rows).rendered)
        for comparison in report.pareto {
            let fronts = comparison.strategies.map {
                "\($0.strategy) hypervolume ratio \(String(format: "%.3f", comparison.hypervolumeRatio($0.front))), "
                    + "\(comparison.benchmarkPointsFound(in: $0.front)) found"
            }
            lines.append("pareto \(spec.report.metric) vs \(comparison.metric.metric): benchmark front of "
                + "\(comparison.benchmark.points.count) architectures; " + fronts.joined(separator: "; "))
        }
        lines.append("report: \(output)/ (\(files.joined(separator: ", ")))")
        return lines.joined(separator: "\n")
    }
}

extension SearchSpecification.RepeatCost: ExpressibleByArgument {}
extension SearchSpecification.Objective: ExpressibleByArgument {}

extension SearchExperiment {
    /// The key of this experiment's runs in the database.
    var storeKey: SearchExperimentKey {
        SearchExperimentKey(strategy: strategy.identifier, searchSpace: problem.specification.searchSpace,
                            dataset: problem.specification.dataset, settingsJSON: settingsJSON, seed: seed)
    }
}

extension StoredSearchRun {
    /// The database record of `run`.
    init(_ run: SearchRun, key: SearchExperimentKey) {
        self.init(key: key, repetition: run.repetition, stopReason: run.stopReason.rawValue, resultStep: run.resultStep,
                  steps: run.steps.map {
                      StoredSearchStep(arch: $0.architecture.archString, signal: $0.signal, report: $0.report,
                                       feasible: $0.isFeasible, costSeconds: $0.cost, clockSeconds: $0.clock,
                                       isRepeat: $0.isRepeat, incumbentStep: $0.incumbent)
                  })
    }
}

extension SearchRun {
    /// The run a database record holds; throws when the record names an unknown architecture or stop reason.
    init(_ stored: StoredSearchRun, problem: SearchProblem) throws {
        guard let stopReason = SearchStopReason(rawValue: stored.stopReason) else {
            throw SearchEvaluationError("stored run \(stored.repetition) of \(stored.key.strategy) has unknown stop reason '\(stored.stopReason)'")
        }
        let steps = try stored.steps.map { step in
            guard let architecture = problem.architecture(archString: step.arch) else {
                throw SearchEvaluationError("stored run \(stored.repetition) of \(stored.key.strategy) holds '\(step.arch)', not an NB201 arch string")
            }
            return SearchStep(architecture: architecture, signal: step.signal, report: step.report, isFeasible: step.feasible,
                              cost: step.costSeconds, clock: step.clockSeconds, isRepeat: step.isRepeat,
                              incumbent: step.incumbentStep)
        }
        self.init(strategy: stored.key.strategy, repetition: stored.repetition, seed: stored.key.seed, steps: steps,
                  stopReason: stopReason, resultStep: stored.resultStep)
    }
}
