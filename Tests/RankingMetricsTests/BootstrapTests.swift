import NASCore
import RankingMetrics
import Testing

/// The bootstrap fixture: the same resamples drawn in Python, scipy's tau/rho on each, numpy's linear quantiles.
struct BootstrapFixture: Decodable, Sendable {
    /// One bootstrapped sample.
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let name: String
        let scores: [Double]
        let truth: [Double]
        let seed: UInt64
        let resamples: Int
        let level: Double
        let tau: Double?
        let rho: Double?
        let tau_lower: Double?
        let tau_upper: Double?
        let rho_lower: Double?
        let rho_upper: Double?
        let tau_replicates_head: [Double?]
        let rho_replicates_head: [Double?]
        let undefined_replicates: Int

        var testDescription: String { name }
    }

    let cases: [Case]
}

/// Percentile intervals for tau-b and rho: seeded, reproducible, and equal to the Python reference.
@Suite struct BootstrapTests {
    /// The fixture's cases (a missing or malformed fixture fails the tests that use it).
    static func cases() throws -> [BootstrapFixture.Case] {
        try Fixtures.load("bootstrap.json", as: BootstrapFixture.self).cases
    }

    @Test(arguments: try cases())
    func matchesReference(_ fixture: BootstrapFixture.Case) throws {
        let sample = try PairedSample(scores: fixture.scores, truth: fixture.truth)
        let options = try BootstrapOptions(resamples: fixture.resamples, level: fixture.level, seed: fixture.seed)
        let bootstrap = CorrelationBootstrap(sample, options: options)
        try expectClose(bootstrap.kendallTau.estimate, fixture.tau, tolerance: 1e-12)
        try expectClose(bootstrap.spearmanRho.estimate, fixture.rho, tolerance: 1e-12)
        try expectClose(bootstrap.kendallTau.lower, fixture.tau_lower, tolerance: 1e-12)
        try expectClose(bootstrap.kendallTau.upper, fixture.tau_upper, tolerance: 1e-12)
        try expectClose(bootstrap.spearmanRho.lower, fixture.rho_lower, tolerance: 1e-12)
        try expectClose(bootstrap.spearmanRho.upper, fixture.rho_upper, tolerance: 1e-12)
        for (value, expected) in zip(bootstrap.kendallTau.replicates, fixture.tau_replicates_head) {
            try expectClose(value, expected, tolerance: 1e-12)
        }
        for (value, expected) in zip(bootstrap.spearmanRho.replicates, fixture.rho_replicates_head) {
            try expectClose(value, expected, tolerance: 1e-12)
        }
        #expect(bootstrap.kendallTau.replicates.count == fixture.resamples)
        #expect(bootstrap.kendallTau.definedReplicateCount == fixture.resamples - fixture.undefined_replicates)
    }

    @Test func sameSeedSameIntervalOtherSeedOtherInterval() throws {
        let fixture = try #require(try Self.cases().first)
        let sample = try PairedSample(scores: fixture.scores, truth: fixture.truth)
        let first = CorrelationBootstrap(sample, options: try BootstrapOptions(resamples: 100, seed: 3))
        let again = CorrelationBootstrap(sample, options: try BootstrapOptions(resamples: 100, seed: 3))
        let other = CorrelationBootstrap(sample, options: try BootstrapOptions(resamples: 100, seed: 4))
        #expect(first.kendallTau == again.kendallTau)
        #expect(first.spearmanRho == again.spearmanRho)
        #expect(first.kendallTau.replicates != other.kendallTau.replicates)
    }

    @Test func widerLevelGivesWiderInterval() throws {
        let fixture = try #require(try Self.cases().first)
        let sample = try PairedSample(scores: fixture.scores, truth: fixture.truth)
        let narrow = CorrelationBootstrap(sample, options: try BootstrapOptions(resamples: 400, level: 0.5))
        let wide = CorrelationBootstrap(sample, options: try BootstrapOptions(resamples: 400, level: 0.99))
        #expect(wide.kendallTau.lower.value < narrow.kendallTau.lower.value)
        #expect(wide.kendallTau.upper.value > narrow.kendallTau.upper.value)
        #expect(narrow.kendallTau.lower.value <= narrow.kendallTau.estimate.value)
        #expect(narrow.kendallTau.upper.value >= narrow.kendallTau.estimate.value)
    }

    /// The documented draw is Lemire's method on the stream generator; bound 1 always gives 0.
    @Test func drawIndexStaysInRange() {
        var generator = SeededGenerator(seed: 9, stream: 0)
        for bound in [1, 2, 3, 7, 1000, 1 << 40] {
            for _ in 0..<200 {
                let index = CorrelationBootstrap.drawIndex(below: bound, using: &generator)
                #expect(index >= 0 && index < bound)
            }
        }
    }

    @Test func tooSmallSampleIsUndefined() throws {
        let sample = try PairedSample(scores: [1, .nan], truth: [2, 3])
        let bootstrap = CorrelationBootstrap(sample, options: try BootstrapOptions(resamples: 10))
        #expect(bootstrap.kendallTau.lower.undefinedReason == .noDefinedValues)
        #expect(bootstrap.spearmanRho.estimate.undefinedReason == .fewerThanTwoPairs)
    }
}
