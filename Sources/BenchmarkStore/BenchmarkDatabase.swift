import BenchmarkTables
import Foundation
import NASCore
import SearchSpaces

/// A NASBench SQLite database: ingestion of benchmark tables and the queries every other module uses.
public final class BenchmarkDatabase {
    /// The underlying connection.
    public let connection: SQLiteConnection

    /// The database file.
    public var path: String { connection.path }

    /// Opens the database at `path`; with `create`, creates it (and the schema) when absent.
    ///
    /// Throws a one-line error when the file is missing (without `create`), is not a SQLite database, is not a
    /// NASBench database, or has a newer schema than this build.
    public init(path: String, create: Bool = false) throws {
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw SQLiteError(path: path, message: "no such database file")
        }
        connection = try SQLiteConnection(path: path)
        try StoreSchema.prepare(connection, create: create)
    }
}

/// What ingesting one file did.
public enum IngestOutcome: Equatable, Sendable {
    /// The file was ingested: how many metrics, measurements, estimator runs and scores it added.
    case ingested(metrics: Int, measurements: Int, estimatorRuns: Int, scores: Int)
    /// A file with the same SHA-256 was ingested before; nothing changed.
    case alreadyIngested(previousPath: String)
}

extension BenchmarkDatabase {
    /// Ingests `table`, read from `sourceFile` whose SHA-256 is `sha256`, in one transaction.
    ///
    /// Re-ingesting the same file (same digest) changes nothing. A metric or estimator run that the database
    /// already holds from another file is an error, and the database is left as it was.
    public func ingest(_ table: BenchmarkTable, sourceFile: String, sha256: String) throws -> IngestOutcome {
        try table.validate(file: sourceFile)
        return try connection.transaction { () throws -> IngestOutcome in
            if let previous = try connection.prepare("SELECT source_file FROM provenance WHERE sha256 = ?")
                .rows([.text(sha256)]).first?.first?.stringValue {
                return .alreadyIngested(previousPath: previous)
            }
            try connection.prepare("""
                INSERT INTO provenance (source_file, sha256, tool_version, ingested_at) VALUES (?, ?, ?, ?)
                """).run([.text(sourceFile), .text(sha256), .text(NASBenchVersion.current), .text(Self.timestamp())])
            let provenanceID = connection.lastInsertedRowID
            let benchmarkID = try benchmarkID(for: table.identity, file: sourceFile)
            let architectureIDs = try architectureIDs(for: table, benchmarkID: benchmarkID)
            var counts = (metrics: 0, measurements: 0, runs: 0, scores: 0)
            for block in table.blocks {
                let datasetID = try datasetID(named: block.dataset)
                let rowIDs = block.architectureRows.map { $0.map { architectureIDs[$0] } } ?? architectureIDs
                for column in block.columns {
                    if column.role == .estimatorScore {
                        counts.scores += try insertScores(column, rowIDs: rowIDs, datasetID: datasetID, dataset: block.dataset,
                                                          table: table, benchmarkID: benchmarkID, provenanceID: provenanceID,
                                                          file: sourceFile)
                        counts.runs += 1
                    } else {
                        counts.measurements += try insertMeasurements(column, rowIDs: rowIDs, datasetID: datasetID,
                                                                      dataset: block.dataset, benchmark: table.identity.name,
                                                                      benchmarkID: benchmarkID, provenanceID: provenanceID,
                                                                      file: sourceFile)
                        counts.metrics += 1
                    }
                }
            }
            return .ingested(metrics: counts.metrics, measurements: counts.measurements,
                             estimatorRuns: counts.runs, scores: counts.scores)
        }
    }

    static func timestamp() -> String { ISO8601DateFormatter().string(from: Date()) }

    private func benchmarkID(for identity: BenchmarkIdentity, file: String) throws -> Int64 {
        if let row = try connection.prepare("SELECT id, search_space FROM benchmark WHERE name = ?")
            .rows([.text(identity.name)]).first {
            guard row[1].stringValue == identity.searchSpace.rawValue else {
                throw SQLiteError(path: path, message: "\(file): benchmark '\(identity.name)' is already stored "
                    + "with search space \(row[1].stringValue ?? "?"), not \(identity.searchSpace.rawValue)")
            }
            return row[0].integerValue!
        }
        try connection.prepare("""
            INSERT INTO benchmark (name, search_space, source, licence, description) VALUES (?, ?, ?, ?, ?)
            """).run([.text(identity.name), .text(identity.searchSpace.rawValue), .text(identity.source),
                      .text(identity.licence), .text(identity.description)])
        return connection.lastInsertedRowID
    }

