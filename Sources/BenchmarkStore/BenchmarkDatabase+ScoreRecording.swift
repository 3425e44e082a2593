import Foundation
import NASCore
import SearchSpaces

/// What identifies an estimator run: the same identity means the same scores, so a scan resumes into it.
public struct EstimatorRunKey: Sendable, Equatable, Hashable {
    /// Estimator id, e.g. `relu_logdet`.
    public var estimator: String
    /// Search space of the scored architectures.
    public var searchSpace: SearchSpaceID
    /// Dataset id.
    public var dataset: String
    /// Every setting as canonical JSON (sorted keys).
    public var settingsJSON: String
    /// Seed of the run.
    public var seed: Int64?

    /// Creates a run key.
    public init(estimator: String, searchSpace: SearchSpaceID, dataset: String, settingsJSON: String, seed: Int64?) {
        self.estimator = estimator
        self.searchSpace = searchSpace
        self.dataset = dataset
        self.settingsJSON = settingsJSON
        self.seed = seed
    }
}

/// The outcome of scoring one architecture.
public struct ScoreRecord: Sendable, Equatable {
    /// The architecture, in its search space's normalised form.
    public var architecture: String
    /// The score, or nil when scoring failed.
    public var value: Double?
    /// Why scoring failed, when it did.
    public var failure: String?
    /// Seconds the scoring took.
    public var seconds: Double

    /// A successful score; a non-finite value is recorded as a failure naming the value.
    public init(architecture: String, value: Double, seconds: Double) {
        self.architecture = architecture
        if value.isFinite {
            self.value = value
            failure = nil
        } else {
            self.value = nil
            failure = "score is \(value)"
        }
        self.seconds = seconds
    }

    /// A failed score with its reason.
    public init(architecture: String, failure: String, seconds: Double) {
        self.architecture = architecture
        value = nil
        self.failure = failure
        self.seconds = seconds
    }
}

extension BenchmarkDatabase {
    /// The id of the run with `key`, created when absent.
    public func openEstimatorRun(_ key: EstimatorRunKey) throws -> Int64 {
        try connection.transaction {
            let datasetID = try datasetID(named: key.dataset)
            let identity: [SQLiteValue] = [.text(key.estimator), .text(key.searchSpace.rawValue), .integer(datasetID),
                                           .text(key.settingsJSON), key.seed.map { .integer($0) } ?? .null]
            if let id = try connection.prepare("""
                SELECT id FROM estimator_run WHERE estimator = ? AND search_space = ? AND dataset_id = ? AND settings = ?
                AND seed IS ?
                """).rows(identity).first?.first?.integerValue {
                return id
            }
            try connection.prepare("""
                INSERT INTO estimator_run (estimator, search_space, dataset_id, settings, seed, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """).run(identity + [.text(Self.timestamp())])
            return connection.lastInsertedRowID
        }
    }

    /// Architectures that already hold a score or a failure in run `run`: what a resumed scan skips.
    public func recordedArchitectures(run: Int64) throws -> Set<String> {
        let statement = try connection.prepare(
            "SELECT a.arch FROM score s JOIN architecture a ON a.id = s.architecture_id WHERE s.run_id = ?")
        try statement.bind([.integer(run)])
        var result = Set<String>()
        while try statement.step() { result.insert(statement.text(at: 0)) }
        return result
    }

    /// Writes `records` into run `run` in one transaction, adding unknown architectures with their canonical keys.
    /// A record for an architecture the run already holds is left as stored (re-running is idempotent).
    public func record(_ records: [ScoreRecord], run: Int64, searchSpace: SearchSpaceID) throws {
        let insertArchitecture = try connection.prepare(
            "INSERT OR IGNORE INTO architecture (search_space, arch, canonical) VALUES (?, ?, ?)")
        let selectArchitecture = try connection.prepare("SELECT id FROM architecture WHERE search_space = ? AND arch = ?")
        let insertScore = try connection.prepare(
            "INSERT OR IGNORE INTO score (run_id, architecture_id, value, failure, seconds) VALUES (?, ?, ?, ?, ?)")
        try connection.transaction {
            for record in records {
                let canonical = try searchSpace.canonicalKey(for: record.architecture)
                try insertArchitecture.run([.text(searchSpace.rawValue), .text(record.architecture), .text(canonical)])
                let id = try selectArchitecture.rows([.text(searchSpace.rawValue), .text(record.architecture)])[0][0]
                try insertScore.run([.integer(run), id, record.value.map { .real($0) } ?? .null,
                                     record.failure.map { .text($0) } ?? .null, .real(record.seconds)])
            }
        }
    }
}
