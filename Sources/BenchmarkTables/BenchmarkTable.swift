import SearchSpaces

/// A NAS-Bench-style table in memory: which benchmark, which architectures, and per-dataset metric columns.
///
/// This is what the HDF5 layout (docs/HDF5_LAYOUT.md) stores and what ingestion writes into SQLite.
public struct BenchmarkTable: Sendable, Equatable {
    /// Which benchmark this is and where it comes from.
    public var identity: BenchmarkIdentity
    /// Architectures in the search space's normalised textual form (NB201: arch strings), one per row.
    public var architectures: [String]
    /// The benchmark's own index of each architecture (e.g. NB201's official index), when it has one.
    public var benchmarkIndices: [Int64]?
    /// Metric columns grouped by dataset and by the rows they cover (a dataset may have several blocks).
    public var blocks: [DatasetBlock]

    /// Creates a table.
    public init(identity: BenchmarkIdentity, architectures: [String], benchmarkIndices: [Int64]? = nil,
                blocks: [DatasetBlock]) {
        self.identity = identity
        self.architectures = architectures
        self.benchmarkIndices = benchmarkIndices
        self.blocks = blocks
    }
}

/// Identity and provenance of a benchmark.
public struct BenchmarkIdentity: Sendable, Equatable, Codable {
    /// Stable lowercase id, e.g. `nb201`.
    public var name: String
    /// The search space its architectures belong to.
    public var searchSpace: SearchSpaceID
    /// Where the numbers come from (project, paper, repository).
    public var source: String
    /// Licence of the numbers.
    public var licence: String
    /// Free-text description.
    public var description: String

    /// Creates an identity.
    public init(name: String, searchSpace: SearchSpaceID, source: String = "", licence: String = "",
                description: String = "") {
        self.name = name
        self.searchSpace = searchSpace
        self.source = source
        self.licence = licence
        self.description = description
    }
}

/// The metric columns of one dataset, covering all architectures or a subset of them.
public struct DatasetBlock: Sendable, Equatable {
    /// Dataset id, e.g. `cifar10`, `cifar10-valid`, `imagenet16-120`.
    public var dataset: String
    /// Positions (into `BenchmarkTable.architectures`) of the rows this block covers; nil means all, in order.
    public var architectureRows: [Int]?
    /// The metric columns; each holds one value (or one per seed/epoch) per covered row.
    public var columns: [MetricColumn]

    /// Creates a block.
    public init(dataset: String, architectureRows: [Int]? = nil, columns: [MetricColumn]) {
        self.dataset = dataset
        self.architectureRows = architectureRows
        self.columns = columns
    }

    /// Number of rows the block covers in a table of `architectureCount` architectures.
    public func rowCount(architectureCount: Int) -> Int { architectureRows?.count ?? architectureCount }
}

/// What a metric column measures.
public enum MetricRole: String, Sendable, Codable, CaseIterable {
    /// Ground truth such as trained accuracy.
    case groundTruth = "ground_truth"
    /// A cost: latency, energy, training time, params, FLOPs.
    case cost
    /// Another statistic recorded during training (losses, train accuracy).
    case trainingStatistic = "training_statistic"
    /// A score produced by a performance estimator; a non-finite value (NaN, ±inf) marks a failed score.
    case estimatorScore = "estimator_score"
}

/// The extra axis of a metric that has several values per architecture.
public enum SampleAxis: String, Sendable, Codable, CaseIterable {
    /// One value per architecture.
    case none
    /// One value per training seed.
    case seed
    /// One value per epoch.
    case epoch
}

/// One metric: its meaning, units, fidelity and values.
public struct MetricColumn: Sendable, Equatable {
    /// Metric name, e.g. `cifar10_test_acc_200ep_mean` or `lat_ms_pixel3`.
    public var name: String
    /// Unit, e.g. `%`, `ms`, `s`, `mJ`, `M`, or empty for unitless.
    public var unit: String
    /// Training epochs the value was measured at, when that applies.
    public var fidelityEpochs: Int?
    /// What the metric measures.
    public var role: MetricRole
    /// Whether larger values are better (accuracy) or not (latency); nil when it does not apply.
    public var higherIsBetter: Bool?
    /// The extra axis of a multi-valued metric.
    public var sampleAxis: SampleAxis
    /// Values per row: 1 unless `sampleAxis` is seed or epoch.
    public var samplesPerRow: Int
    /// Whether NaN marks a value that was not measured (left out when stored) rather than an error.
    public var allowsMissing: Bool
    /// Row-major values: `samplesPerRow` values per covered row.
    public var values: [Double]
    /// For estimator scores: the estimator, its settings and seed.
    public var estimator: EstimatorRecord?
    /// Free-text description (e.g. the source column it was imported from).
    public var description: String

    /// Creates a column.
    public init(name: String, unit: String = "", fidelityEpochs: Int? = nil, role: MetricRole,
                higherIsBetter: Bool? = nil, sampleAxis: SampleAxis = .none, samplesPerRow: Int = 1,
                allowsMissing: Bool = false, values: [Double], estimator: EstimatorRecord? = nil, description: String = "") {
        self.name = name
        self.unit = unit
        self.fidelityEpochs = fidelityEpochs
        self.role = role
        self.higherIsBetter = higherIsBetter
        self.sampleAxis = sampleAxis
        self.samplesPerRow = samplesPerRow
        self.allowsMissing = allowsMissing
        self.values = values
        self.estimator = estimator
        self.description = description
    }
}

/// The estimator behind a column of scores, as stored with every score.
public struct EstimatorRecord: Sendable, Equatable, Codable {
    /// Stable estimator id (the column's name), e.g. `relu_logdet` or, for published scores, the publisher's name.
    public var id: String
    /// Every setting as canonical JSON (sorted keys).
    public var settingsJSON: String
    /// Seed the scores were computed with, when known.
    public var seed: Int64?

    /// Creates a record.
    public init(id: String, settingsJSON: String, seed: Int64?) {
        self.id = id
        self.settingsJSON = settingsJSON
        self.seed = seed
    }
}
