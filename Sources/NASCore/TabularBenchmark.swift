/// A NAS benchmark table that answers queries about architectures: the one way every module reads benchmarks.
///
/// Architectures are addressed by their search space's normalised string (NB201: the arch string).
public protocol TabularBenchmark {
    /// Metrics available on `dataset` (all datasets when nil).
    func metrics(dataset: String?) throws -> [MetricDescriptor]
    /// One metric on one dataset for every architecture that has it; multi-sample metrics are averaged.
    func values(metric: String, dataset: String) throws -> [String: Double]
}

/// What a stored metric is: name, dataset, unit, fidelity and orientation.
public struct MetricDescriptor: Sendable, Equatable, Codable {
    /// Benchmark the metric belongs to.
    public var benchmark: String
    /// Dataset id.
    public var dataset: String
    /// Metric name.
    public var name: String
    /// Unit of the values.
    public var unit: String
    /// Training epochs the values were measured at, when that applies.
    public var fidelityEpochs: Int?
    /// What the metric measures: ground_truth, cost, training_statistic.
    public var role: String
    /// Whether larger is better, when known.
    public var higherIsBetter: Bool?
    /// Values per architecture (1, or the number of seeds or epochs).
    public var samplesPerArchitecture: Int

    /// Creates a descriptor.
    public init(benchmark: String, dataset: String, name: String, unit: String, fidelityEpochs: Int?,
                role: String, higherIsBetter: Bool?, samplesPerArchitecture: Int) {
        self.benchmark = benchmark
        self.dataset = dataset
        self.name = name
        self.unit = unit
        self.fidelityEpochs = fidelityEpochs
        self.role = role
        self.higherIsBetter = higherIsBetter
        self.samplesPerArchitecture = samplesPerArchitecture
    }
}
