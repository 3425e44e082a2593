import RankingMetrics
import Testing

/// The correlations fixture: scipy.stats pearsonr / spearmanr / kendalltau on samples with and without ties.
struct CorrelationFixture: Decodable, Sendable {
    /// One sample with scipy's three correlations (nil when scipy returns NaN or the input is constant).
    struct Case: Decodable, Sendable, FixtureSample, CustomTestStringConvertible {
        let name: String
        let scores: [Double]?
        let truth: [Double]?
        let recipe: FixtureRecipe?
        let checks: FixtureChecks?
        let distinct_scores: Int?
        let distinct_truth: Int?
        let pearson: Double?
        let spearman: Double?
        let kendall: Double?

        var testDescription: String { name }
    }

    let cases: [Case]
}

/// Pearson r, Spearman rho and Kendall tau-b agree with scipy to 1e-12 (sizes 2 to 100,000, heavy ties included).
@Suite struct CorrelationFixtureTests {
    /// The fixture's cases (a missing or malformed fixture fails the tests that use it).
    static func cases() throws -> [CorrelationFixture.Case] {
        try Fixtures.load("correlations.json", as: CorrelationFixture.self).cases
    }

    @Test func fixtureIsPresent() throws {
        let fixture = try Fixtures.load("correlations.json", as: CorrelationFixture.self)
        #expect(fixture.cases.count >= 15)
        #expect(fixture.cases.contains { $0.distinct_scores == 28 && $0.recipe?.n == 15_625 })
    }

    @Test(arguments: try cases())
    func matchesScipy(_ fixture: CorrelationFixture.Case) throws {
        let (scores, truth) = fixture.arrays()
        let sample = try PairedSample(scores: scores, truth: truth)
        #expect(sample.droppedCount == 0)
        try expectClose(sample.pearsonR(), fixture.pearson, tolerance: 1e-12)
        try expectClose(sample.spearmanRho(), fixture.spearman, tolerance: 1e-12)
        try expectClose(sample.kendallTauB(), fixture.kendall, tolerance: 1e-12)
        let ranked = RankedSample(sample)
        #expect(ranked.spearmanRho() == sample.spearmanRho())
        #expect(ranked.kendallTauB() == sample.kendallTauB())
    }
}

/// Expects `value` to be defined and within `tolerance` of `expected`, or undefined when `expected` is nil.
func expectClose(
    _ value: MetricValue, _ expected: Double?, tolerance: Double, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    guard let expected else {
        #expect(!value.isDefined, "expected undefined, got \(value)", sourceLocation: sourceLocation)
        return
    }
    #expect(value.isDefined, "expected \(expected), got \(value)", sourceLocation: sourceLocation)
    #expect(abs(value.value - expected) <= tolerance, "\(value.value) vs \(expected)", sourceLocation: sourceLocation)
}
