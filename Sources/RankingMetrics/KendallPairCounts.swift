/// The pair counts behind Kendall's tau-b, computed in O(N log N) with Knight's algorithm.
///
/// Knight (1966), "A computer method for calculating Kendall's tau with ungrouped data", JASA 61(314):436-439:
/// sort the pairs by (score, truth), count the tie groups, and count discordant pairs as the swaps a merge sort makes
/// on the truth sequence. All counts are exact 64-bit integers (N up to 4,294,967,295 pairs).
public struct KendallPairCounts: Sendable, Hashable {
    /// Number of pairs: N(N-1)/2.
    public let pairs: Int64
    /// Pairs tied in the scores (including pairs also tied in the truth).
    public let tiedScores: Int64
    /// Pairs tied in the truth (including pairs also tied in the scores).
    public let tiedTruth: Int64
    /// Pairs tied in both the scores and the truth.
    public let tiedBoth: Int64
    /// Pairs ordered one way by the scores and the other way by the truth.
    public let discordant: Int64

    /// Pairs ordered the same way by the scores and the truth.
    public var concordant: Int64 { pairs - tiedScores - tiedTruth + tiedBoth - discordant }

    /// Kendall's tau-b = (n_c - n_d) / sqrt((n_c + n_d + t_s)(n_c + n_d + t_g)), t_s / t_g = pairs tied only in the
    /// scores / only in the truth (Kendall 1945); undefined for fewer than 2 pairs or a constant column.
    ///
    /// Computed as scipy.stats.kendalltau does: (n_c - n_d) / sqrt(pairs - tiedScores) / sqrt(pairs - tiedTruth),
    /// clamped to [-1, 1].
    public var tauB: MetricValue {
        if pairs == 0 { return MetricValue(undefined: .fewerThanTwoPairs) }
        if tiedScores == pairs { return MetricValue(undefined: .constantScores) }
        if tiedTruth == pairs { return MetricValue(undefined: .constantTruth) }
        let difference = Double(pairs - tiedScores - tiedTruth + tiedBoth - 2 * discordant)
        let tau = difference / Double(pairs - tiedScores).squareRoot() / Double(pairs - tiedTruth).squareRoot()
        return MetricValue(Swift.min(1, Swift.max(-1, tau)))
    }

    /// Creates counts from their parts (for tests and callers that count pairs themselves).
    public init(pairs: Int64, tiedScores: Int64, tiedTruth: Int64, tiedBoth: Int64, discordant: Int64) {
        self.pairs = pairs
        self.tiedScores = tiedScores
        self.tiedTruth = tiedTruth
        self.tiedBoth = tiedBoth
        self.discordant = discordant
    }

    /// Counts the pairs of a sorted score column and the truth values (same length, all finite).
    ///
    /// The truth keys are laid out in score order, each score tie group is sorted by truth (giving the lexicographic
    /// (score, truth) order and the joint ties), then one merge sort of the whole sequence counts the discordant pairs
    /// and leaves the truth sorted, from which the truth ties are read.
    init(scores: SortedColumn, truth: [Double]) {
        let count = scores.count
        let pairs = Int64(count) * Int64(count - 1) / 2
        var sequence = [UInt64](repeating: 0, count: count)
        var scratch = [UInt64](repeating: 0, count: count)
        var tiedBoth: Int64 = 0, tiedTruth: Int64 = 0, discordant = 0
        sequence.withUnsafeMutableBufferPointer { sequence in
            scratch.withUnsafeMutableBufferPointer { scratch in
                truth.withUnsafeBufferPointer { truth in
                    scores.order.withUnsafeBufferPointer { order in
                        for place in 0..<count { sequence[place] = RadixSort.orderKey(truth[Int(order[place])]) }
                    }
                }
                for group in 0..<scores.groupCount {
                    let start = scores.groupStarts[group], end = scores.groupStarts[group + 1]
                    guard end - start > 1 else { continue }
                    let segment = UnsafeMutableBufferPointer(rebasing: sequence[start..<end])
                    let segmentScratch = UnsafeMutableBufferPointer(rebasing: scratch[start..<end])
                    _ = InversionCounter.sortCounting(segment, scratch: segmentScratch)
                    tiedBoth += Self.tiedPairs(inSorted: UnsafeBufferPointer(segment))
                }
                discordant = InversionCounter.sortCounting(sequence, scratch: scratch)
                tiedTruth = Self.tiedPairs(inSorted: UnsafeBufferPointer(sequence))
            }
        }
        self.init(
            pairs: pairs, tiedScores: scores.tiedPairs, tiedTruth: tiedTruth, tiedBoth: tiedBoth,
            discordant: Int64(discordant)
        )
    }

    /// The sum of t(t-1)/2 over runs of t equal values in a sorted buffer.
    private static func tiedPairs(inSorted values: UnsafeBufferPointer<UInt64>) -> Int64 {
        var total: Int64 = 0
        var runStart = 0
        for index in 1..<(values.count + 1) where index == values.count || values[index] != values[runStart] {
            let size = Int64(index - runStart)
            total += size * (size - 1) / 2
            runStart = index
        }
        return total
    }
}
