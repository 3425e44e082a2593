import Foundation
import NASCore
import SearchEvaluation
import SearchSpaces
import SearchStrategies
import Testing

@Suite("what each strategy does, step by step")
struct StrategyBehaviourTests {
    /// Edges on which two cells differ.
    static func differences(_ a: NB201Architecture, _ b: NB201Architecture) -> Int {
        zip(a.operations, b.operations).filter { $0 != $1 }.count
    }

    @Test("observations order feasible before infeasible, then by score; ties are not improvements")
    func observationOrder() {
        let cell = NB201Architecture(index: 100)
        let feasible = SearchObservation(architecture: cell, score: 50)
        let infeasible = SearchObservation(architecture: cell, score: 90, isFeasible: false)
        #expect(feasible.isPreferred(over: infeasible) && !infeasible.isPreferred(over: feasible))
        #expect(!feasible.isPreferred(over: feasible))
        #expect(SearchObservation(architecture: cell, score: 51).isPreferred(over: feasible))
        let tie = SearchObservation(architecture: NB201Architecture(index: 7), score: 50)
        #expect(SearchObservation.best(feasible, tie) == feasible)
        #expect(SearchObservation.best(nil, tie) == tie)
    }

    @Test("random search draws every op on every edge about equally often")
    func randomSearchIsUniform() {
        var search = RandomSearch(generator: SeededGenerator(seed: 3))
        var counts = [[Int]](repeating: [Int](repeating: 0, count: 5), count: 6)
        for _ in 0..<10_000 {
            for (edge, op) in search.ask().operations.enumerated() { counts[edge][op.rawValue] += 1 }
        }
        // Expected 2,000 per cell, binomial sd 40; a 5-sd band.
        for row in counts { for count in row { #expect(abs(count - 2_000) <= 200, "\(counts)") } }
    }

    @Test("regularized evolution: 10 random founders, then one-edit children of a tournament winner; the oldest dies")
    func evolution() {
        var evolution = RegularizedEvolution(populationSize: 10, tournamentSize: 3, generator: SeededGenerator(seed: 5))
        var history: [SearchObservation] = []
        for step in 0..<200 {
            let population = evolution.population
            let child = evolution.ask()
            if step >= 10 {
                #expect(population.count == 10)
                #expect(population.contains { Self.differences($0.architecture, child) == 1 }, "step \(step)")
            }
            let observation = SearchObservation(architecture: child, score: ToyProblem.standard.signal[child.index])
            evolution.tell(observation)
            history.append(observation)
            // Aging: the population is always the most recent (at most) 10 observations, oldest first.
            #expect(evolution.population == Array(history.suffix(10)))
        }
        let best = history.indices.max { history[$0].score != history[$1].score ? history[$0].score < history[$1].score : $0 > $1 }!
        #expect(evolution.recommendation == history[best])
    }

    @Test("regularized evolution with a huge tournament always mutates the population's best member")
    func evolutionSelectsTheBest() {
        var evolution = RegularizedEvolution(populationSize: 10, tournamentSize: 2_000, generator: SeededGenerator(seed: 8))
        for step in 0..<120 {
            let population = evolution.population
            let child = evolution.ask()
            if step >= 10 {
                let winner = population.reduce(population[0]) { SearchObservation.best($0, $1) }
                #expect(Self.differences(winner.architecture, child) == 1, "step \(step)")
            }
            evolution.tell(SearchObservation(architecture: child, score: ToyProblem.standard.signal[child.index]))
        }
    }

    @Test("REINFORCE's first two updates match the hand-derived baseline, gradient and Adam step")
    func reinforceUpdatesArePinned() {
        var policy = Reinforce(learningRate: 0.01, baselineMomentum: 0.9, generator: SeededGenerator(seed: 1))
        let first = policy.ask(), second = policy.ask()
        policy.tell(SearchObservation(architecture: first, score: 70))
        // Bias-corrected EMA after one reward is the reward itself: advantage 0, so the logits do not move.
        #expect(policy.baseline == 70)
        #expect(policy.logits.allSatisfy { $0.allSatisfy { $0 == 0 } })
        policy.tell(SearchObservation(architecture: second, score: 80))
        let baseline = (0.9 * 0.1 * 70 + 0.1 * 80) / (0.9 * 0.1 + 0.1)
        #expect(abs(policy.baseline! - baseline) < 1e-12)
        let advantage = 80 - baseline
        for edge in 0..<6 {
            for op in 0..<5 {
                // Gradient of -(r - b) log p(op) with uniform p = 0.2: -(r - b)(onehot - 0.2). Adam at step 2 after a
                // zero first gradient: m = 0.1 g, v = 0.001 g², bias corrections 1 - 0.9² and 1 - 0.999².
                let gradient = -advantage * ((second.operations[edge].rawValue == op ? 1 : 0) - 0.2)
                let m = 0.1 * gradient / (1 - 0.81), v = 0.001 * gradient * gradient / (1 - 0.998001)
                let expected = -0.01 * m / (v.squareRoot() + 1e-8)
                #expect(abs(policy.logits[edge][op] - expected) < 1e-12, "edge \(edge) op \(op)")
            }
        }
        // The rewarded architecture became more likely on every edge.
        for edge in 0..<6 { #expect(policy.probabilities[edge][second.operations[edge].rawValue] > 0.2) }
    }

    @Test("REINFORCE concentrates on the rewarded cell")
    func reinforceLearns() {
        let target = NB201Architecture(index: 9_876)
        var policy = Reinforce(learningRate: 0.01, baselineMomentum: 0.9, generator: SeededGenerator(seed: 2))
        for _ in 0..<1_500 {
            let proposal = policy.ask()
            let matches = zip(proposal.operations, target.operations).filter { $0 == $1 }.count
            policy.tell(SearchObservation(architecture: proposal, score: Double(matches)))
        }
        for edge in 0..<6 { #expect(policy.probabilities[edge][target.operations[edge].rawValue] > 0.6, "\(policy.probabilities)") }
        #expect(policy.recommendation?.architecture == target)
    }

    @Test("local search evaluates the whole 24-neighbourhood, moves to the best neighbour, restarts at a local optimum")
    func localSearch() {
        var search = LocalSearch(generator: SeededGenerator(seed: 4))
        let signal = ToyProblem.standard.signal
        var centre = search.ask()
        search.tell(SearchObservation(architecture: centre, score: signal[centre.index]))
        var moves = 0, restarts = 0
        while restarts < 3 {
            #expect(search.current?.architecture == centre)
            var neighbours: [NB201Architecture] = []
            for _ in 0..<24 {
                let proposal = search.ask()
                neighbours.append(proposal)
                search.tell(SearchObservation(architecture: proposal, score: signal[proposal.index]))
            }
            #expect(Set(neighbours) == Set(NB201SearchSpace.neighbours(of: centre)))
            let best = neighbours.reduce(neighbours[0]) { signal[$1.index] > signal[$0.index] ? $1 : $0 }
            if signal[best.index] > signal[centre.index] {
                #expect(search.current?.architecture == best)
                centre = best
                moves += 1
            } else {
                #expect(search.current == nil)
                restarts += 1
                #expect(search.restarts == restarts)
                centre = search.ask()
                search.tell(SearchObservation(architecture: centre, score: signal[centre.index]))
            }
        }
        #expect(moves >= 3)
    }

    @Test("strategy parameters are validated with one-line errors")
    func parameterErrors() throws {
        #expect(throws: SearchStrategyError.invalidParameter("population", value: 0, requirement: "must lie in 1...100000")) {
            try RegularizedEvolution.descriptor.resolvedParameters(["population": 0])
        }
        #expect(throws: SearchStrategyError.invalidParameter("tournament", value: 2.5, requirement: "must be a whole number")) {
            try RegularizedEvolution.descriptor.resolvedParameters(["tournament": 2.5])
        }
        #expect(throws: SearchStrategyError.unknownParameter("populaton", strategy: "rea", available: ["population", "tournament"])) {
            try RegularizedEvolution.descriptor.makeStrategy(parameters: ["populaton": 20], generator: SeededGenerator(seed: 0))
        }
        #expect("\(SearchStrategyError.unknownStrategy("bo", available: ["rea"]))" == "unknown strategy 'bo'; available: rea")
        #expect(throws: SearchStrategyError.unknownStrategy("evolution", available: ["random-search", "rea", "reinforce", "local-search"])) {
            try SearchStrategyCatalog.descriptor(for: "evolution")
        }
        let evolution = try RegularizedEvolution.descriptor.makeStrategy(parameters: ["population": 20], generator: SeededGenerator(seed: 0))
        #expect((evolution as? RegularizedEvolution)?.populationSize == 20)
    }
}
