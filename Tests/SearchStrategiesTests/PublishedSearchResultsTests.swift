import BenchmarkStore
import BenchmarkTables
import Foundation
import SearchEvaluation
import SearchStrategies
import Testing

/// NAS-Bench-201's published search results on CIFAR-10 (Dong & Yang, ICLR 2020, Table 5; REFERENCE §5),
/// reproduced on the reference data through the real store.
@Suite("NB201 CIFAR-10 search results against the published table")
struct PublishedSearchResultsTests {
    /// Published mean and standard deviation of the final CIFAR-10 test accuracy over 500 runs.
    static let published: [(strategy: String, mean: Double, std: Double)] = [
        ("random-search", 93.70, 0.36), ("reinforce", 93.85, 0.37), ("rea", 93.92, 0.30),
    ]

    @Test("500 runs of random search, REINFORCE and REA land within one published std of NB201's means")
    func nb201Cifar10() async throws {
        guard let accuracy = ProjectPaths.referenceFile("nb201/nb201_accuracy_latency.csv"),
              let trainStats = ProjectPaths.referenceFile("nb201/nb201_cifar10valid_train_stats.csv") else { return }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nb201-search-\(UUID()).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let database = try BenchmarkDatabase(path: path, create: true)
        for (csv, mapping) in [(accuracy, "nb201_accuracy_latency.json"), (trainStats, "nb201_cifar10valid_train_stats.json")] {
            let rules = try CSVImportMapping.load(from: ProjectPaths.root.appendingPathComponent("datasets/mappings/\(mapping)"))
            _ = try database.ingest(try CSVTableImporter.importTable(csv: csv, mapping: rules), sourceFile: csv.path, sha256: mapping)
        }
        // Signal: 12-epoch CIFAR-10 test accuracy (one seed); report: 200-epoch CIFAR-10 test accuracy (mean over
        // seeds); clock: 12 × train-per-time + valid-per-time of cifar10-valid; 20,000 simulated seconds per run.
        let specification = SearchSpecification(
            dataset: "cifar10", signal: MetricReference(metric: "cifar10_test_acc_12ep_oneseed", dataset: "cifar10"),
            report: MetricReference(metric: "cifar10_test_acc_200ep_mean", dataset: "cifar10"),
            budget: SearchBudget(seconds: 20_000))
        let problem = try SearchProblem(specification: specification, benchmark: database)
        for (strategy, mean, std) in Self.published {
            let experiment = try SearchExperiment(problem: problem, strategy: SearchStrategyCatalog.descriptor(for: strategy), seed: 0)
            var runs: [SearchRun] = []
            try await experiment.run(repetitions: Array(0..<500), workers: ProcessInfo.processInfo.activeProcessorCount) {
                runs.append($0)
            }
            let summary = SearchSummary(strategy: strategy, runs: runs)
            print("NB201 CIFAR-10 \(strategy): \(String(format: "%.2f ± %.2f", summary.report.mean, summary.report.standardDeviation)) "
                + "over \(summary.runs) runs (published \(mean) ± \(std)), \(String(format: "%.1f", summary.uniqueQueries.mean)) unique queries")
            #expect(summary.runs == 500 && summary.feasibleRuns == 500)
            #expect(abs(summary.report.mean - mean) <= std, "\(strategy): \(summary.report.mean) vs \(mean) ± \(std)")
            #expect(runs.allSatisfy { $0.stopReason == .timeBudget && $0.elapsedSeconds <= 20_000 })
        }
    }
}
