import Foundation
import NASCore

/// One stored run of an estimator on a dataset: its identity and how many scores and failures it holds.
public struct EstimatorRun: Sendable, Equatable {
    /// Row id of the run (`estimator_run.id`).
    public let id: Int64
    /// Estimator id, e.g. `nwot`.
    public let estimator: String
    /// Dataset id.
    public let dataset: String
    /// Search space of the scored architectures.
    public let searchSpace: String
    /// Benchmark the run was ingested with, when known.
    public let benchmark: String?
    /// Settings as canonical JSON.
    public let settingsJSON: String
    /// Seed, when known.
    public let seed: Int64?
    /// Number of architectures with a score.
    public let scoreCount: Int
    /// Number of architectures whose scoring failed.
    public let failureCount: Int

    /// A one-line description: id, search space, settings and seed, e.g. `run=3 nb201 {"batch":"64"} seed 1`.
    public var summary: String {
        "run=\(id) \(searchSpace) \(settingsJSON)" + (seed.map { " seed \($0)" } ?? "")
    }
}

/// Which run of an estimator to read when the database holds several (settings, seeds).
public enum EstimatorRunSelector: Sendable, Equatable, CustomStringConvertible {
    /// The only run; several runs are an error that lists them.
    case only
    /// The run whose settings equal this JSON object (compared as parsed JSON, so key order and spacing do not matter).
    case settings(String)
    /// The run with this seed.
    case seed(Int64)
    /// The run with this row id.
    case run(Int64)

    /// Parses the text after `@` in `name@selector`: a JSON object `{…}`, `seed=N` or `run=N`; empty means `.only`;
    /// nil for anything else.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty {
            self = .only
        } else if trimmed.hasPrefix("{") {
            guard Self.jsonObject(trimmed) != nil else { return nil }
            self = .settings(trimmed)
        } else if trimmed.hasPrefix("seed="), let seed = Int64(trimmed.dropFirst(5)) {
            self = .seed(seed)
        } else if trimmed.hasPrefix("run="), let run = Int64(trimmed.dropFirst(4)) {
            self = .run(run)
        } else {
            return nil
        }
    }

    /// The selector as written after `@` (empty for `.only`).
    public var description: String {
        switch self {
        case .only: return ""
        case let .settings(json): return json
        case let .seed(seed): return "seed=\(seed)"
        case let .run(id): return "run=\(id)"
        }
    }

    /// Whether `run` is selected.
    func matches(_ run: EstimatorRun) -> Bool {
        switch self {
        case .only: return true
        case let .seed(seed): return run.seed == seed
        case let .run(id): return run.id == id
        case let .settings(json):
            guard let wanted = Self.canonicalJSON(json), let stored = Self.canonicalJSON(run.settingsJSON) else {
                return false
            }
            return wanted == stored
        }
    }

    /// `text` parsed as a JSON object, or nil.
    private static func jsonObject(_ text: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    }

    /// The JSON object `text` re-serialised with sorted keys, so equal objects compare equal as bytes; nil when
    /// `text` is not a JSON object.
    private static func canonicalJSON(_ text: String) -> Data? {
        guard let object = jsonObject(text) else { return nil }
        return try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    }
}

/// The scores of one estimator run, keyed by architecture string, with the architectures whose scoring failed.
public struct EstimatorScores: Sendable {
    /// The run the scores belong to.
    public let run: EstimatorRun
    /// Every stored score, keyed by architecture string (failures are not here).
    public let values: [String: Double]
    /// Every failed architecture with the stored reason; failures are never turned into numbers.
    public let failures: [String: String]
}

/// One metric's values with what they measure and the search space of their architectures.
public struct MetricValues: Sendable {
    /// What the values measure.
    public let descriptor: MetricDescriptor
    /// The search space of the metric's benchmark.
    public let searchSpace: String
    /// Mean value per architecture, keyed by architecture string.
    public let values: [String: Double]
}

extension BenchmarkDatabase {
    /// Every estimator run, restricted to `dataset`, `estimator` and `searchSpace` when given, ordered by estimator
    /// then run id.
    public func estimatorRuns(dataset: String?, estimator: String? = nil, searchSpace: String? = nil) throws -> [EstimatorRun] {
        try connection.prepare("""
            SELECT r.id, r.estimator, d.name, r.search_space, b.name, r.settings, r.seed,
                   count(s.value), count(s.failure)
            FROM estimator_run r JOIN dataset d ON d.id = r.dataset_id
            LEFT JOIN benchmark b ON b.id = r.benchmark_id
            LEFT JOIN score s ON s.run_id = r.id
            WHERE (?1 IS NULL OR d.name = ?1) AND (?2 IS NULL OR r.estimator = ?2) AND (?3 IS NULL OR r.search_space = ?3)
            GROUP BY r.id ORDER BY r.estimator, r.id
            """).rows([dataset.map { .text($0) } ?? .null, estimator.map { .text($0) } ?? .null,
                       searchSpace.map { .text($0) } ?? .null])
            .map { row in
                EstimatorRun(id: row[0].integerValue!, estimator: row[1].stringValue!, dataset: row[2].stringValue!,
                             searchSpace: row[3].stringValue!, benchmark: row[4].stringValue,
                             settingsJSON: row[5].stringValue!, seed: row[6].integerValue,
                             scoreCount: Int(row[7].integerValue!), failureCount: Int(row[8].integerValue!))
            }
    }

