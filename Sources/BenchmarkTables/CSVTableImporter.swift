import CSV
import Foundation
import SearchSpaces

/// Turns a published CSV table into a `BenchmarkTable` following a `CSVImportMapping`.
public enum CSVTableImporter {
    /// Reads `csv` with `mapping`, validates the result, and throws a one-line error naming the file otherwise.
    public static func importTable(csv url: URL, mapping: CSVImportMapping) throws(BenchmarkFileError) -> BenchmarkTable {
        let file = url.path
        func fail(_ problem: String) -> BenchmarkFileError { BenchmarkFileError(file: file, problem: problem) }
        guard FileManager.default.fileExists(atPath: file) else { throw fail("no such file") }
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw fail("cannot read the file as UTF-8 text")
        }
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: true) } catch {
            throw fail("not a readable CSV file (\(error))")
        }
        guard let header = reader.headerRow, !header.isEmpty else { throw fail("the CSV file has no header row") }
        func position(of column: String, for purpose: String) throws(BenchmarkFileError) -> Int {
            guard let index = header.firstIndex(of: column) else {
                throw fail("the CSV has no column '\(column)' (\(purpose)); its columns are \(header.joined(separator: ", "))")
            }
            return index
        }
        let archIndex = try position(of: mapping.archColumn, for: "arch_column")
        let indexIndex = try mapping.indexColumn.map { column throws(BenchmarkFileError) in
            try position(of: column, for: "index_column")
        }
        let datasetIndex = try mapping.datasetColumn.map { column throws(BenchmarkFileError) in
            try position(of: column, for: "dataset_column")
        }
        let selected = try selectColumns(header: header, mapping: mapping, file: file, position: position)

        var architectures: [String] = []
        var rowOfArchitecture: [String: Int] = [:]
        var benchmarkIndices: [Int64] = []
        var blocks: [String: (rows: [Int], values: [[[Double]]])] = [:]
        var blockOrder: [String] = []
        var seenRows: [String: Set<Int>] = [:]
        var line = 1
        while let fields = reader.next() {
            line += 1
            guard fields.count == header.count else {
                throw fail("line \(line) has \(fields.count) fields, the header has \(header.count)")
            }
            let architecture = try normalizedArchitecture(fields[archIndex], mapping: mapping, file: file, line: line)
            let dataset = datasetIndex.map { DatasetName.normalized(fields[$0]) }
            let row: Int
            if let existing = rowOfArchitecture[architecture] {
                guard let dataset, seenRows[dataset, default: []].insert(existing).inserted else {
                    throw fail("duplicate architecture '\(fields[archIndex])' at line \(line)")
                }
                row = existing
            } else {
                row = architectures.count
                architectures.append(architecture)
                rowOfArchitecture[architecture] = row
                if let dataset { seenRows[dataset, default: []].insert(row) }
                if let indexIndex {
                    guard let index = Int64(fields[indexIndex].trimmingCharacters(in: .whitespaces)) else {
                        throw fail("line \(line): index '\(fields[indexIndex])' is not an integer")
                    }
                    benchmarkIndices.append(index)
                }
            }
            var values: [[Double]] = []
            values.reserveCapacity(selected.count)
            for column in selected {
                var samples: [Double] = []
                for index in column.indices {
                    let text = fields[index].trimmingCharacters(in: .whitespaces)
                    if text.isEmpty || text.lowercased() == "nan" {
                        samples.append(.nan)
                    } else if let value = Double(text) {
                        samples.append(value)
                    } else {
                        throw fail("line \(line), column '\(header[index])': '\(text)' is not a number")
                    }
                }
                values.append(samples)
            }
            if let dataset {
                if blocks[dataset] == nil { blockOrder.append(dataset) }
                blocks[dataset, default: ([], [])].rows.append(row)
                blocks[dataset]!.values.append(values)
            } else {
                blocks["", default: ([], [])].rows.append(row)
                blocks[""]!.values.append(values)
            }
        }
        if let error = reader.error { throw fail("malformed CSV near line \(line + 1): \(error)") }
        guard !architectures.isEmpty else { throw fail("the CSV has no data rows") }

        var tableBlocks: [DatasetBlock] = []
        if mapping.datasetColumn != nil {
            for dataset in blockOrder {
                let block = blocks[dataset]!
                let columns = selected.enumerated().map { offset, column in
                    column.metric(values: block.values.flatMap { $0[offset] })
                }
                let rows = block.rows == Array(0..<architectures.count) ? nil : block.rows
                tableBlocks.append(DatasetBlock(dataset: dataset, architectureRows: rows, columns: columns))
            }
        } else {
            let block = blocks[""]!
            var byDataset: [String: [MetricColumn]] = [:]
            var order: [String] = []
            for (offset, column) in selected.enumerated() {
                if byDataset[column.dataset] == nil { order.append(column.dataset) }
                byDataset[column.dataset, default: []].append(column.metric(values: block.values.flatMap { $0[offset] }))
            }
            tableBlocks = order.map { DatasetBlock(dataset: $0, columns: byDataset[$0]!) }
        }
        let table = BenchmarkTable(
            identity: BenchmarkIdentity(
                name: mapping.benchmark, searchSpace: mapping.searchSpace, source: mapping.source ?? "",
                licence: mapping.licence ?? "", description: mapping.description ?? ""),
            architectures: architectures,
            benchmarkIndices: mapping.indexColumn == nil ? nil : benchmarkIndices,
            blocks: tableBlocks)
        try table.validate(file: file)
        return table
    }

    /// A CSV column chosen by a mapping rule, with everything needed to build its metric.
    private struct SelectedColumn {
        /// The CSV columns: one, or several samples (seeds, epochs) of one metric.
        let indices: [Int]
        let name: String
        let dataset: String
        let rule: CSVImportMapping.ColumnRule

        func metric(values: [Double]) -> MetricColumn {
            var estimator: EstimatorRecord?
            if rule.role == .estimatorScore {
                let settings = rule.settings ?? [:]
                let json = settings.keys.sorted().map { "\(jsonQuoted($0)):\(jsonQuoted(settings[$0]!))" }
                estimator = EstimatorRecord(id: name, settingsJSON: "{" + json.joined(separator: ",") + "}",
                                            seed: rule.seed)
            }
            return MetricColumn(
                name: name, unit: rule.unit ?? "", fidelityEpochs: rule.epochs, role: rule.role,
                higherIsBetter: rule.higherIsBetter, sampleAxis: indices.count > 1 ? (rule.sampleAxis ?? .none) : .none,
                samplesPerRow: indices.count, allowsMissing: rule.allowMissing ?? false, values: values,
                estimator: estimator,
                description: rule.description ?? "")
        }
    }

    private static func selectColumns(
        header: [String], mapping: CSVImportMapping, file: String,
        position: (String, String) throws(BenchmarkFileError) -> Int
    ) throws(BenchmarkFileError) -> [SelectedColumn] {
        var selected: [SelectedColumn] = []
        var taken = Set<Int>()
        for (number, rule) in mapping.columns.enumerated() {
            let label = "columns[\(number)]"
            var indices: [Int]
            if let column = rule.column {
                indices = [try position(column, label)]
            } else if let pattern = rule.pattern {
                indices = header.indices.filter { header[$0].matches(wildcard: pattern) }
                guard !indices.isEmpty else {
                    throw BenchmarkFileError(file: file, problem: "no CSV column matches '\(pattern)' (\(label))")
                }
            } else {
                throw BenchmarkFileError(file: file, problem: "mapping \(label) has neither 'column' nor 'pattern'")
            }
            indices.removeAll { taken.contains($0) }
            if let axis = rule.sampleAxis, axis != .none, rule.pattern != nil {
                guard let name = rule.name else {
                    throw BenchmarkFileError(file: file, problem: "mapping \(label) has a sample_axis but no name")
                }
                guard let dataset = mapping.datasetColumn != nil ? "" : (rule.dataset ?? mapping.dataset) else {
                    throw BenchmarkFileError(file: file, problem: "columns matching '\(rule.pattern!)' have no dataset")
                }
                taken.formUnion(indices)
                selected.append(SelectedColumn(indices: indices, name: name, dataset: DatasetName.normalized(dataset), rule: rule))
                continue
            }
            for index in indices {
                taken.insert(index)
                let dataset = mapping.datasetColumn != nil ? "" : (rule.dataset ?? mapping.dataset)
                guard let dataset else {
                    throw BenchmarkFileError(file: file, problem: "column '\(header[index])' has no dataset: "
                        + "give 'dataset' in \(label) or at the top of the mapping")
                }
                selected.append(SelectedColumn(
                    indices: [index], name: rule.column != nil ? (rule.name ?? header[index]) : header[index],
                    dataset: DatasetName.normalized(dataset), rule: rule))
            }
        }
        return selected
    }

    private static func normalizedArchitecture(
        _ text: String, mapping: CSVImportMapping, file: String, line: Int
    ) throws(BenchmarkFileError) -> String {
        do {
            if mapping.archFormat == .naslibNB201 {
                return try NASLibArchitectureKey.architecture(from: text).archString
            }
            return try mapping.searchSpace.normalizedForm(of: text)
        } catch {
            throw BenchmarkFileError(file: file, problem: "line \(line): \(error)")
        }
    }
}

/// A JSON string literal for `text`.
func jsonQuoted(_ text: String) -> String {
    let data = try! JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
    return String(decoding: data, as: UTF8.self).dropFirst().dropLast().description
}
