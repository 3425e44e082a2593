import Foundation
import NASCore
import SearchEvaluation
import SearchSpaces
import SearchStrategies
import Testing

/// A strategy of the tests' own that proposes a fixed list of cells, then repeats the last one forever.
struct ScriptedStrategy: SearchStrategy {
    let script: [NB201Architecture]
    var position = 0
    var recommendation: SearchObservation?

    mutating func ask() -> NB201Architecture {
        defer { position += 1 }
        return script[min(position, script.count - 1)]
    }

    mutating func tell(_ observation: SearchObservation) {
        recommendation = SearchObservation.best(recommendation, observation)
    }
}

@Suite("the search loop: clock, budgets, dedup, stops, errors")
struct SearchLoopTests {
    /// Two different cells of one isomorphism class with different signals, and a cell of another class.
    static let (original, isomorph, other): (NB201Architecture, NB201Architecture, NB201Architecture) = {
        let problem = ToyProblem.standard
        let members = NB201SearchSpace().isomorphismClasses().values.first { class_ in
            class_.count >= 2 && problem.signal[class_[0].index] != problem.signal[class_[1].index]
                && NB201Architecture(index: class_[0].index).isConnected
        }!
        let other = (0..<NB201Architecture.cellCount).map(NB201Architecture.init(index:))
            .first { $0.canonicalKey != members[0].canonicalKey && $0.isConnected }!
        return (members[0], members[1], other)
    }()

    static func run(_ script: [NB201Architecture], problem: SearchProblem) -> SearchRun {
        var strategy = ScriptedStrategy(script: script)
        return SearchLoop(problem: problem).run(&strategy, name: "scripted", repetition: 0, seed: 0)
    }

    @Test("an isomorphic repeat is free and answered from the class's first evaluation; a stall guard ends endless repeats")
    func freeRepeats() throws {
        let problem = try ToyProblem.problem(seconds: 1e6, maxConsecutiveRepeats: 3)
        let (a, b, c) = (Self.original, Self.isomorph, Self.other)
        let run = Self.run([a, b, c], problem: problem)
        #expect(run.stopReason == .stalled)
        #expect(run.steps.map(\.architecture) == [a, b, c, c, c, c])
        #expect(run.steps.map(\.isRepeat) == [false, true, false, true, true, true])
        #expect(run.steps.map(\.cost) == [problem.cost[a.index], 0, problem.cost[c.index], 0, 0, 0])
        #expect(run.steps[1].signal == problem.signal[a.index] && run.steps[1].report == problem.report[a.index])
        #expect(run.uniqueQueries == 2 && run.queries == 2)
        #expect(run.elapsedSeconds == problem.cost[a.index] + problem.cost[c.index])
    }

    @Test("with charged repeats an isomorph costs and answers its own entry, until the time budget")
    func chargedRepeats() throws {
        let (a, b, c) = (Self.original, Self.isomorph, Self.other)
        // Room for exactly a, b and c three times (plus a rounding margin far below any query's cost).
        let budget = ToyProblem.standard.cost[a.index] + ToyProblem.standard.cost[b.index] + 3 * ToyProblem.standard.cost[c.index] + 1e-6
        let problem = try ToyProblem.problem(seconds: budget, repeatCost: .charged, maxConsecutiveRepeats: 1)
        let run = Self.run([a, b, c], problem: problem)
        #expect(run.stopReason == .timeBudget)
        #expect(run.steps.map(\.architecture) == [a, b, c, c, c])
        #expect(run.steps[1].isRepeat && run.steps[1].cost == problem.cost[b.index])
        #expect(run.steps[1].signal == problem.signal[b.index] && run.steps[1].signal != problem.signal[a.index])
        #expect(run.queries == 5 && run.uniqueQueries == 2)
        #expect(abs(run.elapsedSeconds - budget) < 1e-5 && run.elapsedSeconds <= budget)
    }

