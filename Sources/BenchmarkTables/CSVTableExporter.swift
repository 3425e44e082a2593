import CSV
import Foundation

/// Writes a `BenchmarkTable` as a long CSV (one row per architecture and dataset) plus the JSON mapping that
/// imports it back with `nasbench import csv`.
///
/// Columns: `arch`, `benchmark_index` (when the table has indices), `dataset`, then one column per metric name
/// (`name[i]` per sample for multi-sample metrics). A cell is empty where that dataset or architecture has no
/// value; failed estimator scores are written as `nan`.
public enum CSVTableExporter {
    /// Writes `table` to `csv` and its mapping to `mapping`.
    public static func write(_ table: BenchmarkTable, csv: URL, mapping: URL) throws(BenchmarkFileError) {
        var names: [String] = []
        var template: [String: MetricColumn] = [:]
        for block in table.blocks {
            for column in block.columns where template[column.name] == nil {
                names.append(column.name)
                template[column.name] = column
            }
        }
        let header = ["arch"] + (table.benchmarkIndices == nil ? [] : ["benchmark_index"]) + ["dataset"]
            + names.flatMap { name in
                let samples = template[name]!.samplesPerRow
                return samples == 1 ? [name] : (0..<samples).map { "\(name)[\($0)]" }
            }
        var offsets: [String: Int] = [:]
        var next = header.count - names.reduce(0) { $0 + template[$1]!.samplesPerRow }
        for name in names { offsets[name] = next; next += template[name]!.samplesPerRow }

        var cells: [String: [Int: [String]]] = [:]  // dataset → row → cells
        var datasetOrder: [String] = []
        for block in table.blocks {
            if cells[block.dataset] == nil { datasetOrder.append(block.dataset); cells[block.dataset] = [:] }
            let rows = block.architectureRows ?? Array(table.architectures.indices)
            for (position, row) in rows.enumerated() {
                var line = cells[block.dataset]![row] ?? Array(repeating: "", count: header.count)
                for column in block.columns {
                    for sample in 0..<column.samplesPerRow {
                        let value = column.values[position * column.samplesPerRow + sample]
                        line[offsets[column.name]! + sample] = value.isNaN ? (column.allowsMissing ? "" : "nan") : "\(value)"
                    }
                }
                cells[block.dataset]![row] = line
            }
        }
        let stream = OutputStream.toMemory()
        stream.open()
        do {
            let writer = try CSVWriter(stream: stream)
            try writer.write(row: header)
            for dataset in datasetOrder {
                for (row, line) in cells[dataset]!.sorted(by: { $0.key < $1.key }) {
                    var filled = line
                    filled[0] = table.architectures[row]
                    if let indices = table.benchmarkIndices { filled[1] = "\(indices[row])" }
                    filled[header.firstIndex(of: "dataset")!] = dataset
                    try writer.write(row: filled)
                }
            }
            writer.stream.close()
            let data = (stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()) + Data("\n".utf8)
            try data.write(to: csv, options: .atomic)
        } catch {
            throw BenchmarkFileError(file: csv.path, problem: "cannot write: \(error)")
        }

        let rules = names.map { name -> CSVImportMapping.ColumnRule in
            let column = template[name]!
            var settings: [String: String]?
            if let json = column.estimator?.settingsJSON,
               let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] {
                settings = object.mapValues { "\($0)" }
            }
            let single = column.samplesPerRow == 1
            return CSVImportMapping.ColumnRule(
                column: single ? name : nil, pattern: single ? nil : "\(name)[*]", name: single ? nil : name,
                sampleAxis: single ? nil : column.sampleAxis, unit: column.unit, epochs: column.fidelityEpochs, role: column.role,
                higherIsBetter: column.higherIsBetter, allowMissing: column.role == .estimatorScore ? nil : true,
                settings: settings, seed: column.estimator?.seed, description: column.description)
        }
        let document = CSVImportMapping(
            benchmark: table.identity.name, searchSpace: table.identity.searchSpace, source: table.identity.source,
            licence: table.identity.licence, description: table.identity.description, archColumn: "arch",
            indexColumn: table.benchmarkIndices == nil ? nil : "benchmark_index", datasetColumn: "dataset",
            columns: rules)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try encoder.encode(document).write(to: mapping, options: .atomic)
        } catch {
            throw BenchmarkFileError(file: mapping.path, problem: "cannot write: \(error)")
        }
    }
}
