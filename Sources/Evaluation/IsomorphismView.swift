/// How isomorphic architectures (cells computing the same function) are counted when ranking.
///
/// After Ning et al. (2021), "Evaluating Efficient Performance Estimators of Neural Architectures" (NeurIPS), and
/// REFERENCE §2: NB201 has 15,625 cells but only 6,466 isomorphism classes, and counting duplicates inflates some
/// criteria.
/// - `iso`: every architecture is a row, scored and judged on its own.
/// - `deiso`: one row per class: the representative's score against the class-mean truth.
/// - `iso2deiso`: one row per class: the mean score of the class members against the class-mean truth.
/// Means are over the members with a finite value; missing member scores are left out of the mean and counted
/// (`ScoreColumn.excludedFromClassMeans`); a class with no usable member score is a missing row.
public enum IsomorphismView: String, CaseIterable, Sendable, Codable {
    /// All architectures against their own truth.
    case iso
    /// One representative per class against the class-mean truth.
    case deiso
    /// Class-mean scores against the class-mean truth.
    case iso2deiso

    /// A one-line description of the view, for reports.
    public var summary: String {
        switch self {
        case .iso: return "every architecture against its own truth"
        case .deiso: return "one representative per isomorphism class (smallest enumeration index) against the class-mean truth"
        case .iso2deiso: return "class-mean scores against the class-mean truth, one row per isomorphism class"
        }
    }

    /// The view of an iso `table`, with `classes` aligned with its rows.
    ///
    /// Rows of a class view are ordered by their representative's row. Covariates are aggregated like scores.
    ///
    /// - Throws: `EvaluationError.lengthMismatch` when `classes` does not have one entry per row, or
    ///   `EvaluationError.notAnIsoTable` when `table` is already a class view.
    public func apply(to table: RankingTable, classes: IsomorphismClasses) throws(EvaluationError) -> RankingTable {
        guard table.view == .iso else { throw .notAnIsoTable(table.view.rawValue) }
        guard classes.keys.count == table.count else {
            throw .lengthMismatch(what: "table rows and isomorphism classes", expected: table.count, found: classes.keys.count)
        }
        if self == .iso { return table }
        let groups = classes.groups()
        let truth = groups.map { Self.finiteMean($0.members.map { table.truth[$0] }) ?? .nan }
        func aggregate(_ column: ScoreColumn) -> ScoreColumn {
            var values: [Double] = []
            var statuses: [ScoreStatus] = []
            var excluded = column.excludedFromClassMeans
            for group in groups {
                switch self {
                case .iso, .deiso:
                    values.append(column.values[group.representative])
                    statuses.append(column.statuses[group.representative])
                case .iso2deiso:
                    let usable = group.members.filter { column.statuses[$0] == .value }
                    if usable.isEmpty {
                        values.append(.nan)
                        let memberStatuses = Set(group.members.map { column.statuses[$0] })
                        statuses.append([.failed, .nonFinite, .absent].first(where: memberStatuses.contains)!)
                    } else {
                        values.append(Self.finiteMean(usable.map { column.values[$0] })!)
                        statuses.append(.value)
                        excluded += group.members.count - usable.count
                    }
                }
            }
            return ScoreColumn(validName: column.name, source: column.source, values: values, statuses: statuses,
                               withoutTruth: column.withoutTruth, excludedFromClassMeans: excluded)
        }
        return RankingTable(
            view: self, architectures: groups.map { table.architectures[$0.representative] },
            truthName: table.truthName, truth: truth, columns: table.columns.map(aggregate),
            covariates: table.covariates.map(aggregate), memberCounts: groups.map(\.members.count),
            truthOnlyCount: table.truthOnlyCount)
    }

    /// The mean of the finite values, or nil when there is none.
    static func finiteMean(_ values: [Double]) -> Double? {
        var sum = 0.0
        var count = 0
        for value in values where value.isFinite {
            sum += value
            count += 1
        }
        return count == 0 ? nil : sum / Double(count)
    }
}
