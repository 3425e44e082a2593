import BenchmarkStore
import BenchmarkTables
import Foundation
import SearchSpaces
import Testing

@Suite("recording estimator scores, resuming and merging shards")
struct ScoreRecordingTests {
    static let key = EstimatorRunKey(estimator: "params", searchSpace: .nb201, dataset: "cifar10",
                                     settingsJSON: #"{"dataset":"cifar10"}"#, seed: 0)

    static func records(_ indices: some Sequence<Int>) -> [ScoreRecord] {
        indices.map { index in
            let cell = NB201Architecture(index: index)
            if index % 97 == 0 { return ScoreRecord(architecture: cell.archString, value: .nan, seconds: 0.5) }
            return ScoreRecord(architecture: cell.archString,
                               value: NB201Complexity(cell, dataset: .cifar10).parametersInMillions, seconds: 0.001)
        }
    }

    static func allScores(_ database: BenchmarkDatabase) throws -> [[SQLiteValue]] {
        try database.connection.prepare("""
            SELECT r.estimator, r.settings, r.seed, a.arch, a.canonical, s.value, s.failure FROM score s
            JOIN estimator_run r ON r.id = s.run_id JOIN architecture a ON a.id = s.architecture_id
            ORDER BY a.arch
            """).rows()
    }

    @Test("a run is found again by its key; recorded architectures are skipped on resume; re-recording is idempotent")
    func resume() throws {
        let database = try BenchmarkDatabase(path: BenchmarkDatabaseTests.temporaryPath(), create: true)
        let run = try database.openEstimatorRun(Self.key)
        #expect(try database.openEstimatorRun(Self.key) == run)
        try database.record(Self.records(0..<100), run: run, searchSpace: .nb201)
        #expect(try database.recordedArchitectures(run: run).count == 100)
        try database.record(Self.records(50..<150), run: run, searchSpace: .nb201)
        let stored = try Self.allScores(database)
        #expect(stored.count == 150)
        #expect(stored.filter { $0[6] != .null }.map { $0[6] } == [.text("score is nan"), .text("score is nan")])
    }

    @Test("merging shards equals one unsharded run, and merging twice changes nothing")
    func mergeShards() throws {
        let whole = try BenchmarkDatabase(path: BenchmarkDatabaseTests.temporaryPath(), create: true)
        try whole.record(Self.records(0..<300), run: whole.openEstimatorRun(Self.key), searchSpace: .nb201)

        var shardPaths: [String] = []
        for shard in 0..<3 {
            let path = BenchmarkDatabaseTests.temporaryPath()
            let database = try BenchmarkDatabase(path: path, create: true)
            _ = try database.ingest(BenchmarkDatabaseTests.table(), sourceFile: "tiny.h5", sha256: "aa")
            try database.record(Self.records(stride(from: shard, to: 300, by: 3)),
                                run: database.openEstimatorRun(Self.key), searchSpace: .nb201)
            shardPaths.append(path)
        }
        let merged = try BenchmarkDatabase(path: BenchmarkDatabaseTests.temporaryPath(), create: true)
        for path in shardPaths { try merged.merge(from: path) }
        let scores = try Self.allScores(merged).filter { $0[0] == .text("params") }
        #expect(scores == (try Self.allScores(whole)))
        let counts = try BenchmarkDatabaseTests.rowCounts(merged)
        try merged.merge(from: shardPaths[0])
        #expect(try BenchmarkDatabaseTests.rowCounts(merged) == counts)
        #expect(counts[0...2] == [1, 300 + 3, 3])  // one benchmark; 300 scored architectures plus its own 3
        #expect(try merged.values(metric: "acc", dataset: "cifar10").count == 3)
    }

    @Test("conflicting scores for the same run are refused and nothing is merged")
    func conflict() throws {
        let first = try BenchmarkDatabase(path: BenchmarkDatabaseTests.temporaryPath(), create: true)
        try first.record(Self.records(0..<10), run: first.openEstimatorRun(Self.key), searchSpace: .nb201)
        let otherPath = BenchmarkDatabaseTests.temporaryPath()
        let other = try BenchmarkDatabase(path: otherPath, create: true)
        var changed = Self.records(5..<20)
        changed[1].value = 42
        try other.record(changed, run: other.openEstimatorRun(Self.key), searchSpace: .nb201)
        let before = try Self.allScores(first)
        #expect { try first.merge(from: otherPath) } throws: { error in
            "\(error)" == "\(otherPath): 1 scores differ from those already in \(first.path); nothing merged"
        }
        #expect(try Self.allScores(first) == before)
    }
}
