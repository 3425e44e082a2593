import BenchmarkStore
import BenchmarkTables
import Foundation
import SearchSpaces
import Testing

@Suite("SQLite benchmark store")
struct BenchmarkDatabaseTests {
    static let a = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|"
    static let b = "|avg_pool_3x3~0|+|none~0|nor_conv_1x1~1|+|skip_connect~0|none~1|none~2|"  // isomorphic to a
    static let c = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"

    static func table(name: String = "tiny", accuracy: [Double] = [80, 85, 93]) -> BenchmarkTable {
        BenchmarkTable(
            identity: BenchmarkIdentity(name: name, searchSpace: .nb201, source: "test", licence: "CC0"),
            architectures: [a, b, c], benchmarkIndices: [10, 11, 12],
            blocks: [
                DatasetBlock(dataset: "cifar10", columns: [
                    MetricColumn(name: "acc", unit: "%", fidelityEpochs: 200, role: .groundTruth, higherIsBetter: true,
                                 values: accuracy),
                    MetricColumn(name: "acc_seeds", unit: "%", fidelityEpochs: 200, role: .groundTruth, higherIsBetter: true,
                                 sampleAxis: .seed, samplesPerRow: 2, values: [79, 81, 84, 86, 92, 94]),
                    MetricColumn(name: "latency", unit: "ms", role: .cost, higherIsBetter: false, values: [3, 1, 2]),
                ]),
                DatasetBlock(dataset: "cifar100", architectureRows: [2, 0], columns: [
                    MetricColumn(name: "proxy", role: .estimatorScore, values: [.nan, 4.5],
                                 estimator: EstimatorRecord(id: "proxy", settingsJSON: #"{"batch":"64"}"#, seed: 3)),
                ]),
            ])
    }

    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("nasbench-\(UUID()).sqlite").path
    }

    static func rowCounts(_ database: BenchmarkDatabase) throws -> [Int64] {
        try ["benchmark", "architecture", "metric", "measurement", "estimator_run", "score", "provenance"].map {
            try database.connection.prepare("SELECT count(*) FROM \($0)").rows()[0][0].integerValue!
        }
    }

    @Test("ingesting stores every value, and re-ingesting the same file changes nothing")
    func ingestAndReingest() throws {
        let path = Self.temporaryPath()
        let database = try BenchmarkDatabase(path: path, create: true)
        let outcome = try database.ingest(Self.table(), sourceFile: "tiny.h5", sha256: "aa")
        #expect(outcome == .ingested(metrics: 3, measurements: 12, estimatorRuns: 1, scores: 2))
        let before = try Self.rowCounts(database)
        #expect(before == [1, 3, 3, 12, 1, 2, 1])
        #expect(try database.ingest(Self.table(), sourceFile: "copy.h5", sha256: "aa") == .alreadyIngested(previousPath: "tiny.h5"))
        #expect(try Self.rowCounts(database) == before)
    }

    @Test("queries return the stored values, means over seeds, and failures as failures")
    func queries() throws {
        let database = try BenchmarkDatabase(path: Self.temporaryPath(), create: true)
        _ = try database.ingest(Self.table(), sourceFile: "tiny.h5", sha256: "aa")
        #expect(try database.values(metric: "acc", dataset: "cifar10") == [Self.a: 80, Self.b: 85, Self.c: 93])
        #expect(try database.values(metric: "acc_seeds", dataset: "cifar10") == [Self.a: 80, Self.b: 85, Self.c: 93])
        let stored = try database.architecture(matching: Self.c)
        let measurements = try database.measurements(of: stored, dataset: nil)
        #expect(measurements.map(\.value) == [93, 92, 94, 2])
        let scores = try database.scores(of: stored, dataset: "cifar100")
        #expect(scores.count == 1)
        #expect(scores[0].value == nil)
        #expect(scores[0].failure == "score is nan in the source file")
        #expect(scores[0].seed == 3)
        #expect(try database.scores(of: database.architecture(matching: Self.a), dataset: nil).first?.value == 4.5)
    }

    @Test("top-k orders by the metric's direction and --unique keeps one per isomorphism class")
    func top() throws {
        let database = try BenchmarkDatabase(path: Self.temporaryPath(), create: true)
        _ = try database.ingest(Self.table(), sourceFile: "tiny.h5", sha256: "aa")
        #expect(try database.top(metric: "acc", dataset: "cifar10", count: 3, unique: false, benchmark: nil)
            .map(\.architecture.arch) == [Self.c, Self.b, Self.a])
        #expect(try database.top(metric: "acc", dataset: "cifar10", count: 3, unique: true, benchmark: nil)
            .map(\.architecture.arch) == [Self.c, Self.b])
        #expect(try database.top(metric: "latency", dataset: "cifar10", count: 1, unique: false, benchmark: nil)
            .map(\.value) == [1])
    }

    @Test("a second benchmark goes into the same database; a clashing name needs --benchmark")
    func secondBenchmark() throws {
        let database = try BenchmarkDatabase(path: Self.temporaryPath(), create: true)
        _ = try database.ingest(Self.table(), sourceFile: "tiny.h5", sha256: "aa")
        var second = Self.table(name: "other", accuracy: [1, 2, 3])
        second.blocks.removeLast()
        _ = try database.ingest(second, sourceFile: "other.h5", sha256: "bb")
        #expect(try database.benchmarkNames() == ["tiny", "other"])
        #expect(try Self.rowCounts(database)[1] == 3)  // architectures are shared
        #expect(throws: SQLiteError.self) { try database.values(metric: "acc", dataset: "cifar10") }
        #expect(try database.top(metric: "acc", dataset: "cifar10", count: 1, unique: false, benchmark: "other")[0].value == 3)
    }

    @Test("a conflicting file is rejected and leaves the database unchanged")
    func conflictRollsBack() throws {
        let database = try BenchmarkDatabase(path: Self.temporaryPath(), create: true)
        _ = try database.ingest(Self.table(), sourceFile: "tiny.h5", sha256: "aa")
        let before = try Self.rowCounts(database)
        #expect {
            _ = try database.ingest(Self.table(accuracy: [1, 2, 3]), sourceFile: "changed.h5", sha256: "cc")
        } throws: { error in
            "\(error)".hasSuffix("changed.h5: metric 'acc' of dataset 'cifar10' in benchmark 'tiny' is already stored (from tiny.h5)")
        }
        #expect(try Self.rowCounts(database) == before)
    }

    @Test("export rebuilds the ingested table")
    func exportRoundTrip() throws {
        let database = try BenchmarkDatabase(path: Self.temporaryPath(), create: true)
        let original = Self.table()
        _ = try database.ingest(original, sourceFile: "tiny.h5", sha256: "aa")
        let exported = try database.table(benchmark: "tiny")
        #expect(exported.identity == original.identity)
        #expect(exported.architectures == original.architectures)
        #expect(exported.benchmarkIndices == original.benchmarkIndices)
        #expect(exported.blocks[0] == original.blocks[0])
        #expect(exported.blocks[1].architectureRows == [0, 2])
        #expect(exported.blocks[1].columns[0].values[0] == 4.5)
        #expect(exported.blocks[1].columns[0].values[1].isNaN)
        #expect(exported.blocks[1].columns[0].estimator == original.blocks[1].columns[0].estimator)
    }

    @Test("databases that are missing, not SQLite, foreign or newer are one-line errors")
    func badDatabases() throws {
        let missing = Self.temporaryPath()
        #expect { _ = try BenchmarkDatabase(path: missing) } throws: { "\($0)" == "\(missing): no such database file" }

        let text = Self.temporaryPath()
        try "hello, not a database at all, just text that is long enough to be a header".write(toFile: text, atomically: true, encoding: .utf8)
        #expect { _ = try BenchmarkDatabase(path: text) } throws: { "\($0)" == "\(text): not a SQLite database" }

        let foreign = Self.temporaryPath()
        do {
            let connection = try SQLiteConnection(path: foreign)
            try connection.execute("CREATE TABLE t (x)")
        }
        #expect { _ = try BenchmarkDatabase(path: foreign) } throws: {
            "\($0)" == "\(foreign): not a NASBench database (it has other tables and no schema version)"
        }

        let newer = Self.temporaryPath()
        do {
            _ = try BenchmarkDatabase(path: newer, create: true)
            try SQLiteConnection(path: newer).execute("PRAGMA user_version = 99")
        }
        #expect { _ = try BenchmarkDatabase(path: newer) } throws: {
            "\($0)" == "\(newer): database schema version 99 is newer than this nasbench supports (2); upgrade nasbench"
        }
    }

    @Test("SHA-256 matches published test vectors")
    func sha256() {
        #expect(SHA256.hexDigest(of: Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hexDigest(of: Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(of: Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
