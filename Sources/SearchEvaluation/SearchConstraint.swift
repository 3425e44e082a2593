/// A bound on a cost metric that a chosen architecture must meet, e.g. `lat_ms_pixel3<=5`.
public struct SearchConstraint: Codable, Hashable, Sendable, CustomStringConvertible {
    /// How the metric compares with the bound.
    public enum Relation: String, Codable, Sendable, CaseIterable {
        /// At most the bound.
        case atMost = "<="
        /// Below the bound.
        case below = "<"
        /// At least the bound.
        case atLeast = ">="
        /// Above the bound.
        case above = ">"
    }

    /// The constrained metric.
    public let metric: MetricReference
    /// The comparison.
    public let relation: Relation
    /// The bound.
    public let bound: Double

    /// Creates a constraint.
    public init(metric: MetricReference, relation: Relation, bound: Double) {
        self.metric = metric
        self.relation = relation
        self.bound = bound
    }

    /// Parses `metric<=bound` (also `<`, `>=`, `>`; `metric@dataset` names another dataset).
    public init(parsing text: String, defaultDataset: String) throws(SearchEvaluationError) {
        let compact = text.filter { $0 != " " }
        for relation in [Relation.atMost, .atLeast, .below, .above] {
            guard let range = compact.range(of: relation.rawValue) else { continue }
            let name = String(compact[..<range.lowerBound])
            guard let bound = Double(compact[range.upperBound...]), bound.isFinite, !name.isEmpty else { break }
            self.init(metric: try MetricReference(parsing: name, defaultDataset: defaultDataset), relation: relation, bound: bound)
            return
        }
        throw SearchEvaluationError("constraint '\(text)' is not metric<=number (or <, >=, >)")
    }

    /// Whether `value` meets the constraint.
    public func isSatisfied(by value: Double) -> Bool {
        switch relation {
        case .atMost: value <= bound
        case .below: value < bound
        case .atLeast: value >= bound
        case .above: value > bound
        }
    }

    /// `metric<=bound`.
    public var description: String {
        let bound = self.bound.rounded() == self.bound && abs(self.bound) < 1e15 ? String(Int64(self.bound)) : String(self.bound)
        return "\(metric.metric)\(relation.rawValue)\(bound)"
    }
}
