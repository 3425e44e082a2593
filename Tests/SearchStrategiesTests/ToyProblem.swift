import SearchEvaluation

/// Search problems over the computed benchmark, shared by the tests (the benchmark is computed once).
enum ToyProblem {
    /// The computed benchmark.
    static let benchmark = ComputedBenchmark()

    /// Signal `proxy_accuracy`, report `final_accuracy` on `toy`; NB201's 12-epoch cost on `toy-valid`.
    static func specification(seconds: Double = 3_000, maxQueries: Int? = nil, constraints: [SearchConstraint] = [],
                              repeatCost: SearchSpecification.RepeatCost = .free,
                              maxConsecutiveRepeats: Int = SearchBudget.defaultMaxConsecutiveRepeats) -> SearchSpecification {
        SearchSpecification(
            dataset: "toy", signal: MetricReference(metric: "proxy_accuracy", dataset: "toy"),
            report: MetricReference(metric: "final_accuracy", dataset: "toy"),
            cost: QueryCost(dataset: "toy-valid", terms: QueryCost.nb201TwelveEpochs.terms),
            budget: SearchBudget(seconds: seconds, maxQueries: maxQueries, maxConsecutiveRepeats: maxConsecutiveRepeats),
            constraints: constraints, repeatCost: repeatCost)
    }

    /// The default problem: a 3,000 s budget (about 30 queries).
    static let standard = try! SearchProblem(specification: specification(), benchmark: benchmark)

    /// A problem with the given settings.
    static func problem(seconds: Double = 3_000, maxQueries: Int? = nil, constraints: [SearchConstraint] = [],
                        repeatCost: SearchSpecification.RepeatCost = .free,
                        maxConsecutiveRepeats: Int = SearchBudget.defaultMaxConsecutiveRepeats) throws -> SearchProblem {
        try SearchProblem(
            specification: specification(seconds: seconds, maxQueries: maxQueries, constraints: constraints,
                                         repeatCost: repeatCost, maxConsecutiveRepeats: maxConsecutiveRepeats),
            signal: standard.signal, report: standard.report, cost: standard.cost,
            constraintValues: try constraints.map { try SearchProblem.column($0.metric, from: benchmark) })
    }
}
