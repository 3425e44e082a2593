import NASCore
import SearchEvaluation
import SearchSpaces
import SearchStrategies
import Testing

/// Wraps a strategy and records every proposal and observation, including a final proposal the budget refused.
struct RecordingStrategy: SearchStrategy {
    var inner: any SearchStrategy
    var proposals: [NB201Architecture] = []
    var observations: [SearchObservation] = []

    mutating func ask() -> NB201Architecture {
        let proposal = inner.ask()
        proposals.append(proposal)
        return proposal
    }

    mutating func tell(_ observation: SearchObservation) {
        observations.append(observation)
        inner.tell(observation)
    }

    var recommendation: SearchObservation? { inner.recommendation }
}

@Suite("every catalogued strategy against the computed benchmark")
struct StrategyConformanceTests {
    static let identifiers = SearchStrategyCatalog.all.map(\.identifier)
    static let seeds: [UInt64] = Array(0..<40)

    /// Runs `identifier` with `seed` (stream 0) on `problem`, recording everything.
    static func recordedRun(_ identifier: String, seed: UInt64, problem: SearchProblem) throws -> (SearchRun, RecordingStrategy) {
        let descriptor = try SearchStrategyCatalog.descriptor(for: identifier)
        var strategy = RecordingStrategy(inner: try descriptor.makeStrategy(generator: SeededGenerator(seed: seed, stream: 0)))
        let run = SearchLoop(problem: problem).run(&strategy, name: identifier, repetition: 0, seed: seed)
        return (run, strategy)
    }

