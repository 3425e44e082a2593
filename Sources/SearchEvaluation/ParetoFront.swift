import SearchSpaces

/// An architecture placed by an accuracy (maximised) and a cost (minimised).
public struct ParetoPoint: Sendable, Hashable {
    /// The architecture.
    public let architecture: NB201Architecture
    /// Its accuracy (larger is better).
    public let accuracy: Double
    /// Its cost, e.g. latency (smaller is better).
    public let cost: Double

    /// Creates a point.
    public init(architecture: NB201Architecture, accuracy: Double, cost: Double) {
        self.architecture = architecture
        self.accuracy = accuracy
        self.cost = cost
    }

    /// Whether this point is at least as good in both objectives and strictly better in one.
    public func dominates(_ other: ParetoPoint) -> Bool {
        accuracy >= other.accuracy && cost <= other.cost && (accuracy > other.accuracy || cost < other.cost)
    }
}

/// The non-dominated subset of a set of (accuracy, cost) points, in increasing cost.
public struct ParetoFront: Sendable, Equatable {
    /// The non-dominated points by increasing cost (points with identical objectives all kept).
    public let points: [ParetoPoint]
    /// How many candidates the front was taken from.
    public let candidateCount: Int

    /// The front of `candidates`: one sort by (cost ascending, accuracy descending) and one sweep.
    public init(candidates: [ParetoPoint]) {
        let sorted = candidates.enumerated().sorted { lhs, rhs in
            if lhs.element.cost != rhs.element.cost { return lhs.element.cost < rhs.element.cost }
            if lhs.element.accuracy != rhs.element.accuracy { return lhs.element.accuracy > rhs.element.accuracy }
            return lhs.offset < rhs.offset
        }.map(\.element)
        var front: [ParetoPoint] = []
        for point in sorted {
            guard let last = front.last else { front.append(point); continue }
            if point.accuracy > last.accuracy || (point.accuracy == last.accuracy && point.cost == last.cost) {
                front.append(point)
            }
        }
        points = front
        candidateCount = candidates.count
    }

    /// The front of every architecture the runs evaluated (repeats once), placed by the given per-index columns.
    public init(evaluatedIn runs: [SearchRun], accuracy: [Double], cost: [Double]) {
        var seen = Set<Int>()
        var candidates: [ParetoPoint] = []
        for run in runs {
            for step in run.steps where !step.isRepeat && seen.insert(step.architecture.index).inserted {
                let index = step.architecture.index
                candidates.append(ParetoPoint(architecture: step.architecture, accuracy: accuracy[index], cost: cost[index]))
            }
        }
        self.init(candidates: candidates)
    }

    /// The area dominated by the front and bounded by `reference` (worst accuracy, worst cost): the 2-D hypervolume.
    public func hypervolume(reference: (accuracy: Double, cost: Double)) -> Double {
        var volume = 0.0
        var previousCost = reference.cost
        for point in points.reversed() where point.accuracy > reference.accuracy && point.cost < reference.cost {
            guard point.cost < previousCost else { continue }
            volume += (previousCost - point.cost) * (point.accuracy - reference.accuracy)
            previousCost = point.cost
        }
        return volume
    }
}
