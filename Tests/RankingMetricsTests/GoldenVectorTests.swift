import RankingMetrics
import Testing

/// The golden vectors of docs/REFERENCE.md section 2.
///
/// Asserted bit for bit, with two documented exceptions in the last digit:
/// - Spearman of the second vector: the exact value is 581/665 (tie-free ranks; Σd² = 168), whose correctly
///   rounded double is 0.8736842105263158 (what RankingMetrics returns, its rank sums being exact integers).
///   REFERENCE's 0.8736842105263156 is numpy.corrcoef's rounding (2 ulp below); scipy 1.17.1 on this machine even
///   returns 0.7500000000000001 for the first vector's 0.75. Asserted within 2 ulp of REFERENCE and exactly 581/665.
/// - KT@top25% and KT@bottom25%: REFERENCE prints 0.2 and 0.8 rounded; tau-b computed as scipy does,
///   (n_c - n_d) / sqrt(.) / sqrt(.), gives 0.19999999999999998 and 0.7999999999999999: asserted within 1 ulp.
@Suite struct GoldenVectorTests {
    @Test func firstVector() throws {
        let sample = try PairedSample(scores: [0.1, 0.4, 0.4, 0.2, 0.9, 0.3], truth: [1, 3, 2, 2, 5, 4])
        #expect(sample.pearsonR().value == 0.820704349275935)
        #expect(sample.kendallTauB().value == 0.6428571428571429)
        #expect(sample.spearmanRho().value == 0.75)
    }

    static let secondScores: [Double] = [0, 2, 1, 3, 5, 4, 6, 8, 7, 9, 19, 11, 12, 13, 14, 15, 16, 17, 18, 10]
    static let secondTruth: [Double] = (0..<20).map(Double.init)

    @Test func secondVectorCorrelations() throws {
        let sample = try PairedSample(scores: Self.secondScores, truth: Self.secondTruth)
        #expect(sample.kendallTauB().value == 0.7894736842105264)
        #expect(abs(sample.spearmanRho().value - 0.8736842105263156) <= 2 * 0.8736842105263156.ulp)
        #expect(sample.spearmanRho().value == 581.0 / 665.0)
    }

    @Test func secondVectorTopK() throws {
        let ranked = RankedSample(try PairedSample(scores: Self.secondScores, truth: Self.secondTruth))
        let quarter = try Cutoff(ratio: 0.25), tenth = try Cutoff(ratio: 0.1), twentieth = try Cutoff(ratio: 0.05)
        #expect(ranked.precisionAtTop(quarter).value == 0.8)
        #expect(ranked.precisionAtBottom(quarter).value == 0.8)
        #expect(abs(ranked.kendallTauAtTop(quarter).value - 0.2) <= 0.2.ulp)
        #expect(abs(ranked.kendallTauAtBottom(quarter).value - 0.8) <= 0.8.ulp)
        #expect(ranked.bestRank(tenth).value == 0.1)
        #expect(ranked.worstRank(tenth).value == 0.5)
        #expect(ranked.bestRank(twentieth).value == 0.5)
        #expect(ranked.worstRank(twentieth).value == 0.5)
    }

    @Test func secondVectorThroughTheReport() throws {
        let report = try RankingReport(scores: Self.secondScores, truth: Self.secondTruth)
        #expect(report["kendall_tau"]?.value == 0.7894736842105264)
        #expect(report["spearman_rho"]?.value == 581.0 / 665.0)
        #expect(report["br_at_10%"]?.value == 0.1)
        #expect(report["wr_at_10%"]?.value == 0.5)
        #expect(report["br_at_5%"]?.value == 0.5)
        #expect(report["wr_at_5%"]?.value == 0.5)
    }
}
