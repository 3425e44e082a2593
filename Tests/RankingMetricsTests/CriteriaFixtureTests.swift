import RankingMetrics
import Testing

/// The criteria fixture: every criterion computed independently in Python with the documented conventions.
struct CriteriaFixture: Decodable, Sendable {
    /// One sample with its literature report and a report at custom cutoffs (nil = undefined).
    struct Case: Decodable, Sendable, FixtureSample, CustomTestStringConvertible {
        let name: String
        let scores: [Double]?
        let truth: [Double]?
        let recipe: FixtureRecipe?
        let checks: FixtureChecks?
        let kept: Int
        let literature: [String: Double?]
        let literature_k: [String: Int]
        let custom: [String: Double?]
        let custom_k: [String: Int]

        var testDescription: String { name }
    }

    /// Custom cutoffs as ["ratio", value] or ["count", value].
    let custom_precision_cutoffs: [[CutoffSpec]]
    let custom_rank_cutoffs: [[CutoffSpec]]
    let cases: [Case]

    /// One element of a ["ratio" | "count", number] pair.
    enum CutoffSpec: Decodable, Sendable {
        case kind(String)
        case amount(Double)

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) { self = .kind(text) } else {
                self = .amount(try container.decode(Double.self))
            }
        }
    }

    /// The cutoffs a spec list describes.
    static func cutoffs(_ specs: [[CutoffSpec]]) throws -> [Cutoff] {
        try specs.map { spec in
            guard case let .kind(kind) = spec[0], case let .amount(amount) = spec[1] else {
                throw FixtureFormatError()
            }
            return kind == "ratio" ? try Cutoff(ratio: amount) : try Cutoff(count: Int(amount))
        }
    }
}

/// A fixture file that does not have the expected shape.
struct FixtureFormatError: Error {}

/// Every criterion of the report agrees with the Python reference (exactly for P@K, BR, WR; 1e-12 for tau/rho/r).
@Suite struct CriteriaFixtureTests {
    static func fixture() throws -> CriteriaFixture { try Fixtures.load("criteria.json", as: CriteriaFixture.self) }

    @Test(arguments: try fixture().cases)
    func literatureReport(_ fixture: CriteriaFixture.Case) throws {
        let (scores, truth) = fixture.arrays()
        let report = try RankingReport(scores: scores, truth: truth)
        #expect(report.count == fixture.kept)
        #expect(report.droppedCount == scores.count - fixture.kept)
        #expect(Set(report.entries.map(\.name)) == Set(fixture.literature.keys))
        #expect(report.entries.count == fixture.literature.count)
        for entry in report.entries {
            let expected = try #require(fixture.literature[entry.name])
            try Self.expectMatch(entry, expected)
            #expect(entry.k == fixture.literature_k[entry.name], "\(entry.name)")
        }
    }

    @Test(arguments: try fixture().cases)
    func customCutoffs(_ fixture: CriteriaFixture.Case) throws {
        let specs = try Self.fixture()
        let criteria = Criterion.standard(
            precisionCutoffs: try CriteriaFixture.cutoffs(specs.custom_precision_cutoffs),
            rankCutoffs: try CriteriaFixture.cutoffs(specs.custom_rank_cutoffs)
        ).filter { $0.cutoff != nil }
        let (scores, truth) = fixture.arrays()
        let report = try RankingReport(scores: scores, truth: truth, criteria: criteria)
        #expect(Set(report.entries.map(\.name)) == Set(fixture.custom.keys))
        for entry in report.entries {
            let expected = try #require(fixture.custom[entry.name])
            try Self.expectMatch(entry, expected)
            #expect(entry.k == fixture.custom_k[entry.name], "\(entry.name)")
        }
    }

    /// Exact for the counting criteria, 1e-12 for the correlations (which scipy computes in another order).
    static func expectMatch(_ entry: RankingReport.Entry, _ expected: Double?) throws {
        switch entry.criterion {
        case .precisionAtTop, .precisionAtBottom, .bestRank, .worstRank:
            if let expected {
                #expect(entry.value.value == expected, "\(entry.name): \(entry.value) vs \(expected)")
            } else {
                #expect(!entry.value.isDefined, "\(entry.name): \(entry.value) should be undefined")
            }
        default:
            try expectClose(entry.value, expected, tolerance: 1e-12)
        }
    }
}
