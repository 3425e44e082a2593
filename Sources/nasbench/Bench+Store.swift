import ArgumentParser
import BenchmarkStore
import BenchmarkTables
import Foundation
import NASCore

extension Bench {
    /// `nasbench bench store`: ingest throughput against sqlite3's own CSV import, lookup latency, and scaling.
    struct Store: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Time ingesting the NB201 table against sqlite3's .import of the same values, lookups, and scaling.",
            discussion: """
                In one run: imports ../shared/data/nb201/nb201_accuracy_latency.csv into a temporary HDF5 table \
                (untimed), then times (best of --repetitions) reading that table and ingesting it into a fresh \
                database; writes the same measurement rows as CSV and times `sqlite3 .import` of them into a table \
                of the same schema; times single-architecture lookups and a whole-column load; and ingests \
                synthetic NB101-style tables of growing size. Build in release mode for meaningful times.

                Example:
                  swift build -c release && .build/release/nasbench bench store
                """
        )

        @Option(help: "Timed repetitions; the fastest is reported.")
        var repetitions = 3

        @Option(parsing: .upToNextOption, help: "Sizes (architectures) of the synthetic tables.")
        var sizes: [Int] = [15_625, 125_000, 1_000_000]

        @Option(help: "Metrics per architecture in the synthetic tables.")
        var metrics = 4

        func run() throws {
            let root = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            guard let csv = ReferenceData.file("nb201/nb201_accuracy_latency.csv", projectRoot: root) else {
                throw ValidationError("reference data not found under \(ReferenceData.directory(projectRoot: root).path); run from the project root")
            }
            let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nasbench-bench-store-\(UUID())")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: scratch) }
            let h5 = scratch.appendingPathComponent("nb201.h5")
            let mapping = try CSVImportMapping.load(from: root.appendingPathComponent("datasets/mappings/nb201_accuracy_latency.json"))
            try HDF5TableFormat.write(try CSVTableImporter.importTable(csv: csv, mapping: mapping), to: h5)

            var read = Double.infinity, ingest = Double.infinity
            var measurementCount = 0
            var lastDatabase = ""
            for repetition in 0..<repetitions {
                let path = scratch.appendingPathComponent("nb201-\(repetition).sqlite").path
                let start = Date()
                let data = try Data(contentsOf: h5)
                let table = try HDF5TableFormat.read(from: h5)
                let afterRead = Date()
                let database = try BenchmarkDatabase(path: path, create: true)
                guard case let .ingested(_, measurements, _, _) = try database.ingest(
                    table, sourceFile: h5.path, sha256: SHA256.hexDigest(of: data)) else { fatalError("fresh database") }
                let end = Date()
                read = min(read, afterRead.timeIntervalSince(start))
                ingest = min(ingest, end.timeIntervalSince(afterRead))
                measurementCount = measurements
                lastDatabase = path
            }

            let sqliteSeconds = try timeSQLiteImport(of: lastDatabase, scratch: scratch)
            let (lookupMean, lookupWorst, columnLoad) = try timeLookups(in: lastDatabase)
            print("""
                ## Store: NB201 table (15,625 architectures, \(measurementCount) measurements)

                | step | time | per measurement |
                | --- | ---: | ---: |
                | read + validate the HDF5 table | \(ms(read)) | |
                | ingest into SQLite (one transaction) | \(ms(ingest)) | \(us(ingest / Double(measurementCount))) |
                | **read + ingest** | **\(ms(read + ingest))** | \(us((read + ingest) / Double(measurementCount))) |
                | sqlite3 CLI `.import` of the same rows (CSV, same table schema) | \(ms(sqliteSeconds)) | \(us(sqliteSeconds / Double(measurementCount))) |
                | ratio (read + ingest) / sqlite3 .import | \(String(format: "%.2f", (read + ingest) / sqliteSeconds)) | |
                | single-architecture lookup (all 35 metrics), mean of 1,000 | \(us(lookupMean)) | |
                | single-architecture lookup, slowest of 1,000 | \(us(lookupWorst)) | |
                | whole-column load (15,625 values) | \(ms(columnLoad)) | |

                ## Store: synthetic NB101-style tables, \(metrics) metrics per architecture

                | architectures | measurements | ingest | per measurement |
                | ---: | ---: | ---: | ---: |
                """)
            for size in sizes {
                let table = Self.syntheticTable(architectures: size, metrics: metrics)
                let path = scratch.appendingPathComponent("synthetic-\(size).sqlite").path
                let start = Date()
                _ = try BenchmarkDatabase(path: path, create: true).ingest(table, sourceFile: "synthetic-\(size)", sha256: "\(size)")
                let seconds = Date().timeIntervalSince(start)
                print("| \(size) | \(size * metrics) | \(ms(seconds)) | \(us(seconds / Double(size * metrics))) |")
                try? FileManager.default.removeItem(atPath: path)
            }
        }

        private func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1e3) }
        private func us(_ seconds: Double) -> String { String(format: "%.2f µs", seconds * 1e6) }

        /// Writes the database's measurement rows as CSV and times sqlite3's `.import` of them (best of repetitions).
        private func timeSQLiteImport(of database: String, scratch: URL) throws -> Double {
            let connection = try SQLiteConnection(path: database)
            let statement = try connection.prepare("SELECT metric_id, architecture_id, sample, value FROM measurement")
            try statement.bind([])
            var csv = ""
            while try statement.step() {
                csv += "\(statement.integer(at: 0)),\(statement.integer(at: 1)),\(statement.integer(at: 2)),\(statement.real(at: 3))\n"
            }
            let csvFile = scratch.appendingPathComponent("measurements.csv")
            try csv.write(to: csvFile, atomically: true, encoding: .utf8)
            var best = Double.infinity
            for repetition in 0..<repetitions {
                let target = scratch.appendingPathComponent("sqlite3-\(repetition).sqlite").path
                try SQLiteConnection(path: target).execute("""
                    CREATE TABLE measurement (metric_id INTEGER NOT NULL, architecture_id INTEGER NOT NULL,
                        sample INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (metric_id, architecture_id, sample)) WITHOUT ROWID
                    """)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = ["sqlite3", target, ".mode csv", ".import \(csvFile.path) measurement"]
                let start = Date()
                try process.run()
                process.waitUntilExit()
                let seconds = Date().timeIntervalSince(start)
                guard process.terminationStatus == 0 else { throw ValidationError("sqlite3 .import failed (is sqlite3 installed?)") }
                let rows = try SQLiteConnection(path: target).prepare("SELECT count(*) FROM measurement").rows()[0][0].integerValue!
                guard rows == Int64(csv.split(separator: "\n").count) else { throw ValidationError("sqlite3 imported \(rows) rows") }
                best = min(best, seconds)
            }
            return best
        }

        /// Times 1,000 seeded random single-architecture lookups and one whole-column load.
        private func timeLookups(in path: String) throws -> (mean: Double, worst: Double, column: Double) {
            let database = try BenchmarkDatabase(path: path)
            let architectures = try database.values(metric: "cifar10_test_acc_200ep_mean", dataset: "cifar10").keys.sorted()
            var generator = SeededGenerator(seed: 1)
            var total = 0.0, worst = 0.0
            for _ in 0..<1_000 {
                let arch = architectures.randomElement(using: &generator)!
                let start = Date()
                let found = try database.measurements(of: database.architecture(matching: arch), dataset: nil)
                let seconds = Date().timeIntervalSince(start)
                guard found.count == 35 else { throw ValidationError("lookup returned \(found.count) measurements") }
                total += seconds
                worst = max(worst, seconds)
            }
            let start = Date()
            let column = try database.values(metric: "cifar10_test_acc_200ep_mean", dataset: "cifar10")
            let columnSeconds = Date().timeIntervalSince(start)
            guard column.count == 15_625 else { throw ValidationError("column has \(column.count) values") }
            return (total / 1_000, worst, columnSeconds)
        }

        /// A seeded synthetic NB101-style table: distinct adjacency/op keys and uniform random metrics.
        static func syntheticTable(architectures count: Int, metrics: Int) -> BenchmarkTable {
            var generator = SeededGenerator(seed: UInt64(count))
            var keys: [String] = []
            keys.reserveCapacity(count)
            for index in 0..<count {
                // 21 upper-triangular adjacency bits and 5 op choices in 0...2 enumerate 2^21·243 distinct keys.
                var adjacency = [Int](repeating: 0, count: 49)
                var bit = 0
                for row in 0..<7 { for column in (row + 1)..<7 { adjacency[row * 7 + column] = (index >> bit) & 1; bit += 1 } }
                var ops = [0]
                var remainder = index >> 21
                for _ in 0..<5 { ops.append(2 + remainder % 3); remainder /= 3 }
                ops.append(1)
                keys.append("(" + (adjacency + ops).map(String.init).joined(separator: ", ") + ")")
            }
            let columns = (0..<metrics).map { metric in
                MetricColumn(name: "metric\(metric)", role: .cost,
                             values: (0..<count).map { _ in Double.random(in: 0..<1, using: &generator) })
            }
            return BenchmarkTable(identity: BenchmarkIdentity(name: "synthetic", searchSpace: .nb101),
                                  architectures: keys, blocks: [DatasetBlock(dataset: "synthetic", columns: columns)])
        }
    }
}
