import Foundation

/// Everything that defines a search problem apart from the strategy: what is maximised, what is reported,
/// what a query costs, the budget, the constraints, and how repeated queries are charged.
///
/// Its canonical JSON (together with the strategy's id, revision and parameters) identifies stored runs.
public struct SearchSpecification: Codable, Hashable, Sendable {
    /// What a search maximises.
    public enum Objective: String, Codable, Sendable, CaseIterable {
        /// Maximise the search signal (an accuracy) subject to every constraint.
        case accuracy
    }

    /// How a proposal of an already-evaluated isomorphism class is charged.
    public enum RepeatCost: String, Codable, Sendable, CaseIterable {
        /// The class was trained once: the loop returns the cached observation (signal, report and feasibility
        /// of the member evaluated first) at no cost and without counting a query (NB201 practice).
        case free
        /// Every proposal is trained again: it costs its own training time, counts as a query, and returns its
        /// own table entry (what calling NATS-Bench's simulate_train_eval on every proposal does).
        case charged
    }

    /// Search space id (`nb201`).
    public let searchSpace: String
    /// Dataset the search is about (the store's dataset of the runs).
    public let dataset: String
    /// The metric the strategy sees (larger is better), e.g. 12-epoch accuracy.
    public let signal: MetricReference
    /// The metric reported for the chosen architecture and on anytime curves, never seen by the strategy.
    public let report: MetricReference
    /// What a query costs on the simulated clock.
    public let cost: QueryCost
    /// When the search stops.
    public let budget: SearchBudget
    /// What is maximised.
    public let objective: Objective
    /// Bounds a chosen architecture must meet.
    public let constraints: [SearchConstraint]
    /// How repeated classes are charged.
    public let repeatCost: RepeatCost

    /// Creates a specification.
    public init(searchSpace: String = "nb201", dataset: String, signal: MetricReference, report: MetricReference,
                cost: QueryCost = .nb201TwelveEpochs, budget: SearchBudget, objective: Objective = .accuracy,
                constraints: [SearchConstraint] = [], repeatCost: RepeatCost = .free) {
        self.searchSpace = searchSpace
        self.dataset = dataset
        self.signal = signal
        self.report = report
        self.cost = cost
        self.budget = budget
        self.objective = objective
        self.constraints = constraints
        self.repeatCost = repeatCost
    }

    /// Canonical JSON (sorted keys, snake_case) of this specification and a strategy's identity and parameters:
    /// the `settings` that identify stored runs.
    public func settingsJSON(strategy: String, revision: Int, parameters: [String: Double]) -> String {
        struct Settings: Encodable {
            let search: SearchSpecification
            let strategy: String
            let strategyRevision: Int
            let strategyParameters: [String: Double]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try! encoder.encode(Settings(search: self, strategy: strategy, strategyRevision: revision,
                                                strategyParameters: parameters))
        return String(decoding: data, as: UTF8.self)
    }
}
