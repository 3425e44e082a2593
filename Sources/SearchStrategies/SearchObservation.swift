import SearchSpaces

/// What a strategy learns about one proposal: its search signal and whether it meets the search's constraints.
public struct SearchObservation: Sendable, Hashable {
    /// The proposed architecture.
    public let architecture: NB201Architecture
    /// The search signal (e.g. 12-epoch validation accuracy): larger is better.
    public let score: Double
    /// Whether the architecture meets every constraint of the search (always true without constraints).
    public let isFeasible: Bool

    /// Creates an observation.
    public init(architecture: NB201Architecture, score: Double, isFeasible: Bool = true) {
        self.architecture = architecture
        self.score = score
        self.isFeasible = isFeasible
    }

    /// Whether this observation is strictly better than `other`: feasible before infeasible, then higher score.
    ///
    /// Ties are not "better", so the first of equal observations stays the incumbent.
    public func isPreferred(over other: SearchObservation) -> Bool {
        if isFeasible != other.isFeasible { return isFeasible }
        return score > other.score
    }

    /// `candidate` when it is preferred over `incumbent` (or there is no incumbent), `incumbent` otherwise.
    public static func best(_ incumbent: SearchObservation?, _ candidate: SearchObservation) -> SearchObservation {
        guard let incumbent else { return candidate }
        return candidate.isPreferred(over: incumbent) ? candidate : incumbent
    }
}
