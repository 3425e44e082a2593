/// A paired sample with its estimator order and true ranks, computed once and shared by every criterion.
///
/// Stable tie rule (documented, deterministic for any input order):
/// - Estimator order: score descending; equal scores are ordered by their position in the input ascending.
/// - True rank: truth descending, 0 = best; equal truths are ranked by their position in the input ascending.
/// So among tied items the one given first counts as better. Correlations (tau-b, rho, r) do not depend on the rule.
public struct RankedSample: Sendable {
    /// The sample the orders were computed from.
    public let sample: PairedSample
    /// Positions (into the sample's kept pairs) from the best score to the worst, ties by position ascending.
    public let estimatorOrder: [Int]
    /// Positions from the best truth to the worst, ties by position ascending.
    public let trueOrder: [Int]
    /// For each position, its place in `estimatorOrder` (0 = best score).
    public let estimatorRank: [Int]
    /// For each position, its place in `trueOrder` (0 = best truth).
    public let trueRank: [Int]
    /// The scores sorted once, shared by the correlations.
    let scoreColumn: SortedColumn
    /// The truth sorted once, shared by the correlations.
    let truthColumn: SortedColumn

    /// Sorts the sample's scores and truth once (O(N) radix passes) and derives both orders and ranks.
    public init(_ sample: PairedSample) {
        self.sample = sample
        scoreColumn = SortedColumn(sample.scores)
        truthColumn = SortedColumn(sample.truth)
        estimatorOrder = scoreColumn.descendingStableOrder()
        trueOrder = truthColumn.descendingStableOrder()
        estimatorRank = Self.inverse(of: estimatorOrder)
        trueRank = Self.inverse(of: trueOrder)
    }

    /// The number of pairs, N.
    public var count: Int { sample.count }

    /// Pearson's r of the raw values (see `PairedSample.pearsonR()`).
    public func pearsonR() -> MetricValue { sample.pearsonR() }

    /// Spearman's rho with average ranks for ties (see `PairedSample.spearmanRho()`).
    public func spearmanRho() -> MetricValue {
        PairedSample.spearmanRho(scores: scoreColumn, truth: truthColumn)
    }

    /// Kendall's tau-b by Knight's algorithm (see `PairedSample.kendallTauB()`).
    public func kendallTauB() -> MetricValue { kendallPairCounts().tauB }

    /// The pair counts behind Kendall's tau-b.
    public func kendallPairCounts() -> KendallPairCounts {
        guard count >= 2 else {
            return KendallPairCounts(pairs: 0, tiedScores: 0, tiedTruth: 0, tiedBoth: 0, discordant: 0)
        }
        return KendallPairCounts(scores: scoreColumn, truth: sample.truth)
    }

    /// k for `cutoff` on this sample: floor(N * ratio) or the fixed count (it may be < 1 or > N).
    public func k(for cutoff: Cutoff) -> Int { cutoff.k(forSampleSize: count) }

    /// P@topK = |{i in the estimator's top k : true rank of i < k}| / k (Ning et al. 2021, "Evaluating efficient
    /// performance estimators of neural architectures").
    public func precisionAtTop(_ cutoff: Cutoff) -> MetricValue {
        withK(cutoff) { k in
            let hits = estimatorOrder[0..<k].reduce(0) { $0 + (trueRank[$1] < k ? 1 : 0) }
            return Double(hits) / Double(k)
        }
    }

    /// P@bottomK = |{i in the estimator's bottom k : true rank of i >= N - k}| / k (P@topK mirrored).
    public func precisionAtBottom(_ cutoff: Cutoff) -> MetricValue {
        withK(cutoff) { k in
            let threshold = count - k
            let hits = estimatorOrder[threshold..<count].reduce(0) { $0 + (trueRank[$1] >= threshold ? 1 : 0) }
            return Double(hits) / Double(k)
        }
    }

    /// KT@topK = Kendall's tau-b over the estimator's top k pairs only; undefined when k < 2 or a column is constant.
    public func kendallTauAtTop(_ cutoff: Cutoff) -> MetricValue {
        let k = k(for: cutoff)
        if let reason = undefinedReason(k: k) { return MetricValue(undefined: reason) }
        return sample.subsample(Array(estimatorOrder[0..<k])).kendallTauB()
    }

    /// KT@bottomK = Kendall's tau-b over the estimator's bottom k pairs only.
    public func kendallTauAtBottom(_ cutoff: Cutoff) -> MetricValue {
        let k = k(for: cutoff)
        if let reason = undefinedReason(k: k) { return MetricValue(undefined: reason) }
        return sample.subsample(Array(estimatorOrder[(count - k)..<count])).kendallTauB()
    }

    /// BR@K = (best 1-based true rank among the estimator's top k) / N; lower is better.
    public func bestRank(_ cutoff: Cutoff) -> MetricValue {
        withK(cutoff) { k in
            Double(estimatorOrder[0..<k].map { trueRank[$0] }.min()! + 1) / Double(count)
        }
    }

    /// WR@K = (worst 1-based true rank among the estimator's top k) / N; lower is better.
    public func worstRank(_ cutoff: Cutoff) -> MetricValue {
        withK(cutoff) { k in
            Double(estimatorOrder[0..<k].map { trueRank[$0] }.max()! + 1) / Double(count)
        }
    }

    /// The value of any criterion on this sample.
    public func value(of criterion: Criterion) -> MetricValue {
        switch criterion {
        case .pearsonR: return pearsonR()
        case .spearmanRho: return spearmanRho()
        case .kendallTau: return kendallTauB()
        case let .precisionAtTop(cutoff): return precisionAtTop(cutoff)
        case let .precisionAtBottom(cutoff): return precisionAtBottom(cutoff)
        case let .kendallTauAtTop(cutoff): return kendallTauAtTop(cutoff)
        case let .kendallTauAtBottom(cutoff): return kendallTauAtBottom(cutoff)
        case let .bestRank(cutoff): return bestRank(cutoff)
        case let .worstRank(cutoff): return worstRank(cutoff)
        }
    }

    /// Evaluates `body` with k for `cutoff`, or returns the reason k is unusable.
    private func withK(_ cutoff: Cutoff, _ body: (Int) -> Double) -> MetricValue {
        let k = k(for: cutoff)
        if let reason = undefinedReason(k: k) { return MetricValue(undefined: reason) }
        return MetricValue(body(k))
    }

    /// Why `k` items cannot be selected from this sample, or nil when 1 <= k <= N.
    func undefinedReason(k: Int) -> UndefinedReason? {
        if k < 1 { return .cutoffBelowOne }
        if k > count { return .cutoffExceedsSampleSize }
        return nil
    }

    /// The inverse permutation of `order`.
    private static func inverse(of order: [Int]) -> [Int] {
        var inverse = [Int](repeating: 0, count: order.count)
        for (place, position) in order.enumerated() { inverse[position] = place }
        return inverse
    }
}
