import RankingMetrics
import Testing

/// Errors for malformed input, NaN plus a reason for undefined results, and the missing-value policy.
@Suite struct BadInputTests {
    @Test func mismatchedLengthsThrow() {
        #expect(throws: RankingError.lengthMismatch(scores: 3, truth: 2)) {
            try PairedSample(scores: [1, 2, 3], truth: [1, 2])
        }
        #expect(throws: RankingError.lengthMismatch(scores: 0, truth: 1)) {
            try RankingReport(scores: [], truth: [1])
        }
    }

    @Test func emptyInputThrows() {
        #expect(throws: RankingError.emptyInput) { try PairedSample(scores: [], truth: []) }
        #expect(throws: RankingError.emptyInput) { try VarianceReport(scoreColumns: [[]], truth: []) }
        #expect(throws: RankingError.noScoreColumns) { try VarianceReport(scoreColumns: [], truth: [1, 2]) }
    }

    @Test func allTiedInputIsUndefinedNotACrash() throws {
        let constantScores = try PairedSample(scores: [2, 2, 2, 2], truth: [1, 2, 3, 4])
        for value in [constantScores.kendallTauB(), constantScores.spearmanRho(), constantScores.pearsonR()] {
            #expect(value.value.isNaN)
            #expect(value.undefinedReason == .constantScores)
        }
        let constantTruth = try PairedSample(scores: [1, 2, 3, 4], truth: [5, 5, 5, 5])
        for value in [constantTruth.kendallTauB(), constantTruth.spearmanRho(), constantTruth.pearsonR()] {
            #expect(value.value.isNaN)
            #expect(value.undefinedReason == .constantTruth)
        }
        let signedZeros = try PairedSample(scores: [0.0, -0.0, 0.0], truth: [1, 2, 3])
        #expect(signedZeros.kendallTauB().undefinedReason == .constantScores)
        #expect(signedZeros.spearmanRho().undefinedReason == .constantScores)
    }

    @Test func fewerThanTwoPairsIsUndefined() throws {
        let single = try PairedSample(scores: [1], truth: [2])
        #expect(single.kendallTauB().undefinedReason == .fewerThanTwoPairs)
        #expect(single.spearmanRho().undefinedReason == .fewerThanTwoPairs)
        #expect(single.pearsonR().undefinedReason == .fewerThanTwoPairs)
        let allDropped = try PairedSample(scores: [.nan, 1, .infinity], truth: [1, -.infinity, 2])
        #expect(allDropped.count == 0)
        #expect(allDropped.droppedCount == 3)
        let report = RankingReport(allDropped)
        #expect(report.entries.allSatisfy { !$0.value.isDefined })
        #expect(report["kendall_tau"]?.undefinedReason == .fewerThanTwoPairs)
        #expect(report["p_at_top_100%"]?.undefinedReason == .cutoffBelowOne)
    }

    @Test func nonFinitePairsAreDroppedAndCounted() throws {
        let scores: [Double] = [0.1, .nan, 0.4, 0.4, 0.2, .infinity, 0.9, 0.3, 7]
        let truth: [Double] = [1, 9, 3, 2, 2, 9, 5, 4, -.infinity]
        let sample = try PairedSample(scores: scores, truth: truth)
        #expect(sample.inputCount == 9)
        #expect(sample.droppedCount == 3)
        #expect(sample.keptIndices == [0, 2, 3, 4, 6, 7])
        #expect(sample.scores == [0.1, 0.4, 0.4, 0.2, 0.9, 0.3])
        #expect(sample.truth == [1, 3, 2, 2, 5, 4])
        // The kept pairs are REFERENCE's first golden vector.
        #expect(sample.kendallTauB().value == 0.6428571428571429)
        #expect(sample.spearmanRho().value == 0.75)
        #expect(sample.pearsonR().value == 0.820704349275935)
        #expect(try RankingReport(scores: scores, truth: truth).droppedCount == 3)
    }

    @Test func cutoffsOutsideTheSampleAreUndefined() throws {
        let ranked = RankedSample(try PairedSample(scores: [1, 2, 3, 4], truth: [1, 3, 2, 4]))
        #expect(ranked.precisionAtTop(try Cutoff(ratio: 0.1)).undefinedReason == .cutoffBelowOne)
        #expect(ranked.bestRank(try Cutoff(count: 5)).undefinedReason == .cutoffExceedsSampleSize)
        #expect(ranked.kendallTauAtTop(try Cutoff(count: 1)).undefinedReason == .fewerThanTwoPairs)
    }

    @Test(arguments: [0.0, -0.1, 1.0000001, .nan, .infinity])
    func invalidRatiosThrow(_ ratio: Double) {
        #expect(throws: RankingError.self) { try Cutoff(ratio: ratio) }
    }

    @Test func invalidCountsAndOptionsThrow() {
        #expect(throws: RankingError.invalidCount(0)) { try Cutoff(count: 0) }
        #expect(throws: RankingError.invalidResampleCount(0)) { try BootstrapOptions(resamples: 0) }
        #expect(throws: RankingError.invalidConfidenceLevel(1)) { try BootstrapOptions(level: 1) }
        #expect(throws: RankingError.labelCountMismatch(labels: 2, pairs: 3)) {
            try BucketReport(try PairedSample(scores: [1, 2, 3], truth: [3, 2, 1]), labels: ["a", "b"])
        }
    }

    static let allErrors: [RankingError] = [
        .lengthMismatch(scores: 1, truth: 2), .emptyInput, .sampleTooLarge(count: 5_000_000_000),
        .labelCountMismatch(labels: 1, pairs: 2), .invalidRatio(2), .invalidCount(0), .invalidResampleCount(0),
        .invalidConfidenceLevel(1), .noScoreColumns,
    ]

    @Test(arguments: allErrors)
    func errorsDescribeThemselvesOnOneLine(_ error: RankingError) {
        #expect(!error.description.isEmpty)
        #expect(!error.description.contains("\n"))
    }

    @Test(arguments: UndefinedReason.allCases)
    func undefinedReasonsDescribeThemselvesOnOneLine(_ reason: UndefinedReason) {
        let value = MetricValue(undefined: reason)
        #expect(value.value.isNaN)
        #expect(value.description.contains(reason.description))
        #expect(!reason.description.contains("\n"))
    }
}
