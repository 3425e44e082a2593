/// What one query costs on the simulated clock: a weighted sum of per-architecture time metrics.
///
/// NAS-Bench-201's protocol (REFERENCE §5): training an architecture for 12 epochs and validating it once costs
/// `12 × train-per-time + valid-per-time`, read from the cifar10-valid training statistics.
public struct QueryCost: Codable, Hashable, Sendable, CustomStringConvertible {
    /// One weighted metric of the sum.
    public struct Term: Codable, Hashable, Sendable {
        /// Weight (e.g. the number of epochs).
        public let coefficient: Double
        /// Metric name (seconds per architecture).
        public let metric: String

        /// Creates a term.
        public init(coefficient: Double, metric: String) {
            self.coefficient = coefficient
            self.metric = metric
        }
    }

    /// Dataset the time metrics are stored on.
    public let dataset: String
    /// The weighted metrics.
    public let terms: [Term]

    /// Creates a cost from explicit terms.
    public init(dataset: String, terms: [Term]) {
        self.dataset = dataset
        self.terms = terms
    }

    /// NB201's 12-epoch query cost on cifar10-valid: 12 × train-per-time + valid-per-time.
    public static let nb201TwelveEpochs = QueryCost(dataset: "cifar10-valid", terms: [
        Term(coefficient: 12, metric: "train-per-time"), Term(coefficient: 1, metric: "valid-per-time"),
    ])

    /// Parses `12*train-per-time+valid-per-time`: terms joined by `+`, each `[coefficient*]metric`.
    public init(parsing expression: String, dataset: String) throws(SearchEvaluationError) {
        var terms: [Term] = []
        for token in expression.split(separator: "+", omittingEmptySubsequences: false) {
            let parts = token.trimmingSpaces.split(separator: "*", omittingEmptySubsequences: false).map { $0.trimmingSpaces }
            let term: Term?
            switch parts.count {
            case 1: term = parts[0].isEmpty ? nil : Term(coefficient: 1, metric: parts[0])
            case 2: term = Double(parts[0]).flatMap { $0.isFinite && $0 > 0 && !parts[1].isEmpty ? Term(coefficient: $0, metric: parts[1]) : nil }
            default: term = nil
            }
            guard let term else {
                throw SearchEvaluationError("cost '\(expression)': '\(token)' is not metric or positive-number*metric")
            }
            terms.append(term)
        }
        self.init(dataset: dataset, terms: terms)
    }

    /// The expression, e.g. `12*train-per-time+valid-per-time`.
    public var expression: String {
        terms.map { $0.coefficient == 1 ? $0.metric : "\(Self.format($0.coefficient))*\($0.metric)" }.joined(separator: "+")
    }

    /// `expression@dataset`.
    public var description: String { "\(expression) on \(dataset)" }

    private static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