    private func architectureIDs(for table: BenchmarkTable, benchmarkID: Int64) throws -> [Int64] {
        let space = table.identity.searchSpace
        let insert = try connection.prepare(
            "INSERT OR IGNORE INTO architecture (search_space, arch, canonical) VALUES (?, ?, ?)")
        let select = try connection.prepare("SELECT id FROM architecture WHERE search_space = ? AND arch = ?")
        let link = try connection.prepare("""
            INSERT OR IGNORE INTO benchmark_architecture (benchmark_id, architecture_id, benchmark_index) VALUES (?, ?, ?)
            """)
        var ids: [Int64] = []
        ids.reserveCapacity(table.architectures.count)
        for (row, architecture) in table.architectures.enumerated() {
            let canonical = try space.canonicalKey(for: architecture)
            try insert.run([.text(space.rawValue), .text(architecture), .text(canonical)])
            let id = connection.changes == 1 ? connection.lastInsertedRowID
                : try select.rows([.text(space.rawValue), .text(architecture)])[0][0].integerValue!
            ids.append(id)
            try link.run([.integer(benchmarkID), .integer(id),
                          table.benchmarkIndices.map { .integer($0[row]) } ?? .null])
        }
        return ids
    }

    func datasetID(named name: String) throws -> Int64 {
        try connection.prepare("INSERT OR IGNORE INTO dataset (name) VALUES (?)").run([.text(name)])
        return try connection.prepare("SELECT id FROM dataset WHERE name = ?").rows([.text(name)])[0][0].integerValue!
    }

    private func insertMeasurements(
        _ column: MetricColumn, rowIDs: [Int64], datasetID: Int64, dataset: String, benchmark: String,
        benchmarkID: Int64, provenanceID: Int64, file: String
    ) throws -> Int {
        let existing = try connection.prepare("""
            SELECT p.source_file FROM metric m JOIN provenance p ON p.id = m.provenance_id
            WHERE m.benchmark_id = ? AND m.dataset_id = ? AND m.name = ?
            """).rows([.integer(benchmarkID), .integer(datasetID), .text(column.name)])
        if let other = existing.first?.first?.stringValue {
            throw SQLiteError(path: path, message: "\(file): metric '\(column.name)' of dataset '\(dataset)' in benchmark "
                + "'\(benchmark)' is already stored (from \(other))")
        }
        try connection.prepare("""
            INSERT INTO metric (benchmark_id, dataset_id, name, unit, fidelity_epochs, role, higher_is_better,
                                sample_axis, samples_per_arch, description, provenance_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).run([
                .integer(benchmarkID), .integer(datasetID), .text(column.name), .text(column.unit),
                column.fidelityEpochs.map { .integer(Int64($0)) } ?? .null, .text(column.role.rawValue),
                column.higherIsBetter.map { .integer($0 ? 1 : 0) } ?? .null, .text(column.sampleAxis.rawValue),
                .integer(Int64(column.samplesPerRow)), .text(column.description), .integer(provenanceID),
            ])
        let metricID = connection.lastInsertedRowID
        let insert = try connection.prepare(
            "INSERT INTO measurement (metric_id, architecture_id, sample, value) VALUES (?, ?, ?, ?)")
        try insert.bind(metricID, at: 1)
        let samples = column.samplesPerRow
        var inserted = 0
        for (row, architectureID) in rowIDs.enumerated() {
            try insert.bind(architectureID, at: 2)
            for sample in 0..<samples {
                let value = column.values[row * samples + sample]
                if value.isNaN { continue }  // validated: only in columns that allow missing values
                try insert.bind(Int64(sample), at: 3)
                try insert.bind(value, at: 4)
                try insert.execute()
                inserted += 1
            }
        }
        return inserted
    }

    private func insertScores(
        _ column: MetricColumn, rowIDs: [Int64], datasetID: Int64, dataset: String, table: BenchmarkTable,
        benchmarkID: Int64, provenanceID: Int64, file: String
    ) throws -> Int {
        let record = column.estimator ?? EstimatorRecord(id: column.name, settingsJSON: "{}", seed: nil)
        let identity: [SQLiteValue] = [.text(record.id), .text(table.identity.searchSpace.rawValue),
                                       .integer(datasetID), .text(record.settingsJSON),
                                       record.seed.map { .integer($0) } ?? .null]
        let duplicate = try connection.prepare("""
            SELECT id FROM estimator_run WHERE estimator = ? AND search_space = ? AND dataset_id = ? AND settings = ?
            AND seed IS ?
            """).rows(identity)
        guard duplicate.isEmpty else {
            throw SQLiteError(path: path, message: "\(file): scores of estimator '\(record.id)' on '\(dataset)' with "
                + "settings \(record.settingsJSON) are already stored")
        }
        try connection.prepare("""
            INSERT INTO estimator_run (estimator, search_space, dataset_id, settings, seed, benchmark_id, provenance_id, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """).run(identity + [.integer(benchmarkID), .integer(provenanceID), .text(Self.timestamp())])
        let runID = connection.lastInsertedRowID
        let insertValue = try connection.prepare("INSERT INTO score (run_id, architecture_id, value) VALUES (?, ?, ?)")
        let insertFailure = try connection.prepare("INSERT INTO score (run_id, architecture_id, failure) VALUES (?, ?, ?)")
        for (row, architectureID) in rowIDs.enumerated() {
            let value = column.values[row]
            if value.isFinite {
                try insertValue.bind(runID, at: 1)
                try insertValue.bind(architectureID, at: 2)
                try insertValue.bind(value, at: 3)
                try insertValue.execute()
            } else {
                try insertFailure.bind([.integer(runID), .integer(architectureID), .text("score is \(value) in the source file")])
                try insertFailure.execute()
            }
        }
        return rowIDs.count
    }
}
