import BenchmarkStore
import Foundation
import SearchEvaluation
import SearchSpaces
import SearchStrategies
import Testing

@Suite("search runs in the SQLite store")
struct SearchStoreTests {
    /// A fresh database holding the computed benchmark.
    static func database() throws -> BenchmarkDatabase {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("search-store-\(UUID()).sqlite").path
        let database = try BenchmarkDatabase(path: path, create: true)
        _ = try database.ingest(ToyProblem.benchmark.table, sourceFile: "computed", sha256: "computed")
        return database
    }

    @Test("a problem loaded through the database equals the one loaded from the benchmark itself")
    func problemThroughDatabase() throws {
        let database = try Self.database()
        let problem = try SearchProblem(specification: ToyProblem.specification(), benchmark: database)
        #expect(problem.signal == ToyProblem.standard.signal)
        #expect(problem.report == ToyProblem.standard.report)
        #expect(problem.cost == ToyProblem.standard.cost)
        #expect(problem.classCount == 6_466)
    }

    @Test("runs round-trip through the store with their whole trajectory; storing again adds nothing")
    func roundTrip() throws {
        let database = try Self.database()
        let experiment = try SearchExperiment(problem: ToyProblem.standard, strategy: Reinforce.descriptor, seed: 9)
        let key = SearchExperimentKey(strategy: "reinforce", searchSpace: "nb201", dataset: "toy",
                                      settingsJSON: experiment.settingsJSON, seed: 9)
        let runs = (0..<6).map(experiment.run(repetition:))
        let records = runs.map { run in
            StoredSearchRun(key: key, repetition: run.repetition, stopReason: run.stopReason.rawValue, resultStep: run.resultStep,
                            steps: run.steps.map {
                                StoredSearchStep(arch: $0.architecture.archString, signal: $0.signal, report: $0.report,
                                                 feasible: $0.isFeasible, costSeconds: $0.cost, clockSeconds: $0.clock,
                                                 isRepeat: $0.isRepeat, incumbentStep: $0.incumbent)
                            })
        }
        #expect(try database.storedSearchRepetitions(key).isEmpty)
        #expect(try database.saveSearchRuns(Array(records[0..<4])) == 4)
        #expect(try database.saveSearchRuns(records) == 2)
        #expect(try database.saveSearchRuns(records) == 0)
        #expect(try database.storedSearchRepetitions(key) == Set(0..<6))
        #expect(try database.searchRuns(key, repetitions: 0..<6) == records)
        #expect(try database.searchRuns(key, repetitions: 2..<4) == Array(records[2..<4]))

        let otherSeed = SearchExperimentKey(strategy: "reinforce", searchSpace: "nb201", dataset: "toy",
                                            settingsJSON: experiment.settingsJSON, seed: 10)
        #expect(try database.storedSearchRepetitions(otherSeed).isEmpty)
        let summary = try database.connection.prepare("""
            SELECT steps, unique_queries, result_report, simulated_seconds FROM search_run WHERE repetition = 0
            """).rows()[0]
        #expect(summary == [.integer(Int64(runs[0].steps.count)), .integer(Int64(runs[0].uniqueQueries)),
                            .real(runs[0].result!.report), .real(runs[0].elapsedSeconds)])
    }

    @Test("a step naming an architecture the database does not hold rolls the whole save back")
    func unknownArchitecture() throws {
        let database = try Self.database()
        let key = SearchExperimentKey(strategy: "rea", searchSpace: "nb201", dataset: "toy", settingsJSON: "{}", seed: 0)
        let good = StoredSearchRun(key: key, repetition: 0, stopReason: "time-budget", resultStep: nil, steps: [])
        let bad = StoredSearchRun(key: key, repetition: 1, stopReason: "time-budget", resultStep: nil, steps: [
            StoredSearchStep(arch: "|bogus~0|", signal: 1, report: 1, feasible: true, costSeconds: 1, clockSeconds: 1,
                             isRepeat: false, incumbentStep: 0),
        ])
        #expect(throws: SQLiteError.self) { try database.saveSearchRuns([good, bad]) }
        #expect(try database.storedSearchRepetitions(key).isEmpty)
    }

    @Test("a version-1 database is migrated to version 2 on open, keeping its data")
    func migration() throws {
        let database = try Self.database()
        let path = database.path
        try database.connection.execute("DROP TABLE search_step; DROP TABLE search_run; PRAGMA user_version = 1")
        let reopened = try BenchmarkDatabase(path: path)
        #expect(try reopened.connection.prepare("PRAGMA user_version").rows()[0][0] == .integer(2))
        #expect(try reopened.connection.prepare("SELECT count(*) FROM search_run").rows()[0][0] == .integer(0))
        #expect(try reopened.values(metric: "final_accuracy", dataset: "toy").count == 15_625)
    }
}