    @Test("a search that evaluates every class stops with the space exhausted (6,466 classes)")
    func spaceExhausted() throws {
        let problem = try ToyProblem.problem(seconds: 1e12, maxConsecutiveRepeats: 100_000)
        let run = Self.run((0..<NB201Architecture.cellCount).map(NB201Architecture.init(index:)), problem: problem)
        #expect(run.stopReason == .spaceExhausted)
        #expect(run.uniqueQueries == 6_466)
        #expect(run.steps.last.map { problem.classNumber[$0.architecture.index] } == problem.classNumber.max())
        #expect(run.result?.signal == problem.signal.max())
    }

    @Test("the simulated clock charges exactly and refuses what does not fit")
    func clock() {
        var clock = SimulatedClock(budget: 100)
        #expect(clock.canAfford(100) && !clock.canAfford(100.000001))
        clock.charge(60)
        #expect(clock.remaining == 40 && clock.canAfford(40) && !clock.canAfford(41))
        clock.charge(40)
        #expect(clock.elapsed == 100 && clock.canAfford(0))
    }

    @Test("the incumbent at a time is the best query finished by then")
    func incumbentAtTime() {
        let cells = (0..<3).map { NB201Architecture(index: $0 + 500) }
        let steps = [
            SearchStep(architecture: cells[0], signal: 50, report: 80, isFeasible: true, cost: 10, clock: 10, isRepeat: false, incumbent: 0),
            SearchStep(architecture: cells[1], signal: 40, report: 90, isFeasible: true, cost: 10, clock: 20, isRepeat: false, incumbent: 0),
            SearchStep(architecture: cells[2], signal: 60, report: 85, isFeasible: true, cost: 15, clock: 35, isRepeat: false, incumbent: 2),
        ]
        let run = SearchRun(strategy: "x", repetition: 0, seed: 0, steps: steps, stopReason: .timeBudget, resultStep: 2)
        #expect(run.incumbent(at: 9.99) == nil)
        #expect(run.incumbent(at: 10)?.report == 80)
        #expect(run.incumbent(at: 34)?.report == 80)
        #expect(run.incumbent(at: 35)?.report == 85)
        #expect(run.incumbent(at: 1e9)?.report == 85)
    }

