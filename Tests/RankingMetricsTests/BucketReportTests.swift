import RankingMetrics
import Testing

/// The buckets fixture: per-bucket statistics computed in Python on a sample with missing values.
struct BucketFixture: Decodable, Sendable {
    /// One bucketed sample at one top ratio.
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        /// Expected statistics of one bucket.
        struct Bucket: Decodable, Sendable {
            let label: String
            let count: Int
            let tau: Double?
            let rho: Double?
            let mean_rank_difference: Double
            let estimator_top_share: Double
            let true_top_share: Double
        }

        let name: String
        let top_ratio: Double
        let k: Int
        let scores: [Double]
        let truth: [Double]
        let labels: [String]
        let buckets: [Bucket]

        var testDescription: String { name }
    }

    let cases: [Case]
}

/// Bucket statistics agree with the Python reference; shares sum to 1.
@Suite struct BucketReportTests {
    /// The fixture's cases (a missing or malformed fixture fails the tests that use it).
    static func cases() throws -> [BucketFixture.Case] {
        try Fixtures.load("buckets.json", as: BucketFixture.self).cases
    }

    @Test(arguments: try cases())
    func matchesReference(_ fixture: BucketFixture.Case) throws {
        let sample = try PairedSample(scores: fixture.scores, truth: fixture.truth)
        #expect(sample.droppedCount > 0)
        let report = try BucketReport(sample, labels: fixture.labels, top: try Cutoff(ratio: fixture.top_ratio))
        #expect(report.k == fixture.k)
        #expect(report.buckets.map(\.label) == fixture.buckets.map(\.label))
        for (bucket, expected) in zip(report.buckets, fixture.buckets) {
            #expect(bucket.count == expected.count)
            try expectClose(bucket.kendallTau, expected.tau, tolerance: 1e-12)
            try expectClose(bucket.spearmanRho, expected.rho, tolerance: 1e-12)
            try expectClose(bucket.meanNormalizedRankDifference, expected.mean_rank_difference, tolerance: 1e-12)
            #expect(bucket.estimatorTopShare.value == expected.estimator_top_share)
            #expect(bucket.trueTopShare.value == expected.true_top_share)
        }
        let estimatorTotal = report.buckets.reduce(0) { $0 + $1.estimatorTopShare.value }
        #expect(abs(estimatorTotal - 1) <= 1e-12)
        #expect(report.buckets.reduce(0) { $0 + $1.count } == sample.count)
    }

    @Test func topBelowOneItemIsUndefined() throws {
        let sample = try PairedSample(scores: [1, 2, 3], truth: [1, 2, 3])
        let report = try BucketReport(sample, labels: [0, 1, 0])
        #expect(report.k == 0)
        #expect(report.buckets.allSatisfy { $0.estimatorTopShare.undefinedReason == .cutoffBelowOne })
        #expect(report.buckets[1].kendallTau.undefinedReason == .fewerThanTwoPairs)
        #expect(report.buckets[0].kendallTau.value == 1)
    }
}
