/// The simulated wall clock of a search on a tabular benchmark: each query is charged its training time.
public struct SimulatedClock: Sendable, Equatable {
    /// Seconds available.
    public let budget: Double
    /// Seconds charged so far.
    public private(set) var elapsed: Double = 0

    /// A clock at zero with `budget` seconds available.
    public init(budget: Double) {
        self.budget = budget
    }

    /// Seconds still available.
    public var remaining: Double { budget - elapsed }

    /// Whether a query costing `seconds` fits in what is left.
    public func canAfford(_ seconds: Double) -> Bool { elapsed + seconds <= budget }

    /// Charges `seconds`; the caller checks `canAfford` first.
    public mutating func charge(_ seconds: Double) {
        precondition(seconds >= 0 && canAfford(seconds), "a charge must be non-negative and fit the budget")
        elapsed += seconds
    }
}