    /// The scores and failures of `estimator` on `dataset` (in `searchSpace` when given), from the run `selector`
    /// picks.
    ///
    /// Throws a one-line error when no run of that estimator exists on the dataset (listing the estimators that
    /// do), when the selector matches no run, or when several runs match (listing them, so the caller can choose
    /// one with `name@{settings}`, `name@seed=N` or `name@run=N`).
    public func scores(estimator: String, dataset: String, searchSpace: String? = nil,
                       selector: EstimatorRunSelector = .only) throws -> EstimatorScores {
        let runs = try estimatorRuns(dataset: dataset, estimator: estimator, searchSpace: searchSpace)
        let space = searchSpace.map { " in search space \($0)" } ?? ""
        guard !runs.isEmpty else {
            let available = Set(try estimatorRuns(dataset: dataset, searchSpace: searchSpace).map(\.estimator)).sorted()
            let hint = available.isEmpty
                ? "the database holds no estimator scores on '\(dataset)'\(space)"
                : "estimators on '\(dataset)'\(space): \(available.joined(separator: ", "))"
            throw SQLiteError(path: path, message: "no estimator '\(estimator)' on dataset '\(dataset)'\(space); \(hint)")
        }
        let matching = runs.filter(selector.matches)
        let listing = runs.map(\.summary).joined(separator: "; ")
        guard !matching.isEmpty else {
            throw SQLiteError(path: path, message: "no run of estimator '\(estimator)' on '\(dataset)'\(space) matches "
                + "'\(selector)'; runs: \(listing)")
        }
        guard matching.count == 1 else {
            throw SQLiteError(path: path, message: "estimator '\(estimator)' has \(matching.count) runs on "
                + "'\(dataset)'\(space); choose one with \(estimator)@{settings}, \(estimator)@seed=N or "
                + "\(estimator)@run=N: \(matching.map(\.summary).joined(separator: "; "))")
        }
        let run = matching[0]
        let statement = try connection.prepare("""
            SELECT a.arch, s.value, s.failure FROM score s JOIN architecture a ON a.id = s.architecture_id
            WHERE s.run_id = ?
            """)
        try statement.bind([.integer(run.id)])
        var values: [String: Double] = [:]
        var failures: [String: String] = [:]
        while try statement.step() {
            if statement.isNull(at: 1) {
                failures[statement.text(at: 0)] = statement.text(at: 2)
            } else {
                values[statement.text(at: 0)] = statement.real(at: 1)
            }
        }
        return EstimatorScores(run: run, values: values, failures: failures)
    }

    /// One metric's mean value per architecture on `dataset` (of `benchmark` when given), with its descriptor and the
    /// search space of its benchmark; a one-line error when the metric is missing or ambiguous.
    public func metricValues(_ metric: String, dataset: String, benchmark: String?) throws -> MetricValues {
        let (metricID, descriptor) = try resolveMetric(metric, dataset: dataset, benchmark: benchmark)
        let space = try connection.prepare("SELECT search_space FROM benchmark WHERE name = ?")
            .rows([.text(descriptor.benchmark)]).first?.first?.stringValue ?? ""
        let statement = try connection.prepare("""
            SELECT a.arch, avg(v.value) FROM measurement v JOIN architecture a ON a.id = v.architecture_id
            WHERE v.metric_id = ? GROUP BY v.architecture_id
            """)
        try statement.bind([.integer(metricID)])
        var values: [String: Double] = [:]
        while try statement.step() { values[statement.text(at: 0)] = statement.real(at: 1) }
        return MetricValues(descriptor: descriptor, searchSpace: space, values: values)
    }

    /// Whether a metric called `name` exists on `dataset` (in any benchmark, or in `benchmark` when given).
    public func hasMetric(_ name: String, dataset: String, benchmark: String?) throws -> Bool {
        try !connection.prepare("""
            SELECT 1 FROM metric m JOIN dataset d ON d.id = m.dataset_id JOIN benchmark b ON b.id = m.benchmark_id
            WHERE m.name = ? AND d.name = ? AND (?3 IS NULL OR b.name = ?3) LIMIT 1
            """).rows([.text(name), .text(dataset), benchmark.map { .text($0) } ?? .null]).isEmpty
    }
}
