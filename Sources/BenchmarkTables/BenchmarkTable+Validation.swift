import SearchSpaces

extension BenchmarkTable {
    /// Checks the table is internally consistent, throwing a one-line error about `file` otherwise.
    ///
    /// Checks: every architecture is valid in its search space and appears once; index and row lists are in
    /// range and unique; a metric name appears once per dataset; every column has `rows × samplesPerRow` values; values are finite except in
    /// estimator-score columns, where NaN or ±inf marks a failed score, and NaN in columns that allow missing values.
    public func validate(file: String) throws(BenchmarkFileError) {
        func fail(_ problem: String) -> BenchmarkFileError { BenchmarkFileError(file: file, problem: problem) }
        guard !identity.name.isEmpty else { throw fail("the benchmark has no name") }
        var seen: [String: Int] = [:]
        for (row, architecture) in architectures.enumerated() {
            let normalized: String
            do {
                normalized = try identity.searchSpace.normalizedForm(of: architecture)
            } catch {
                throw fail("architecture \(row): \(error)")
            }
            if let first = seen.updateValue(row, forKey: normalized) {
                throw fail("duplicate architecture '\(architecture)' at rows \(first) and \(row)")
            }
        }
        if let indices = benchmarkIndices, indices.count != architectures.count {
            throw fail("\(indices.count) benchmark indices for \(architectures.count) architectures")
        }
        var namesByDataset: [String: Set<String>] = [:]
        for block in blocks {
            if let rows = block.architectureRows {
                guard Set(rows).count == rows.count else { throw fail("dataset '\(block.dataset)' lists a row twice") }
                if let bad = rows.first(where: { !(0..<architectures.count).contains($0) }) {
                    throw fail("dataset '\(block.dataset)' refers to row \(bad) of \(architectures.count) architectures")
                }
            }
            let rowCount = block.rowCount(architectureCount: architectures.count)
            for column in block.columns {
                let label = "metric '\(column.name)' of dataset '\(block.dataset)'"
                guard namesByDataset[block.dataset, default: []].insert(column.name).inserted else {
                    throw fail("\(label) appears twice")
                }
                guard column.samplesPerRow >= 1 else { throw fail("\(label) has no samples per row") }
                guard column.values.count == rowCount * column.samplesPerRow else {
                    throw fail("\(label) has \(column.values.count) values for \(rowCount) architectures"
                        + (column.samplesPerRow > 1 ? " × \(column.samplesPerRow) samples" : ""))
                }
                if let position = column.values.firstIndex(where: { !$0.isFinite && !(column.allowsMissing && $0.isNaN) }) {
                    let value = column.values[position]
                    if column.role != .estimatorScore {
                        let row = block.architectureRows?[position / column.samplesPerRow] ?? position / column.samplesPerRow
                        throw fail("\(label) is \(value) for architecture \(row); a finite value is required")
                    }
                }
            }
        }
    }
}
