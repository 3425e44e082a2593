import RankingMetrics

/// Architectures with one truth value and one or more named score columns, aligned row by row: what every view,
/// criterion and bias report reads.
///
/// Row order matters only for ties: the stable tie rule of `RankedSample` counts the earlier row as better among
/// equal scores (or equal truth). `join` orders rows with a caller-given order; CSV input keeps the file's order.
public struct RankingTable: Sendable {
    /// The view the rows belong to (`.iso`: one row per architecture; otherwise one row per isomorphism class).
    public let view: IsomorphismView
    /// Each row's architecture (in a class view: the class representative).
    public let architectures: [String]
    /// Name of the truth metric.
    public let truthName: String
    /// One truth value per row (in a class view: the class mean); non-finite values are dropped by every criterion.
    public let truth: [Double]
    /// The estimators' score columns, in the order asked for.
    public let columns: [ScoreColumn]
    /// Further per-row quantities that are not ranked but can define buckets (e.g. FLOPs for quantile buckets).
    public let covariates: [ScoreColumn]
    /// How many architectures each row stands for (1 in the iso view, the class size otherwise).
    public let memberCounts: [Int]
    /// Architectures with a truth value but no entry in any score column, left out of the table by `join`.
    public let truthOnlyCount: Int

    /// A table from aligned arrays, one row per architecture (view `.iso`).
    ///
    /// - Throws: `EvaluationError` when the table has no rows or no score column, when an array's length differs
    ///   from the number of architectures, or when an architecture or a column name appears twice.
    public init(architectures: [String], truthName: String, truth: [Double], columns: [ScoreColumn],
                covariates: [ScoreColumn] = [], truthOnlyCount: Int = 0) throws(EvaluationError) {
        guard !architectures.isEmpty else { throw .emptyInput(what: "the table") }
        guard !columns.isEmpty else { throw .emptyInput(what: "the list of score columns") }
        guard truth.count == architectures.count else {
            throw .lengthMismatch(what: "architectures and truth '\(truthName)'", expected: architectures.count,
                                  found: truth.count)
        }
        for column in columns + covariates where column.values.count != architectures.count {
            throw .lengthMismatch(what: "architectures and scores '\(column.name)'", expected: architectures.count,
                                  found: column.values.count)
        }
        var seen = Set<String>()
        for architecture in architectures where !seen.insert(architecture).inserted {
            throw .duplicateArchitecture(architecture)
        }
        var names = Set<String>()
        for column in columns where !names.insert(column.name).inserted {
            throw .duplicateColumn(column.name)
        }
        self.init(view: .iso, architectures: architectures, truthName: truthName, truth: truth, columns: columns,
                  covariates: covariates, memberCounts: Array(repeating: 1, count: architectures.count),
                  truthOnlyCount: truthOnlyCount)
    }

    /// Memberwise, for views (everything already checked).
    init(view: IsomorphismView, architectures: [String], truthName: String, truth: [Double], columns: [ScoreColumn],
         covariates: [ScoreColumn], memberCounts: [Int], truthOnlyCount: Int) {
        self.view = view
        self.architectures = architectures
        self.truthName = truthName
        self.truth = truth
        self.columns = columns
        self.covariates = covariates
        self.memberCounts = memberCounts
        self.truthOnlyCount = truthOnlyCount
    }

    /// Aligns score sources with a truth metric, all keyed by architecture.
    ///
    /// Rows: every architecture with a truth value and an entry (score or failure) in at least one score source,
    /// ordered by `areInIncreasingOrder`. Per column, a row without an entry is `.absent`, a failure `.failed`, a NaN
    /// or ±infinity `.nonFinite`; scored architectures without truth are counted in `withoutTruth`. Covariates are
    /// aligned the same way but do not decide which rows exist.
    ///
    /// - Throws: `EvaluationError.noCommonArchitectures` when no row remains, or the errors of `init`.
    public static func join(
        truthName: String, truth: [String: Double], scores: [ScoreInput], covariates: [ScoreInput] = [],
        by areInIncreasingOrder: (String, String) -> Bool
    ) throws(EvaluationError) -> RankingTable {
        guard !scores.isEmpty else { throw .emptyInput(what: "the list of score columns") }
        guard !truth.isEmpty else { throw .emptyInput(what: "truth '\(truthName)'") }
        var scored = Set<String>()
        for input in scores {
            scored.formUnion(input.values.keys)
            scored.formUnion(input.failures.keys)
        }
        let architectures = scored.filter { truth[$0] != nil }.sorted(by: areInIncreasingOrder)
        guard !architectures.isEmpty else {
            throw .noCommonArchitectures(truth: truthName, scores: scores.map(\.name))
        }
        let truthOnly = truth.keys.count { !scored.contains($0) }
        func align(_ input: ScoreInput) -> ScoreColumn {
            var values: [Double] = []
            var statuses: [ScoreStatus] = []
            values.reserveCapacity(architectures.count)
            statuses.reserveCapacity(architectures.count)
            for architecture in architectures {
                if let value = input.values[architecture] {
                    values.append(value)
                    statuses.append(value.isFinite ? .value : .nonFinite)
                } else if input.failures[architecture] != nil {
                    values.append(.nan)
                    statuses.append(.failed)
                } else {
                    values.append(.nan)
                    statuses.append(.absent)
                }
            }
            let withoutTruth = input.values.keys.count { truth[$0] == nil } + input.failures.keys.count { truth[$0] == nil }
            return ScoreColumn(validName: input.name, source: input.source, values: values, statuses: statuses,
                               withoutTruth: withoutTruth, excludedFromClassMeans: 0)
        }
        return try RankingTable(
            architectures: architectures, truthName: truthName, truth: architectures.map { truth[$0]! },
            columns: scores.map(align), covariates: covariates.map(align), truthOnlyCount: truthOnly)
    }

    /// The number of rows.
    public var count: Int { architectures.count }

    /// Rows whose truth value is NaN or ±infinity (dropped by every criterion).
    public var nonFiniteTruthCount: Int { truth.count { !$0.isFinite } }

    /// The score column called `name`, or nil.
    public func column(named name: String) -> ScoreColumn? {
        columns.first { $0.name == name }
    }

    /// The scores of `column` paired with the truth (non-finite pairs dropped and counted, see `PairedSample`).
    public func sample(_ column: ScoreColumn) throws(EvaluationError) -> PairedSample {
        do {
            return try PairedSample(scores: column.values, truth: truth)
        } catch {
            throw .ranking(error)
        }
    }
}
