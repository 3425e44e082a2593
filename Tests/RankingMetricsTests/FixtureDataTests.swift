import Testing

/// The Swift expansion of every seeded recipe must equal the generator script's, bit for bit.
@Suite struct FixtureDataTests {
    @Test(arguments: try Fixtures.load("correlations.json", as: CorrelationFixture.self).cases.filter {
        $0.recipe != nil
    })
    func recipeExpansionMatchesGenerator(_ fixture: CorrelationFixture.Case) throws {
        let (scores, truth) = fixture.arrays()
        let checks = try #require(fixture.checks)
        #expect(scores.count == fixture.recipe?.n)
        #expect(Array(scores.prefix(5)) == checks.first_scores)
        #expect(Array(truth.prefix(5)) == checks.first_truth)
        #expect(scores.reduce(0, +) == checks.sum_scores)
        #expect(truth.reduce(0, +) == checks.sum_truth)
        if let distinct = fixture.distinct_scores { #expect(Set(scores).count == distinct) }
        if let distinct = fixture.distinct_truth { #expect(Set(truth).count == distinct) }
    }
}