    @Test("set-up errors are one line naming the input", arguments: [
        (ToyProblem.specification(seconds: 40), "budget of 40 s is below the cost of one query (the cheapest architecture costs 44.1 s of 12*train-per-time+valid-per-time on toy-valid)"),
        (ToyProblem.specification(maxQueries: 0), "a query budget of 0 is below one query"),
        (ToyProblem.specification(seconds: .infinity), "budget of inf s must be a finite number of seconds"),
        (ToyProblem.specification(maxConsecutiveRepeats: 0), "the repeat guard must allow at least one consecutive repeat"),
        (ToyProblem.specification(constraints: [SearchConstraint(metric: MetricReference(metric: "energy_mj", dataset: "toy"), relation: .atMost, bound: 5)]),
         "constraint energy_mj<=5: no metric 'energy_mj' on dataset 'toy'"),
    ])
    func setUpErrors(specification: SearchSpecification, message: String) {
        #expect(throws: SearchEvaluationError(message)) {
            try SearchProblem(specification: specification, benchmark: ToyProblem.benchmark)
        }
    }

    @Test("a metric that does not cover every cell, an unknown metric and another search space are refused")
    func coverage() throws {
        let partial = ComputedBenchmark(leavingOut: [3, 77, 15_000])
        #expect(throws: SearchEvaluationError("metric 'proxy_accuracy' on 'toy' has values for 15622 of 15625 NB201 architectures; a search needs all of them")) {
            try SearchProblem(specification: ToyProblem.specification(), benchmark: partial)
        }
        let unknown = SearchSpecification(dataset: "toy", signal: MetricReference(metric: "acc", dataset: "toy"),
                                          report: MetricReference(metric: "final_accuracy", dataset: "toy"), budget: SearchBudget(seconds: 100))
        #expect(throws: ComputedBenchmarkError.self) { try SearchProblem(specification: unknown, benchmark: ToyProblem.benchmark) }
        let nb101 = SearchSpecification(searchSpace: "nb101", dataset: "toy", signal: unknown.report, report: unknown.report,
                                        budget: SearchBudget(seconds: 100))
        #expect(throws: SearchEvaluationError("search space 'nb101' is not supported; searches run on nb201")) {
            try SearchProblem(specification: nb101, benchmark: ToyProblem.benchmark)
        }
    }

    @Test("constraints, costs and metric references parse, and bad ones are one-line errors")
    func parsing() throws {
        let constraint = try SearchConstraint(parsing: "lat_ms_pixel3 <= 5", defaultDataset: "cifar10")
        #expect(constraint == SearchConstraint(metric: MetricReference(metric: "lat_ms_pixel3", dataset: "cifar10"), relation: .atMost, bound: 5))
        #expect(constraint.description == "lat_ms_pixel3<=5")
        #expect(try SearchConstraint(parsing: "edgegpu_energy@cifar100>0.5", defaultDataset: "cifar10")
                == SearchConstraint(metric: MetricReference(metric: "edgegpu_energy", dataset: "cifar100"), relation: .above, bound: 0.5))
        #expect(try SearchConstraint(parsing: "a<3", defaultDataset: "d").relation == .below)
        #expect(try SearchConstraint(parsing: "a>=3", defaultDataset: "d").relation == .atLeast)
        #expect(constraint.isSatisfied(by: 5) && !constraint.isSatisfied(by: 5.01))
        #expect(throws: SearchEvaluationError("constraint 'lat_ms_pixel3=5' is not metric<=number (or <, >=, >)")) {
            try SearchConstraint(parsing: "lat_ms_pixel3=5", defaultDataset: "cifar10")
        }
        #expect(throws: SearchEvaluationError("constraint '<=5' is not metric<=number (or <, >=, >)")) {
            try SearchConstraint(parsing: "<=5", defaultDataset: "cifar10")
        }
        let cost = try QueryCost(parsing: "12*train-per-time + valid-per-time", dataset: "cifar10-valid")
        #expect(cost == QueryCost.nb201TwelveEpochs)
        #expect(cost.expression == "12*train-per-time+valid-per-time")
        #expect(throws: SearchEvaluationError("cost '12*': '12*' is not metric or positive-number*metric")) {
            try QueryCost(parsing: "12*", dataset: "x")
        }
        #expect(throws: SearchEvaluationError("cost 'a+-1*b': '-1*b' is not metric or positive-number*metric")) {
            try QueryCost(parsing: "a+-1*b", dataset: "x")
        }
        #expect(try MetricReference(parsing: "acc@cifar10-valid", defaultDataset: "cifar10") == MetricReference(metric: "acc", dataset: "cifar10-valid"))
        #expect(throws: SearchEvaluationError("'acc@' is not a metric name or metric@dataset")) {
            try MetricReference(parsing: "acc@", defaultDataset: "cifar10")
        }
    }

    @Test("the settings JSON that identifies stored runs is canonical and pinned")
    func settingsJSON() {
        let specification = ToyProblem.specification(constraints: [try! SearchConstraint(parsing: "latency_ms<=2", defaultDataset: "toy")])
        #expect(specification.settingsJSON(strategy: "rea", revision: 1, parameters: ["tournament": 3, "population": 10]) == """
            {"search":{"budget":{"max_consecutive_repeats":1000,"seconds":3000},"constraints":[{"bound":2,"metric":{"dataset":"toy",\
            "metric":"latency_ms"},"relation":"<="}],"cost":{"dataset":"toy-valid","terms":[{"coefficient":12,"metric":"train-per-time"},\
            {"coefficient":1,"metric":"valid-per-time"}]},"dataset":"toy","objective":"accuracy","repeat_cost":"free","report":\
            {"dataset":"toy","metric":"final_accuracy"},"search_space":"nb201","signal":{"dataset":"toy","metric":"proxy_accuracy"}},\
            "strategy":"rea","strategy_parameters":{"population":10,"tournament":3},"strategy_revision":1}
            """)
    }
}
