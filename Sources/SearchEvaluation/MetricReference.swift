/// A benchmark metric on one dataset, written `metric` or `metric@dataset` on the command line.
public struct MetricReference: Codable, Hashable, Sendable, CustomStringConvertible {
    /// Metric name as stored (a column name of the benchmark table).
    public let metric: String
    /// Dataset the metric was measured on.
    public let dataset: String

    /// Creates a reference.
    public init(metric: String, dataset: String) {
        self.metric = metric
        self.dataset = dataset
    }

    /// Parses `metric` (on `defaultDataset`) or `metric@dataset`.
    public init(parsing text: String, defaultDataset: String) throws(SearchEvaluationError) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw SearchEvaluationError("'\(text)' is not a metric name or metric@dataset")
        }
        self.init(metric: parts[0], dataset: parts.count == 2 ? parts[1] : defaultDataset)
    }

    /// `metric@dataset`.
    public var description: String { "\(metric)@\(dataset)" }
}
