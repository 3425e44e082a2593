import NASCore
import RankingMetrics
import Testing

/// The documented stable tie rule: among equal scores (or equal truths) the item given first counts as better.
@Suite struct TieRuleTests {
    /// Every permutation of `values`.
    static func permutations(_ values: [Double]) -> [[Double]] {
        guard values.count > 1 else { return [values] }
        return values.indices.flatMap { index in
            var rest = values
            let head = rest.remove(at: index)
            return permutations(rest).map { [head] + $0 }
        }
    }

    /// Scores [0.5, 0.9, 0.9, 0.1]: positions 1 and 2 tie for best, so position 1 is the estimator's top-1 whatever
    /// truth sits there; with distinct truths 1...4 its true rank is 4 - truth[1].
    @Test(arguments: permutations([1, 2, 3, 4]))
    func tiedScoresFollowInputPosition(_ truth: [Double]) throws {
        let ranked = RankedSample(try PairedSample(scores: [0.5, 0.9, 0.9, 0.1], truth: truth))
        let one = try Cutoff(count: 1)
        #expect(ranked.estimatorOrder == [1, 2, 0, 3])
        #expect(ranked.estimatorRank == [2, 0, 1, 3])
        #expect(ranked.bestRank(one).value == (5 - truth[1]) / 4)
        #expect(ranked.precisionAtTop(one).value == (truth[1] == 4 ? 1 : 0))
        #expect(ranked.precisionAtBottom(one).value == (truth[3] == 1 ? 1 : 0))
    }

    /// Truth [2, 7, 7, 7, 1]: positions 1, 2, 3 tie for best, so true ranks are [3, 0, 1, 2, 4] whatever the scores.
    @Test(arguments: permutations([10, 20, 30, 40, 50]))
    func tiedTruthFollowsInputPosition(_ scores: [Double]) throws {
        let ranked = RankedSample(try PairedSample(scores: scores, truth: [2, 7, 7, 7, 1]))
        #expect(ranked.trueRank == [3, 0, 1, 2, 4])
        #expect(ranked.trueOrder == [1, 2, 3, 0, 4])
        let best = scores.firstIndex(of: 50)!
        #expect(ranked.precisionAtTop(try Cutoff(count: 1)).value == (best == 1 ? 1 : 0))
        #expect(ranked.bestRank(try Cutoff(count: 1)).value == Double([3, 0, 1, 2, 4][best] + 1) / 5)
    }

    /// Moving a tied pair to the front changes which one is "best"; the correlations do not change.
    @Test func swappingTiedPairsChangesOnlyTheTopKResult() throws {
        let first = RankedSample(try PairedSample(scores: [3, 3, 1, 2], truth: [10, 40, 20, 30]))
        let swapped = RankedSample(try PairedSample(scores: [3, 3, 1, 2], truth: [40, 10, 20, 30]))
        let one = try Cutoff(count: 1)
        #expect(first.precisionAtTop(one).value == 0)
        #expect(first.worstRank(one).value == 1.0)
        #expect(swapped.precisionAtTop(one).value == 1)
        #expect(swapped.worstRank(one).value == 0.25)
        #expect(first.kendallTauB() == swapped.kendallTauB())
        #expect(first.spearmanRho() == swapped.spearmanRho())
    }

    /// Reordering the pairs of a heavily tied sample leaves tau-b (and its pair counts), rho and r unchanged.
    @Test(arguments: 0..<8)
    func correlationsIgnoreInputOrder(seed: Int) throws {
        let fixture = FixtureRecipe(
            seed: UInt64(100 + seed), n: 500, truth_levels: 9, noise_levels: 4, score_bucket: 2, truth_divisor: 1,
            score_scale: 1
        )
        let (scores, truth) = fixture.expand()
        var generator = SeededGenerator(seed: UInt64(seed))
        let permutation = Array(scores.indices).shuffled(using: &generator)
        let original = try PairedSample(scores: scores, truth: truth)
        let shuffled = try PairedSample(scores: permutation.map { scores[$0] }, truth: permutation.map { truth[$0] })
        #expect(original.kendallTauB() == shuffled.kendallTauB())
        #expect(original.kendallPairCounts() == shuffled.kendallPairCounts())
        #expect(abs(original.spearmanRho().value - shuffled.spearmanRho().value) <= 1e-14)
        #expect(abs(original.pearsonR().value - shuffled.pearsonR().value) <= 1e-14)
    }
}
