/// When a search stops: simulated seconds, charged queries, and a guard against strategies that only repeat.
public struct SearchBudget: Codable, Hashable, Sendable {
    /// Simulated training seconds available; a query whose cost does not fit in what is left ends the search.
    public let seconds: Double
    /// Charged queries available, when limited.
    public let maxQueries: Int?
    /// Consecutive free repeats (proposals of already-evaluated classes) after which the search is stalled.
    public let maxConsecutiveRepeats: Int

    /// The default stall guard: 1,000 consecutive free repeats.
    public static let defaultMaxConsecutiveRepeats = 1_000

    /// Creates a budget.
    public init(seconds: Double, maxQueries: Int? = nil, maxConsecutiveRepeats: Int = Self.defaultMaxConsecutiveRepeats) {
        self.seconds = seconds
        self.maxQueries = maxQueries
        self.maxConsecutiveRepeats = maxConsecutiveRepeats
    }
}
