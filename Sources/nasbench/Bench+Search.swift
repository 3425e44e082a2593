import ArgumentParser
import BenchmarkStore
import Foundation
import SearchEvaluation
import SearchReports
import SearchStrategies

extension Bench {
    /// `nasbench bench search`: times many seeded search runs on an NB201 database, phase by phase.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time seeded search runs on an NB201 database: load, search on one and on all cores, store, report.",
            discussion: """
                Loads the search problem through TabularBenchmark (signal, report and the 12-epoch cost columns), runs \
                --runs seeded repetitions of --strategy with one worker and with one worker per core (best of \
                --repetitions each; both must give identical trajectories), and compares with a reference measured \
                in the same run: the same proposals answered one by one from SQLite (one \
                BenchmarkDatabase.measurements(of:) lookup per proposal, timed on the first --reference-runs runs and \
                scaled to all). Then stores all runs in a scratch copy of the database (one transaction), reads them \
                back, and writes the report. Prints a Markdown table. Build in release mode for meaningful times.

                Example:
                  swift build -c release && .build/release/nasbench bench search --db nb201.sqlite --runs 500
                """
        )

        @OptionGroup var database: DatabaseOptions

        @Option(help: "Strategy to time.")
        var strategy = "rea"

        @Option(help: "Seeded runs.")
        var runs = 500

        @Option(help: "Timed repetitions of the search phases; the fastest is reported.")
        var repetitions = 3

        @Option(help: "Runs whose queries are replayed through per-query SQLite lookups for the reference.")
        var referenceRuns = 20

        @Option(help: "Seed.")
        var seed: UInt64 = 0

        @Option(help: "Dataset of the search.")
        var dataset = "cifar10"

        @Option(help: "Search signal.")
        var signal = "cifar10_test_acc_12ep_oneseed"

        @Option(help: "Report metric.")
        var report = "cifar10_test_acc_200ep_mean"

        @Option(help: "Simulated seconds per run.")
        var budgetSeconds: Double = 20_000

        @Option(help: "Dataset of the 12-epoch cost metrics (train-per-time, valid-per-time).")
        var costDataset = QueryCost.nb201TwelveEpochs.dataset

        /// Rejects counts below one.
        func validate() throws {
            guard runs >= 1, repetitions >= 1, referenceRuns >= 1 else {
                throw ValidationError("--runs, --repetitions and --reference-runs must be at least 1")
            }
        }

        func run() async throws {
            let store = try database.open()
            let descriptor = try SearchStrategyCatalog.descriptor(for: strategy)
            let specification = SearchSpecification(
                dataset: dataset, signal: try MetricReference(parsing: signal, defaultDataset: dataset),
                report: try MetricReference(parsing: report, defaultDataset: dataset),
                cost: QueryCost(dataset: costDataset, terms: QueryCost.nb201TwelveEpochs.terms), budget: SearchBudget(seconds: budgetSeconds))
            var problem: SearchProblem?
            let load = try Self.best(of: repetitions) { problem = try SearchProblem(specification: specification, benchmark: store) }
            let experiment = try SearchExperiment(problem: problem!, strategy: descriptor, seed: seed)
            let workers = ProcessInfo.processInfo.activeProcessorCount

            var serialRuns: [SearchRun] = [], parallelRuns: [SearchRun] = []
            var serial = Double.infinity, parallel = Double.infinity
            for _ in 0..<repetitions {
                var collected: [SearchRun] = []
                var start = ContinuousClock.now
                try await experiment.run(repetitions: Array(0..<runs), workers: 1) { collected.append($0) }
                serial = min(serial, Self.seconds(since: start))
                serialRuns = collected
                collected = []
                start = ContinuousClock.now
                try await experiment.run(repetitions: Array(0..<runs), workers: workers) { collected.append($0) }
                parallel = min(parallel, Self.seconds(since: start))
                parallelRuns = collected.sorted { $0.repetition < $1.repetition }
            }
            guard serialRuns == parallelRuns else { throw ValidationError("serial and parallel runs differ") }
            let steps = serialRuns.reduce(0) { $0 + $1.steps.count }

            let replayed = serialRuns.prefix(referenceRuns).flatMap(\.steps)
            var start = ContinuousClock.now
            for step in replayed {
                let found = try store.measurements(of: store.architecture(matching: step.architecture.archString), dataset: nil)
                guard !found.isEmpty else { throw ValidationError("no measurements for \(step.architecture.archString)") }
            }
            let perLookup = Self.seconds(since: start) / Double(max(1, replayed.count))
            let reference = perLookup * Double(steps)

            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nasbench-bench-search-\(UUID())")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let copy = scratch.appendingPathComponent("copy.sqlite")
            try FileManager.default.copyItem(atPath: store.path, toPath: copy.path)
            let scratchStore = try BenchmarkDatabase(path: copy.path)
            let key = experiment.storeKey
            start = ContinuousClock.now
            let records = serialRuns.map { StoredSearchRun($0, key: key) }
            try scratchStore.saveSearchRuns(records)
            let save = Self.seconds(since: start)
            start = ContinuousClock.now
            let reloaded = try scratchStore.searchRuns(key, repetitions: 0..<runs).map { try SearchRun($0, problem: experiment.problem) }
            let reload = Self.seconds(since: start)
            guard reloaded == serialRuns else { throw ValidationError("runs read back differ from the runs stored") }
            start = ContinuousClock.now
            let outcome = StrategyOutcome(descriptor: descriptor, parameters: experiment.parameters, runs: reloaded, newRuns: runs,
                                          budget: budgetSeconds)
            try SearchReport(specification: specification, seed: seed, outcomes: [outcome], pareto: [])
                .write(to: scratch.appendingPathComponent("report"))
            let reporting = Self.seconds(since: start)

            let summary = outcome.summary
            print("""
                ## Search: \(runs) runs of \(descriptor.identifier) on \(specification.searchSpace) \(dataset) \
                (\(StrategyParameter.format(budgetSeconds)) simulated s each, \(steps) proposals in all)

                Result: \(report) \(String(format: "%.2f ± %.2f", summary.report.mean, summary.report.standardDeviation)), \
                \(String(format: "%.1f", summary.uniqueQueries.mean)) unique queries per run. Best of \(repetitions) for the search rows.

                | phase | time | per run | per proposal |
                | --- | ---: | ---: | ---: |
                | load the problem through TabularBenchmark (4 columns, isomorphism classes) | \(Self.ms(load)) | | |
                | search, 1 worker | \(Self.ms(serial)) | \(Self.us(serial / Double(runs))) | \(Self.us(serial / Double(steps))) |
                | search, \(workers) workers | \(Self.ms(parallel)) | \(Self.us(parallel / Double(runs))) | \(Self.us(parallel / Double(steps))) |
                | speed-up, \(workers) workers / 1 worker | \(String(format: "%.2f×", serial / parallel)) | | |
                | reference: one SQLite lookup per proposal (measured on \(replayed.count) proposals, scaled) | \(Self.ms(reference)) | \(Self.us(reference / Double(runs))) | \(Self.us(perLookup)) |
                | ratio reference / search with \(workers) workers | \(String(format: "%.0f×", reference / parallel)) | | |
                | store all runs and trajectories (one transaction) | \(Self.ms(save)) | \(Self.us(save / Double(runs))) | \(Self.us(save / Double(steps))) |
                | read all runs back | \(Self.ms(reload)) | \(Self.us(reload / Double(runs))) | |
                | report (summary, anytime curve, files) | \(Self.ms(reporting)) | | |
                | **load + search (\(workers) workers) + store + read back + report** | **\(Self.ms(load + parallel + save + reload + reporting))** | | |
                """)
        }

        /// Runs `body` `count` times and returns the fastest wall-clock time in seconds.
        static func best(of count: Int, _ body: () throws -> Void) rethrows -> Double {
            var fastest = Double.infinity
            for _ in 0..<count {
                let start = ContinuousClock.now
                try body()
                fastest = min(fastest, seconds(since: start))
            }
            return fastest
        }

        static func seconds(since start: ContinuousClock.Instant) -> Double {
            let elapsed = ContinuousClock.now - start
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }

        private static func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1e3) }
        private static func us(_ seconds: Double) -> String { String(format: "%.2f µs", seconds * 1e6) }
    }
}
