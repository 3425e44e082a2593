import BenchmarkTables
import SearchSpaces

extension BenchmarkDatabase {
    /// Names of the stored benchmarks.
    public func benchmarkNames() throws -> [String] {
        try connection.prepare("SELECT name FROM benchmark ORDER BY id").rows().compactMap { $0[0].stringValue }
    }

    /// Rebuilds the table of benchmark `name` from the database: what `nasbench export` writes.
    ///
    /// Architectures come in the order they were first stored; each dataset's columns are grouped into one
    /// block per distinct set of covered architectures. Failed estimator scores come back as NaN.
    public func table(benchmark name: String) throws -> BenchmarkTable {
        guard let row = try connection.prepare(
            "SELECT id, search_space, source, licence, description FROM benchmark WHERE name = ?").rows([.text(name)]).first else {
            let names = try benchmarkNames()
            throw SQLiteError(path: path, message: "no benchmark '\(name)'; stored: \(names.joined(separator: ", "))")
        }
        let benchmarkID = row[0].integerValue!
        guard let space = SearchSpaceID(rawValue: row[1].stringValue!) else {
            throw SQLiteError(path: path, message: "benchmark '\(name)' has unknown search space '\(row[1].stringValue!)'")
        }
        let identity = BenchmarkIdentity(name: name, searchSpace: space, source: row[2].stringValue!,
                                         licence: row[3].stringValue!, description: row[4].stringValue!)
        let architectureRows = try connection.prepare("""
            SELECT a.id, a.arch, ba.benchmark_index FROM benchmark_architecture ba
            JOIN architecture a ON a.id = ba.architecture_id WHERE ba.benchmark_id = ? ORDER BY a.id
            """).rows([.integer(benchmarkID)])
        let architectures = architectureRows.map { $0[1].stringValue! }
        let indices = architectureRows.map { $0[2].integerValue }
        var position: [Int64: Int] = [:]
        for (offset, row) in architectureRows.enumerated() { position[row[0].integerValue!] = offset }

        struct Column { let dataset: String; let rows: [Int]; let column: MetricColumn }
        var columns: [Column] = []
        let metricRows = try connection.prepare("""
            SELECT m.id, d.name, m.name, m.unit, m.fidelity_epochs, m.role, m.higher_is_better, m.sample_axis,
                   m.samples_per_arch, m.description
            FROM metric m JOIN dataset d ON d.id = m.dataset_id WHERE m.benchmark_id = ? ORDER BY m.id
            """).rows([.integer(benchmarkID)])
        let measurementStatement = try connection.prepare(
            "SELECT architecture_id, value FROM measurement WHERE metric_id = ? ORDER BY architecture_id, sample")
        for metric in metricRows {
            try measurementStatement.bind([metric[0]])
            var rows: [Int] = []
            var values: [Double] = []
            let samples = Int(metric[8].integerValue!)
            while try measurementStatement.step() {
                let row = position[measurementStatement.integer(at: 0)]!
                if rows.last != row { rows.append(row) }
                values.append(measurementStatement.real(at: 1))
            }
            guard let role = MetricRole(rawValue: metric[5].stringValue!),
                  let axis = SampleAxis(rawValue: metric[7].stringValue!) else {
                throw SQLiteError(path: path, message: "metric '\(metric[2].stringValue!)' has an unknown role or sample axis")
            }
            columns.append(Column(dataset: metric[1].stringValue!, rows: rows, column: MetricColumn(
                name: metric[2].stringValue!, unit: metric[3].stringValue!, fidelityEpochs: metric[4].integerValue.map(Int.init),
                role: role, higherIsBetter: metric[6].integerValue.map { $0 != 0 }, sampleAxis: axis,
                samplesPerRow: samples, values: values, description: metric[9].stringValue!)))
        }
        let runs = try connection.prepare("""
            SELECT r.id, d.name, r.estimator, r.settings, r.seed FROM estimator_run r JOIN dataset d ON d.id = r.dataset_id
            WHERE r.benchmark_id = ? ORDER BY r.id
            """).rows([.integer(benchmarkID)])
        let scoreStatement = try connection.prepare(
            "SELECT architecture_id, value FROM score WHERE run_id = ? ORDER BY architecture_id")
        for run in runs {
            try scoreStatement.bind([run[0]])
            var rows: [Int] = []
            var values: [Double] = []
            while try scoreStatement.step() {
                guard let row = position[scoreStatement.integer(at: 0)] else { continue }
                rows.append(row)
                values.append(scoreStatement.isNull(at: 1) ? .nan : scoreStatement.real(at: 1))
            }
            let estimator = EstimatorRecord(id: run[2].stringValue!, settingsJSON: run[3].stringValue!, seed: run[4].integerValue)
            columns.append(Column(dataset: run[1].stringValue!, rows: rows, column: MetricColumn(
                name: estimator.id, role: .estimatorScore, values: values, estimator: estimator)))
        }
        var blocks: [DatasetBlock] = []
        for column in columns {
            let rows: [Int]? = column.rows == Array(0..<architectures.count) ? nil : column.rows
            if let index = blocks.firstIndex(where: { $0.dataset == column.dataset && $0.architectureRows == rows }) {
                blocks[index].columns.append(column.column)
            } else {
                blocks.append(DatasetBlock(dataset: column.dataset, architectureRows: rows, columns: [column.column]))
            }
        }
        let hasIndices = indices.allSatisfy { $0 != nil }
        return BenchmarkTable(identity: identity, architectures: architectures,
                              benchmarkIndices: hasIndices ? indices.map { $0! } : nil, blocks: blocks)
    }
}
