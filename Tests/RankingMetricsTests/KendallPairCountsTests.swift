import NASCore
import RankingMetrics
import Testing

/// Knight's O(N log N) counts equal the O(N²) definition on seeded samples across sizes and tie densities.
@Suite struct KendallPairCountsTests {
    /// Counts every pair by definition.
    static func bruteForce(_ scores: [Double], _ truth: [Double]) -> KendallPairCounts {
        var tiedScores: Int64 = 0, tiedTruth: Int64 = 0, tiedBoth: Int64 = 0, discordant: Int64 = 0
        for i in scores.indices {
            for j in (i + 1)..<scores.count {
                let scoreTie = scores[i] == scores[j], truthTie = truth[i] == truth[j]
                if scoreTie { tiedScores += 1 }
                if truthTie { tiedTruth += 1 }
                if scoreTie && truthTie { tiedBoth += 1 }
                if !scoreTie && !truthTie && (scores[i] < scores[j]) != (truth[i] < truth[j]) { discordant += 1 }
            }
        }
        let count = Int64(scores.count)
        return KendallPairCounts(
            pairs: count * (count - 1) / 2, tiedScores: tiedScores, tiedTruth: tiedTruth, tiedBoth: tiedBoth,
            discordant: discordant
        )
    }

    /// (size, distinct levels): small sizes use the comparison sort, larger ones the radix sort and merge passes.
    static let shapes: [(Int, UInt64)] = [
        (2, 2), (7, 3), (40, 1 << 40), (255, 5), (256, 1 << 40), (300, 3), (1200, 1 << 40), (1200, 40), (2500, 2),
    ]

    @Test(arguments: shapes, 0..<3)
    func knightEqualsDefinition(shape: (Int, UInt64), seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed), stream: UInt64(shape.0))
        let levels = shape.1
        let scores = (0..<shape.0).map { _ in Double(generator.next() % levels) - Double(levels / 2) }
        let truth = (0..<shape.0).map { _ in Double(generator.next() % levels) * 0.5 }
        let sample = try! PairedSample(scores: scores, truth: truth)
        let counts = sample.kendallPairCounts()
        #expect(counts == Self.bruteForce(scores, truth))
        #expect(counts.concordant + counts.discordant + counts.tiedScores + counts.tiedTruth - counts.tiedBoth
            == counts.pairs)
    }

    @Test func reversedOrderIsAllDiscordant() throws {
        let count = 5000
        let sample = try PairedSample(
            scores: (0..<count).map(Double.init), truth: (0..<count).map { Double(count - $0) }
        )
        let counts = sample.kendallPairCounts()
        #expect(counts.discordant == Int64(count * (count - 1) / 2))
        #expect(counts.concordant == 0)
        #expect(sample.kendallTauB().value == -1)
    }
}
