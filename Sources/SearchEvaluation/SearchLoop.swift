import SearchSpaces
import SearchStrategies

/// Runs one strategy on one problem: asks for proposals, evaluates them from the problem's columns, charges the
/// simulated clock, dedups by isomorphism class, and records the trajectory until the budget stops it.
///
/// Per proposal: a class evaluated before is a repeat (free or charged per `SearchSpecification.RepeatCost`);
/// otherwise the query costs the architecture's training time. A query whose cost does not fit in the time left
/// ends the run unevaluated, so the clock never exceeds the budget. The incumbent is the best observation so
/// far (feasible first, then larger signal; the first of equals stays).
public struct SearchLoop: Sendable {
    /// The problem proposals are evaluated on.
    public let problem: SearchProblem

    /// Creates a loop over `problem`.
    public init(problem: SearchProblem) {
        self.problem = problem
    }

    /// Runs `strategy` until a budget stops it and returns the trajectory.
    public func run(_ strategy: inout some SearchStrategy, name: String, repetition: Int, seed: UInt64) -> SearchRun {
        let specification = problem.specification
        let budget = specification.budget
        let freeRepeats = specification.repeatCost == .free
        var clock = SimulatedClock(budget: budget.seconds)
        var firstEvaluation = [Int](repeating: -1, count: problem.classCount)
        var evaluatedClasses = 0, charged = 0, consecutiveRepeats = 0
        var steps: [SearchStep] = []
        var incumbent: SearchObservation?
        var incumbentStep = 0
        let stopReason: SearchStopReason
        while true {
            if let maxQueries = budget.maxQueries, charged >= maxQueries { stopReason = .queryBudget; break }
            if freeRepeats && evaluatedClasses == problem.classCount { stopReason = .spaceExhausted; break }
            if consecutiveRepeats >= budget.maxConsecutiveRepeats { stopReason = .stalled; break }

            let proposal = strategy.ask()
            let index = proposal.index
            let classNumber = problem.classNumber[index]
            let isRepeat = firstEvaluation[classNumber] >= 0
            // A free repeat answers with the class's first evaluation; otherwise the proposal itself is trained.
            let evaluated = isRepeat && freeRepeats ? steps[firstEvaluation[classNumber]].architecture.index : index
            let cost = isRepeat && freeRepeats ? 0 : problem.cost[index]
            guard clock.canAfford(cost) else { stopReason = .timeBudget; break }
            clock.charge(cost)
            if cost > 0 { charged += 1 }
            consecutiveRepeats = isRepeat && freeRepeats ? consecutiveRepeats + 1 : 0
            if !isRepeat {
                firstEvaluation[classNumber] = steps.count
                evaluatedClasses += 1
            }

            let observation = SearchObservation(architecture: proposal, score: problem.signal[evaluated],
                                                isFeasible: problem.isFeasible[evaluated])
            strategy.tell(observation)
            if incumbent == nil || observation.isPreferred(over: incumbent!) {
                incumbent = observation
                incumbentStep = steps.count
            }
            steps.append(SearchStep(architecture: proposal, signal: observation.score, report: problem.report[evaluated],
                                    isFeasible: observation.isFeasible, cost: cost, clock: clock.elapsed,
                                    isRepeat: isRepeat, incumbent: incumbentStep))
        }
        let resultStep = strategy.recommendation.flatMap { pick in
            steps.firstIndex { $0.architecture == pick.architecture && $0.signal == pick.score }
        }
        return SearchRun(strategy: name, repetition: repetition, seed: seed, steps: steps, stopReason: stopReason,
                         resultStep: resultStep)
    }
}