    @Test("the catalog has unique kebab-case ids, citations, and valid default parameters")
    func catalog() throws {
        #expect(Set(Self.identifiers).count == Self.identifiers.count)
        #expect(Self.identifiers == ["random-search", "rea", "reinforce", "local-search"])
        for descriptor in SearchStrategyCatalog.all {
            #expect(descriptor.identifier.allSatisfy { $0.isLowercase || $0 == "-" }, "\(descriptor.identifier)")
            #expect(!descriptor.citation.isEmpty && descriptor.revision >= 1)
            let resolved = try descriptor.resolvedParameters()
            #expect(resolved.count == descriptor.parameters.count)
            for parameter in descriptor.parameters { #expect(resolved[parameter.name] == parameter.defaultValue) }
        }
        #expect(try RegularizedEvolution.descriptor.resolvedParameters() == ["population": 10, "tournament": 3])
        #expect(try Reinforce.descriptor.resolvedParameters() == ["learning_rate": 0.01, "baseline_momentum": 0.9])
    }

    @Test("every proposal is a valid cell, the time budget holds, the loop's bookkeeping is exact", arguments: identifiers)
    func timeBudget(identifier: String) throws {
        let problem = ToyProblem.standard
        for seed in Self.seeds {
            let (run, strategy) = try Self.recordedRun(identifier, seed: seed, problem: problem)
            #expect(run.stopReason == .timeBudget)
            #expect(run.steps.count >= 10, "seed \(seed): only \(run.steps.count) steps")
            for proposal in strategy.proposals {
                #expect(proposal.operations.count == NB201Architecture.edgeCount)
                #expect(try NB201Architecture(archString: proposal.archString) == proposal)
                #expect(try NB201Architecture(encoding: proposal.encoding).index == proposal.index)
            }
            // Every evaluated proposal was told exactly once, in order; the last proposal did not fit the budget.
            #expect(strategy.proposals.count == run.steps.count + 1)
            #expect(strategy.observations.map(\.architecture) == run.steps.map(\.architecture))
            #expect(zip(strategy.proposals, run.steps).allSatisfy { $0 == $1.architecture })
            let refused = strategy.proposals.last!
            #expect(run.elapsedSeconds + problem.cost[refused.index] > problem.specification.budget.seconds)
            #expect(run.elapsedSeconds <= problem.specification.budget.seconds)

            var clock = 0.0
            var firstOfClass: [Int: Int] = [:]
            for (number, step) in run.steps.enumerated() {
                let classNumber = problem.classNumber[step.architecture.index]
                if let first = firstOfClass[classNumber] {
                    #expect(step.isRepeat && step.cost == 0)
                    #expect(step.signal == run.steps[first].signal && step.report == run.steps[first].report)
                } else {
                    firstOfClass[classNumber] = number
                    #expect(!step.isRepeat)
                    #expect(step.cost == problem.cost[step.architecture.index])
                    #expect(step.signal == problem.signal[step.architecture.index])
                    #expect(step.report == problem.report[step.architecture.index])
                }
                clock += step.cost
                #expect(step.clock == clock)
                // The incumbent is the best (first of equals) of the steps so far.
                let best = run.steps[0...number].indices.max { lhs, rhs in
                    run.steps[lhs].signal != run.steps[rhs].signal ? run.steps[lhs].signal < run.steps[rhs].signal : lhs > rhs
                }!
                #expect(step.incumbent == best)
            }
            #expect(run.uniqueQueries == firstOfClass.count)
            #expect(run.queries == firstOfClass.count)
            // The strategy returns its best by search signal: the final incumbent.
            #expect(run.resultStep == run.steps.last!.incumbent, "seed \(seed)")
            #expect(strategy.recommendation?.score == run.steps.map(\.signal).max())
        }
    }

    @Test("a query budget stops every strategy after exactly that many charged queries", arguments: identifiers)
    func queryBudget(identifier: String) throws {
        let problem = try ToyProblem.problem(seconds: 1e9, maxQueries: 7)
        for seed in Self.seeds.prefix(20) {
            let (run, _) = try Self.recordedRun(identifier, seed: seed, problem: problem)
            #expect(run.stopReason == .queryBudget)
            #expect(run.queries == 7 && run.uniqueQueries == 7)
        }
    }

    @Test("with charged repeats every proposal costs its own time and the clock still never overruns", arguments: identifiers)
    func chargedRepeats(identifier: String) throws {
        let problem = try ToyProblem.problem(seconds: 5_000, repeatCost: .charged)
        for seed in Self.seeds.prefix(20) {
            let (run, _) = try Self.recordedRun(identifier, seed: seed, problem: problem)
            #expect(run.stopReason == .timeBudget)
            #expect(run.elapsedSeconds <= 5_000)
            #expect(run.queries == run.steps.count)
            for step in run.steps {
                #expect(step.cost == problem.cost[step.architecture.index])
                #expect(step.signal == problem.signal[step.architecture.index])
            }
        }
    }

    @Test("the same seed gives the same trajectory; different seeds give different ones", arguments: identifiers)
    func determinism(identifier: String) throws {
        let problem = ToyProblem.standard
        var trajectories: [[SearchStep]] = []
        for seed in Self.seeds.prefix(20) {
            let (first, _) = try Self.recordedRun(identifier, seed: seed, problem: problem)
            let (second, _) = try Self.recordedRun(identifier, seed: seed, problem: problem)
            #expect(first == second)
            trajectories.append(first.steps)
        }
        #expect(Set(trajectories.map { $0.map(\.architecture) }).count == trajectories.count)
    }

    @Test("the parallel driver gives each repetition the trajectory it gets alone", arguments: identifiers)
    func parallelDriver(identifier: String) async throws {
        let experiment = try SearchExperiment(problem: ToyProblem.standard,
                                              strategy: SearchStrategyCatalog.descriptor(for: identifier), seed: 11)
        var collected: [SearchRun] = []
        try await experiment.run(repetitions: Array(0..<24), workers: 3) { collected.append($0) }
        #expect(collected.count == 24)
        #expect(collected.sorted { $0.repetition < $1.repetition } == (0..<24).map { experiment.run(repetition: $0) })
        #expect(Set(collected.map { $0.steps.map(\.architecture) }).count == 24)
    }

    @Test("under a constraint the result is feasible whenever a feasible cell was evaluated", arguments: identifiers)
    func constraint(identifier: String) throws {
        let constraint = SearchConstraint(metric: MetricReference(metric: "latency_ms", dataset: "toy"), relation: .atMost, bound: 2)
        let problem = try ToyProblem.problem(constraints: [constraint])
        for seed in Self.seeds.prefix(20) {
            let (run, _) = try Self.recordedRun(identifier, seed: seed, problem: problem)
            // A free repeat reports the feasibility of its class's first evaluation (isomorphs' latencies differ).
            var firstOfClass: [Int: NB201Architecture] = [:]
            for step in run.steps {
                let classNumber = problem.classNumber[step.architecture.index]
                let evaluated = firstOfClass[classNumber] ?? step.architecture
                firstOfClass[classNumber] = evaluated
                #expect(step.isFeasible == (problem.constraintValues[0][evaluated.index] <= 2))
            }
            let result = try #require(run.result)
            #expect(result.isFeasible == run.steps.contains(where: \.isFeasible))
            let bestFeasible = run.steps.filter(\.isFeasible).map(\.signal).max()
            if let bestFeasible { #expect(result.signal == bestFeasible) }
        }
    }
}
