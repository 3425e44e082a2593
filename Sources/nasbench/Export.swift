import ArgumentParser
import BenchmarkStore
import BenchmarkTables
import Foundation

/// `nasbench export`: writes a stored benchmark back out as HDF5 or CSV.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export a stored benchmark as a NASBench HDF5 table or a CSV file with its import mapping.",
        discussion: """
            HDF5 output re-ingests to the same database contents. CSV output is long (one row per architecture \
            and dataset) and comes with <output>.mapping.json, so `nasbench import csv` reads it back.

            Example:
              nasbench export --db nb201.sqlite --benchmark nb201 --format h5 --output nb201-copy.h5
            """
    )

    /// The export file formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, h5
    }

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The benchmark to export (required when the database holds several).")
    var benchmark: String?

    @Option(help: "csv or h5.")
    var format: Format

    @Option(name: [.short, .long], help: "The file to write.")
    var output: String

    func run() throws {
        let store = try database.open()
        let names = try store.benchmarkNames()
        guard let name = benchmark ?? (names.count == 1 ? names[0] : nil) else {
            throw ValidationError("the database holds \(names.count) benchmarks (\(names.joined(separator: ", "))); choose one with --benchmark")
        }
        let table = try store.table(benchmark: name)
        let url = URL(fileURLWithPath: output)
        switch format {
        case .h5:
            try HDF5TableFormat.write(table, to: url)
        case .csv:
            try CSVTableExporter.write(table, csv: url, mapping: URL(fileURLWithPath: output + ".mapping.json"))
        }
        printSummary(of: table, to: output)
    }
}
