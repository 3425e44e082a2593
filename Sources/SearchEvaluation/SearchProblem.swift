import Foundation
import NASCore
import SearchSpaces

/// A search specification with the benchmark columns it needs, loaded once through `TabularBenchmark` into
/// arrays indexed by NB201 enumeration index, so many runs can share it across threads.
///
/// Loading checks what can be checked before any run: every column covers the whole space, query costs are
/// positive, and the time budget affords at least the cheapest query.
public struct SearchProblem: Sendable {
    /// The specification the columns were loaded for.
    public let specification: SearchSpecification
    /// Search signal per architecture.
    public let signal: [Double]
    /// Report metric per architecture.
    public let report: [Double]
    /// Query cost in simulated seconds per architecture.
    public let cost: [Double]
    /// Values of each constraint's metric per architecture, aligned with `specification.constraints`.
    public let constraintValues: [[Double]]
    /// Whether each architecture meets every constraint.
    public let isFeasible: [Bool]
    /// Isomorphism class number of each architecture (classes numbered in order of first member).
    public let classNumber: [Int]
    /// Number of isomorphism classes.
    public let classCount: Int
    private let indexByArchString: [String: Int]

    /// Loads the columns `specification` names from `benchmark` and validates them; throws a one-line error.
    public init(specification: SearchSpecification, benchmark: some TabularBenchmark) throws {
        guard specification.searchSpace == NB201SearchSpace.identifier else {
            throw SearchEvaluationError("search space '\(specification.searchSpace)' is not supported; searches run on nb201")
        }
        let index = Self.archStringIndex()
        let signal = try Self.column(specification.signal, from: benchmark, index: index)
        let report = try Self.column(specification.report, from: benchmark, index: index)
        var cost = [Double](repeating: 0, count: NB201Architecture.cellCount)
        for term in specification.cost.terms {
            let values = try Self.column(MetricReference(metric: term.metric, dataset: specification.cost.dataset),
                                         from: benchmark, index: index)
            for position in cost.indices { cost[position] += term.coefficient * values[position] }
        }
        let constraintValues = try specification.constraints.map { constraint in
            do {
                return try Self.column(constraint.metric, from: benchmark, index: index)
            } catch {
                throw SearchEvaluationError("constraint \(constraint): \(error)")
            }
        }
        try self.init(specification: specification, signal: signal, report: report, cost: cost,
                      constraintValues: constraintValues)
    }

    /// Builds a problem from columns already indexed by NB201 enumeration index, validating them.
    public init(specification: SearchSpecification, signal: [Double], report: [Double], cost: [Double],
                constraintValues: [[Double]]) throws {
        let count = NB201Architecture.cellCount
        guard signal.count == count, report.count == count, cost.count == count,
              constraintValues.count == specification.constraints.count, constraintValues.allSatisfy({ $0.count == count }) else {
            throw SearchEvaluationError("every column of a search problem needs one value per NB201 architecture (\(count))")
        }
        if let bad = cost.indices.first(where: { !(cost[$0] > 0 && cost[$0].isFinite) }) {
            throw SearchEvaluationError("query cost \(specification.cost) is \(cost[bad]) s for "
                + "\(NB201Architecture(index: bad).archString); every query must cost a positive finite time")
        }
        let cheapest = cost.min()!
        guard specification.budget.seconds.isFinite else {
            throw SearchEvaluationError("budget of \(specification.budget.seconds) s must be a finite number of seconds")
        }
        guard specification.budget.seconds >= cheapest else {
            throw SearchEvaluationError("budget of \(Self.seconds(specification.budget.seconds)) s is below the cost of one query "
                + "(the cheapest architecture costs \(Self.seconds(cheapest)) s of \(specification.cost))")
        }
        if let maxQueries = specification.budget.maxQueries, maxQueries < 1 {
            throw SearchEvaluationError("a query budget of \(maxQueries) is below one query")
        }
        guard specification.budget.maxConsecutiveRepeats >= 1 else {
            throw SearchEvaluationError("the repeat guard must allow at least one consecutive repeat")
        }
        self.specification = specification
        self.signal = signal
        self.report = report
        self.cost = cost
        self.constraintValues = constraintValues
        isFeasible = (0..<count).map { index in
            zip(specification.constraints, constraintValues).allSatisfy { $0.isSatisfied(by: $1[index]) }
        }
        var numbers: [String: Int] = [:]
        classNumber = (0..<count).map { index in
            let key = NB201Architecture(index: index).canonicalKey
            if let number = numbers[key] { return number }
            numbers[key] = numbers.count
            return numbers.count - 1
        }
        classCount = numbers.count
        indexByArchString = Self.archStringIndex()
    }

    /// Cost of the cheapest query in simulated seconds.
    public var cheapestQuery: Double { cost.min()! }

    /// The architecture an arch string names, or nil when it is not a normalised NB201 arch string.
    public func architecture(archString: String) -> NB201Architecture? {
        indexByArchString[archString].map(NB201Architecture.init(index:))
    }

    /// One metric's values from `benchmark`, indexed by NB201 enumeration index; the metric must cover the space.
    public static func column(_ metric: MetricReference, from benchmark: some TabularBenchmark) throws -> [Double] {
        try column(metric, from: benchmark, index: archStringIndex())
    }

    private static func column(_ metric: MetricReference, from benchmark: some TabularBenchmark,
                               index: [String: Int]) throws -> [Double] {
        let values = try benchmark.values(metric: metric.metric, dataset: metric.dataset)
        var column = [Double](repeating: .nan, count: NB201Architecture.cellCount)
        var covered = 0
        for (arch, value) in values {
            guard let position = index[arch] else { continue }
            if column[position].isNaN && !value.isNaN { covered += 1 }
            column[position] = value
        }
        guard covered == NB201Architecture.cellCount else {
            throw SearchEvaluationError("metric '\(metric.metric)' on '\(metric.dataset)' has values for \(covered) of "
                + "\(NB201Architecture.cellCount) NB201 architectures; a search needs all of them")
        }
        return column
    }

    private static func archStringIndex() -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(NB201Architecture.cellCount)
        for position in 0..<NB201Architecture.cellCount { index[NB201Architecture(index: position).archString] = position }
        return index
    }

    private static func seconds(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.1f", value)
    }
}
