import SearchEvaluation
import SearchSpaces

/// Accuracy-versus-cost fronts for one cost metric: the whole benchmark's and each strategy's evaluated set's.
public struct ParetoComparison: Sendable {
    /// The cost metric (e.g. `lat_ms_pixel3@cifar10`).
    public let metric: MetricReference
    /// The constraint on this metric, when the search had one.
    public let constraint: SearchConstraint?
    /// The front of every architecture of the benchmark.
    public let benchmark: ParetoFront
    /// The front of the architectures each strategy evaluated over all its runs.
    public let strategies: [(strategy: String, front: ParetoFront)]
    /// Hypervolume reference point: the benchmark's median accuracy and its largest cost, so the hypervolume
    /// measures the upper half of the accuracy range, where architectures differ.
    public let reference: (accuracy: Double, cost: Double)

    /// Builds the fronts from per-architecture `accuracy` and `cost` columns (NB201 enumeration order).
    public init(metric: MetricReference, constraint: SearchConstraint?, accuracy: [Double], cost: [Double],
                outcomes: [StrategyOutcome]) {
        self.metric = metric
        self.constraint = constraint
        benchmark = ParetoFront(candidates: accuracy.indices.map {
            ParetoPoint(architecture: NB201Architecture(index: $0), accuracy: accuracy[$0], cost: cost[$0])
        })
        strategies = outcomes.map {
            ($0.descriptor.identifier, ParetoFront(evaluatedIn: $0.runs, accuracy: accuracy, cost: cost))
        }
        reference = (SampleStatistics(accuracy).median, cost.max() ?? 0)
    }

    /// How many of the benchmark front's architectures `front` holds (exactly, not up to isomorphism).
    public func benchmarkPointsFound(in front: ParetoFront) -> Int {
        let found = Set(front.points.map(\.architecture))
        return benchmark.points.filter { found.contains($0.architecture) }.count
    }

    /// A front's hypervolume as a fraction of the benchmark front's.
    public func hypervolumeRatio(_ front: ParetoFront) -> Double {
        front.hypervolume(reference: reference) / benchmark.hypervolume(reference: reference)
    }
}
