import RankingMetrics
import Testing

/// The variance fixture: several score columns (one with missing values, one constant) against one truth.
struct VarianceFixture: Decodable, Sendable {
    /// Expected summary of one criterion.
    struct Summary: Decodable, Sendable {
        let defined: Int
        let mean: Double?
        let std: Double?
    }

    let truth: [Double]
    let score_columns: [[Double]]
    let summary: [String: Summary]
}

/// Mean and sample standard deviation of every criterion across columns agree with numpy (ddof = 1).
@Suite struct VarianceReportTests {
    @Test func matchesReference() throws {
        let fixture = try Fixtures.load("variance.json", as: VarianceFixture.self)
        let report = try VarianceReport(scoreColumns: fixture.score_columns, truth: fixture.truth)
        #expect(report.reports.count == fixture.score_columns.count)
        #expect(report.reports[1].droppedCount > 0)
        #expect(Set(report.entries.map(\.name)) == Set(fixture.summary.keys))
        for entry in report.entries {
            let expected = try #require(fixture.summary[entry.name])
            #expect(entry.definedCount == expected.defined, "\(entry.name)")
            try expectClose(entry.mean, expected.mean, tolerance: 1e-12)
            try expectClose(entry.standardDeviation, expected.std, tolerance: 1e-12)
        }
    }

    @Test func singleColumnHasNoSpread() throws {
        let report = try VarianceReport(scoreColumns: [[1, 2, 3, 4]], truth: [1, 3, 2, 4], criteria: [.kendallTau])
        #expect(report["kendall_tau"]?.mean.isDefined == true)
        #expect(report["kendall_tau"]?.standardDeviation.undefinedReason == .fewerThanTwoDefinedValues)
    }

    @Test func mismatchedColumnThrows() {
        #expect(throws: RankingError.lengthMismatch(scores: 2, truth: 3)) {
            try VarianceReport(scoreColumns: [[1, 2, 3], [1, 2]], truth: [1, 2, 3])
        }
    }
}
