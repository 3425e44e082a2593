/// Why a search run ended.
public enum SearchStopReason: String, Codable, Sendable, CaseIterable {
    /// The next proposal's cost did not fit in the remaining simulated time (it was not evaluated).
    case timeBudget = "time-budget"
    /// The query budget was used up.
    case queryBudget = "query-budget"
    /// Every isomorphism class had been evaluated (free repeats only).
    case spaceExhausted = "space-exhausted"
    /// The strategy proposed only already-evaluated classes for the budget's `maxConsecutiveRepeats` proposals.
    case stalled
}

/// One seeded repetition of one strategy on one problem: the full trajectory and the strategy's pick.
public struct SearchRun: Sendable, Equatable {
    /// Strategy id.
    public let strategy: String
    /// Repetition number: the stream of the seeded generator.
    public let repetition: Int
    /// The experiment's seed.
    public let seed: UInt64
    /// Every evaluated proposal, in order.
    public let steps: [SearchStep]
    /// Why the run ended.
    public let stopReason: SearchStopReason
    /// Index of the step holding the strategy's final recommendation (nil when nothing was evaluated).
    public let resultStep: Int?

    /// Creates a run record.
    public init(strategy: String, repetition: Int, seed: UInt64, steps: [SearchStep], stopReason: SearchStopReason,
                resultStep: Int?) {
        self.strategy = strategy
        self.repetition = repetition
        self.seed = seed
        self.steps = steps
        self.stopReason = stopReason
        self.resultStep = resultStep
    }

    /// The step holding the strategy's recommendation.
    public var result: SearchStep? { resultStep.map { steps[$0] } }

    /// Proposals charged as queries.
    public var queries: Int { steps.reduce(0) { $0 + ($1.isCharged ? 1 : 0) } }

    /// Isomorphism classes evaluated (proposals that were not repeats).
    public var uniqueQueries: Int { steps.reduce(0) { $0 + ($1.isRepeat ? 0 : 1) } }

    /// Simulated seconds used.
    public var elapsedSeconds: Double { steps.last?.clock ?? 0 }

    /// The incumbent step at simulated time `seconds` (after every query finished by then), or nil before the first.
    public func incumbent(at seconds: Double) -> SearchStep? {
        var low = 0, high = steps.count
        while low < high {
            let middle = (low + high) / 2
            if steps[middle].clock <= seconds { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : steps[steps[low - 1].incumbent]
    }
}
