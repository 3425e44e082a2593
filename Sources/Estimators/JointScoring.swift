import SearchSpaces

/// Several estimators scored on one architecture at a time, sharing work where they can: weight-gradient
/// estimators (snip, grad_norm, plain) with equal options share one network and one backward pass per batch.
public struct JointScoring: Sendable {
    /// The estimators, in the order `scores` reports them.
    public let estimators: [any Estimator]

    /// Scores `estimators` together.
    public init(_ estimators: [any Estimator]) { self.estimators = estimators }

    /// One outcome per estimator (a score, or the error that made it undefined), in `estimators` order;
    /// `including` limits the work to the estimators at those positions (the others report nil).
    public func scores(_ architecture: NB201Architecture, context: ScoringContext,
                       including wanted: Set<Int>? = nil) -> [Result<Double, any Error>?] {
        var outcomes = [Result<Double, any Error>?](repeating: nil, count: estimators.count)
        var shared: [EstimatorOptions: [Int]] = [:]
        for (index, estimator) in estimators.enumerated() where wanted?.contains(index) ?? true {
            if let gradientEstimator = estimator as? any WeightGradientEstimator {
                shared[gradientEstimator.options, default: []].append(index)
            } else {
                outcomes[index] = Result { try estimator.score(architecture, context: context) }
            }
        }
        for (options, indices) in shared {
            guard indices.count > 1 else {
                outcomes[indices[0]] = Result { try estimators[indices[0]].score(architecture, context: context) }
                continue
            }
            let network = options.network(for: architecture, dataset: context.dataset)
            var totals = [Double](repeating: 0, count: indices.count)
            for batch in context.batches {
                let gradients = WeightGradients(network: network, images: batch.imageTensor, labels: batch.labelIndices)
                for (position, index) in indices.enumerated() {
                    totals[position] += (estimators[index] as! any WeightGradientEstimator).score(gradients)
                }
            }
            for (position, index) in indices.enumerated() {
                let mean = totals[position] / Double(context.batches.count)
                outcomes[index] = context.batches.isEmpty
                    ? .failure(EstimatorFailure("\(estimators[index].id) needs input batches; none were given"))
                    : mean.isFinite ? .success(mean) : .failure(EstimatorFailure("\(estimators[index].id): score is \(mean)"))
            }
        }
        return outcomes
    }
}
