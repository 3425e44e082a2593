import ArgumentParser
import BenchmarkStore
import BenchmarkTables
import Foundation

/// `nasbench ingest`: loads an HDF5 benchmark table into a SQLite database, transactionally.
struct Ingest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Ingest NASBench HDF5 tables into a SQLite database (one transaction per file).",
        discussion: """
            Re-ingesting a file that was already ingested (same SHA-256) changes nothing. A file that fails \
            (bad layout, bad values, a metric the database already holds from another file) leaves the database \
            as it was. Several benchmarks can share one database.

            Example:
              nasbench ingest nb201.h5 hw_cifar10.h5 --db nb201.sqlite
            """
    )

    @Argument(help: "HDF5 files in the NASBench layout.")
    var files: [String]

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let store = try database.open(create: true)
        for file in files {
            let url = URL(fileURLWithPath: file)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw BenchmarkFileError(file: file, problem: "no such file")
            }
            let table = try HDF5TableFormat.read(from: url)
            let outcome = try store.ingest(table, sourceFile: url.standardizedFileURL.path, sha256: SHA256.hexDigest(of: data))
            switch outcome {
            case let .ingested(metrics, measurements, runs, scores):
                print("\(file): ingested benchmark \(table.identity.name): \(table.architectures.count) architectures, "
                    + "\(metrics) metrics, \(measurements) measurements, \(runs) estimator runs, \(scores) scores")
            case let .alreadyIngested(previous):
                print("\(file): already ingested (same SHA-256 as \(previous)); nothing changed")
            }
        }
    }
}
