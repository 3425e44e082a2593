import Foundation
import SearchSpaces

/// How the columns of a CSV file become a `BenchmarkTable`: read from a JSON mapping file.
///
/// Keys are snake_case in the file. Example (see datasets/mappings/ for one per published table):
/// ```json
/// { "benchmark": "nb201", "search_space": "nb201", "arch_column": "arch_str", "index_column": "index",
///   "columns": [ { "column": "cifar10_test_acc_200ep_mean", "dataset": "cifar10", "unit": "%",
///                  "epochs": 200, "role": "ground_truth", "higher_is_better": true },
///                { "pattern": "lat_ms_*", "dataset": "cifar10", "unit": "ms", "role": "cost" } ] }
/// ```
/// A file is either wide (one row per architecture; each column names its dataset, or `dataset` gives one
/// for all) or long (`dataset_column` names the column holding each row's dataset).
public struct CSVImportMapping: Codable, Sendable, Equatable {
    /// Benchmark id stored with the table.
    public var benchmark: String
    /// Search space of the architectures.
    public var searchSpace: SearchSpaceID
    /// Where the numbers come from.
    public var source: String?
    /// Licence of the numbers.
    public var licence: String?
    /// Free-text description of the table.
    public var description: String?
    /// Column holding the architecture.
    public var archColumn: String
    /// How the architecture column is written: the space's own form (default) or `naslib-nb201` op indices.
    public var archFormat: ArchitectureFormat?
    /// Column holding the benchmark's own architecture index, if any.
    public var indexColumn: String?
    /// Dataset of every column that does not name its own (wide files).
    public var dataset: String?
    /// Column holding each row's dataset (long files).
    public var datasetColumn: String?
    /// Metric columns to import; columns not matched by any rule are ignored.
    public var columns: [ColumnRule]

    /// Creates a mapping (most callers load one from JSON with `load(from:)`).
    public init(benchmark: String, searchSpace: SearchSpaceID, source: String? = nil, licence: String? = nil,
                description: String? = nil, archColumn: String, archFormat: ArchitectureFormat? = nil,
                indexColumn: String? = nil, dataset: String? = nil, datasetColumn: String? = nil,
                columns: [ColumnRule]) {
        self.benchmark = benchmark
        self.searchSpace = searchSpace
        self.source = source
        self.licence = licence
        self.description = description
        self.archColumn = archColumn
        self.archFormat = archFormat
        self.indexColumn = indexColumn
        self.dataset = dataset
        self.datasetColumn = datasetColumn
        self.columns = columns
    }

    /// One rule that selects CSV columns and says what they measure.
    public struct ColumnRule: Codable, Sendable, Equatable {
        /// An exact column name.
        public var column: String?
        /// A pattern with `*` wildcards, e.g. `lat_ms_*`; must match at least one column.
        public var pattern: String?
        /// Metric name to store instead of the column name (exact `column` rules, or `pattern` rules with a
        /// `sample_axis`).
        public var name: String?
        /// With a `pattern` and a `name`: the matched columns, in file order, are the seeds or epochs of one
        /// metric.
        public var sampleAxis: SampleAxis?
        /// Dataset of the column(s) in a wide file.
        public var dataset: String?
        /// Unit of the values.
        public var unit: String?
        /// Training epochs the values were measured at.
        public var epochs: Int?
        /// What the values measure.
        public var role: MetricRole
        /// Whether larger is better.
        public var higherIsBetter: Bool?
        /// Whether empty or NaN cells mean "not measured" (the value is left out) instead of being an error.
        public var allowMissing: Bool?
        /// For estimator scores: settings stored with every score.
        public var settings: [String: String]?
        /// For estimator scores: the seed they were computed with.
        public var seed: Int64?
        /// Free-text description of the metric.
        public var description: String?

        /// Creates a rule selecting `column` (or every column matching `pattern`).
        public init(column: String? = nil, pattern: String? = nil, name: String? = nil,
                    sampleAxis: SampleAxis? = nil, dataset: String? = nil,
                    unit: String? = nil, epochs: Int? = nil, role: MetricRole, higherIsBetter: Bool? = nil,
                    allowMissing: Bool? = nil, settings: [String: String]? = nil, seed: Int64? = nil, description: String? = nil) {
            self.column = column
            self.pattern = pattern
            self.name = name
            self.sampleAxis = sampleAxis
            self.dataset = dataset
            self.unit = unit
            self.epochs = epochs
            self.role = role
            self.higherIsBetter = higherIsBetter
            self.allowMissing = allowMissing
            self.settings = settings
            self.seed = seed
            self.description = description
        }
    }

    /// How architectures are written in a source file.
    public enum ArchitectureFormat: String, Codable, Sendable {
        /// The search space's own textual form (NB201 arch strings, NB101 tuples, DARTS genotypes).
        case native
        /// NASLib's NB201 op-index tuple, e.g. `(0, 2, 3, 2, 3, 1)`.
        case naslibNB201 = "naslib-nb201"
    }

    /// Reads a mapping from a JSON file, with a one-line error naming the file when it is malformed.
    public static func load(from url: URL) throws(BenchmarkFileError) -> CSVImportMapping {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw BenchmarkFileError(file: url.path, problem: "cannot read the mapping file")
        }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(CSVImportMapping.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw BenchmarkFileError(file: url.path, problem: "mapping lacks '\(key.stringValue)'"
                + Self.where(context.codingPath))
        } catch let DecodingError.dataCorrupted(context) {
            throw BenchmarkFileError(file: url.path, problem: "invalid mapping\(Self.where(context.codingPath)): "
                + context.debugDescription)
        } catch let DecodingError.typeMismatch(_, context) {
            throw BenchmarkFileError(file: url.path, problem: "wrong type\(Self.where(context.codingPath)): "
                + context.debugDescription)
        } catch {
            throw BenchmarkFileError(file: url.path, problem: "invalid mapping: \(error)")
        }
    }

    private static func `where`(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "" : " at " + path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}

extension String {
    /// Whether the string matches `pattern`, where `*` stands for any run of characters.
    func matches(wildcard pattern: String) -> Bool {
        let parts = pattern.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1 else { return self == pattern }
        guard hasPrefix(parts[0]), dropFirst(parts[0].count).hasSuffix(parts[parts.count - 1]) else { return false }
        var remainder = Substring(self).dropFirst(parts[0].count).dropLast(parts[parts.count - 1].count)
        for part in parts.dropFirst().dropLast() where !part.isEmpty {
            guard let range = remainder.range(of: part) else { return false }
            remainder = remainder[range.upperBound...]
        }
        return true
    }
}
