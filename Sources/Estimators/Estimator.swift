import ImageData
import NASCore
import SearchSpaces

/// A performance estimator: scores an architecture cheaply, larger meaning predicted better.
///
/// Implementations are value types built from `EstimatorOptions`; `settings` lists every option that affects
/// the score, and is stored with each score so results can be reproduced and compared.
public protocol Estimator: Sendable {
    /// Stable id used on the command line and in the database, e.g. `relu_logdet`.
    var id: String { get }
    /// Every setting that affects the score, stored with each score.
    var settings: EstimatorSettings { get }
    /// Scores `architecture`; throws `EstimatorFailure` when the score is undefined (NaN, singular matrix).
    func score(_ architecture: NB201Architecture, context: ScoringContext) throws -> Double
}

/// Why an estimator could not score an architecture; stored as the failure reason.
public struct EstimatorFailure: Error, CustomStringConvertible, Equatable, Sendable {
    /// The reason, in one line.
    public let reason: String

    /// Creates a failure with `reason`.
    public init(_ reason: String) { self.reason = reason }

    /// The reason.
    public var description: String { reason }
}

/// What an estimator may use besides the architecture: the dataset and fixed input batches.
public struct ScoringContext: Sendable {
    /// The dataset the scores are for (class count, input size).
    public let dataset: ImageDataset
    /// Fixed input batches (empty for data-free estimators such as params, flops and synflow).
    public let batches: [ImageBatch]

    /// Creates a context.
    public init(dataset: ImageDataset, batches: [ImageBatch]) {
        self.dataset = dataset
        self.batches = batches
    }
}

extension Estimator {
    /// The mean of `body` over the context's batches (the estimators' convention for `batches` > 1); a
    /// failure when there are no batches or the mean is not finite.
    func meanOverBatches(_ context: ScoringContext, _ body: (ImageBatch) throws -> Double) throws -> Double {
        guard !context.batches.isEmpty else { throw EstimatorFailure("\(id) needs input batches; none were given") }
        var total = 0.0
        for batch in context.batches { total += try body(batch) }
        let mean = total / Double(context.batches.count)
        guard mean.isFinite else { throw EstimatorFailure("\(id): score is \(mean)") }
        return mean
    }
}
