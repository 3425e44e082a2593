import SearchSpaces

/// One proposal of a search as the loop saw it: what was proposed, observed and charged, and the incumbent after.
public struct SearchStep: Sendable, Equatable {
    /// The proposed architecture.
    public let architecture: NB201Architecture
    /// The search signal the strategy was told.
    public let signal: Double
    /// The report metric of the evaluated architecture (never told to the strategy).
    public let report: Double
    /// Whether the evaluated architecture meets every constraint.
    public let isFeasible: Bool
    /// Simulated seconds charged for this proposal (0 for a free repeat).
    public let cost: Double
    /// Simulated seconds elapsed after this proposal.
    public let clock: Double
    /// Whether the proposal's isomorphism class had been evaluated before in this run.
    public let isRepeat: Bool
    /// Index (in the run's steps) of the incumbent after this step: the best observation so far.
    public let incumbent: Int

    /// Creates a step.
    public init(architecture: NB201Architecture, signal: Double, report: Double, isFeasible: Bool, cost: Double,
                clock: Double, isRepeat: Bool, incumbent: Int) {
        self.architecture = architecture
        self.signal = signal
        self.report = report
        self.isFeasible = isFeasible
        self.cost = cost
        self.clock = clock
        self.isRepeat = isRepeat
        self.incumbent = incumbent
    }

    /// Whether the proposal was charged as a query (it cost simulated time).
    public var isCharged: Bool { cost > 0 }
}
