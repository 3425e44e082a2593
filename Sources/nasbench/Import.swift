import ArgumentParser
import BenchmarkTables
import Foundation
import SearchSpaces

/// `nasbench import`: converts published tables into the NASBench HDF5 layout.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert a published benchmark table into the NASBench HDF5 layout (docs/HDF5_LAYOUT.md).",
        discussion: """
            Example:
              nasbench import csv ../shared/data/nb201/nb201_accuracy_latency.csv \
            --mapping datasets/mappings/nb201_accuracy_latency.json --output nb201.h5
            """,
        subcommands: [CSVFile.self, NASLibJSON.self]
    )
}

extension Import {
    /// `nasbench import csv`: a CSV table and a JSON column mapping into an HDF5 table.
    struct CSVFile: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Import a CSV table using a JSON column mapping (see datasets/mappings/).",
            discussion: """
                The mapping names the architecture column, the benchmark, the search space and, for each metric \
                column, its dataset, unit, fidelity (epochs) and role. A mapped column the CSV lacks, an \
                architecture that does not parse, a duplicate architecture or a missing value where one is \
                required is a one-line error; nothing is written then.

                Example:
                  nasbench import csv ../shared/data/nb201/zero_cost_reference_725.csv \
                --mapping datasets/mappings/zero_cost_nb201.json --output zero_cost_nb201.h5
                """
        )

        @Argument(help: "The CSV file.")
        var csv: String

        @Option(help: "The JSON column mapping.")
        var mapping: String

        @Option(name: [.short, .long], help: "The HDF5 file to write.")
        var output: String

        func run() throws {
            let table = try CSVTableImporter.importTable(
                csv: URL(fileURLWithPath: csv), mapping: CSVImportMapping.load(from: URL(fileURLWithPath: mapping)))
            try HDF5TableFormat.write(table, to: URL(fileURLWithPath: output))
            printSummary(of: table, to: output)
        }
    }

    /// `nasbench import naslib-json`: NASLib's zero-cost JSON into an HDF5 table.
    struct NASLibJSON: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "naslib-json",
            abstract: "Import NASLib's zero-cost benchmark JSON (NAS-Bench-Suite-Zero's zc_<space>.json).",
            discussion: """
                Each proxy becomes an estimator-score column (NaN and infinite scores are kept as failed \
                scores), its time a <proxy>_time_s column, and val_accuracy a ground-truth column.

                Example:
                  nasbench import naslib-json zc_nasbench201.json --space nb201 --benchmark nb201-zc --output zc.h5
                """
        )

        @Argument(help: "The NASLib JSON file.")
        var json: String

        @Option(help: "Search space of the keys: nb201, nb101 or nb301.")
        var space: SearchSpaceID = .nb201

        @Option(help: "Name of the benchmark to store the table as.")
        var benchmark: String

        @Option(name: [.short, .long], help: "The HDF5 file to write.")
        var output: String

        func run() throws {
            let table = try NASLibZeroCostImporter.importTable(
                json: URL(fileURLWithPath: json), searchSpace: space, benchmark: benchmark)
            try HDF5TableFormat.write(table, to: URL(fileURLWithPath: output))
            printSummary(of: table, to: output)
        }
    }
}

extension SearchSpaceID: ExpressibleByArgument {}

/// Prints what an import wrote, on standard error so standard output stays clean for scripting.
func printSummary(of table: BenchmarkTable, to output: String) {
    let columns = table.blocks.reduce(0) { $0 + $1.columns.count }
    let datasets = Set(table.blocks.map(\.dataset)).sorted().joined(separator: ", ")
    FileHandle.standardError.write(Data("""
        wrote \(output): benchmark \(table.identity.name), \(table.architectures.count) architectures, \
        \(columns) columns on \(datasets)\n
        """.utf8))
}
