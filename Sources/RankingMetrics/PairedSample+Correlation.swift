extension PairedSample {
    /// Pearson's r on the raw values: Σ(s - s̄)(g - ḡ) / sqrt(Σ(s - s̄)² Σ(g - ḡ)²) (Pearson 1895), as
    /// scipy.stats.pearsonr; undefined for fewer than 2 pairs or a constant column.
    public func pearsonR() -> MetricValue {
        if let reason = correlationPrecondition() { return MetricValue(undefined: reason) }
        return MetricValue(PearsonKernel.correlation(scores, truth))
    }

    /// Spearman's rho: Pearson's r of the ranks, tied values sharing their AVERAGE rank (Spearman 1904), as
    /// scipy.stats.spearmanr; undefined for fewer than 2 pairs or a constant column.
    public func spearmanRho() -> MetricValue {
        if let reason = correlationPrecondition() { return MetricValue(undefined: reason) }
        return Self.spearmanRho(scores: SortedColumn(scores), truth: SortedColumn(truth))
    }

    /// Kendall's tau-b, (n_c - n_d) / sqrt((n_c + n_d + t_s)(n_c + n_d + t_g)), in O(N log N) (Knight 1966), as
    /// scipy.stats.kendalltau; undefined for fewer than 2 pairs or a constant column.
    public func kendallTauB() -> MetricValue {
        kendallPairCounts().tauB
    }

    /// The concordant, discordant and tied pair counts behind Kendall's tau-b (Knight's algorithm, O(N log N)).
    public func kendallPairCounts() -> KendallPairCounts {
        guard count >= 2 else {
            return KendallPairCounts(pairs: 0, tiedScores: 0, tiedTruth: 0, tiedBoth: 0, discordant: 0)
        }
        return KendallPairCounts(scores: SortedColumn(scores), truth: truth)
    }

    /// The reason a correlation is undefined on this sample, or nil when it is defined.
    func correlationPrecondition() -> UndefinedReason? {
        guard count >= 2 else { return .fewerThanTwoPairs }
        if scores.allSatisfy({ $0 == scores[0] }) { return .constantScores }
        if truth.allSatisfy({ $0 == truth[0] }) { return .constantTruth }
        return nil
    }

    /// Spearman's rho from two sorted columns of at least 2 values each.
    static func spearmanRho(scores: SortedColumn, truth: SortedColumn) -> MetricValue {
        if scores.count < 2 { return MetricValue(undefined: .fewerThanTwoPairs) }
        if scores.groupCount == 1 { return MetricValue(undefined: .constantScores) }
        if truth.groupCount == 1 { return MetricValue(undefined: .constantTruth) }
        return MetricValue(SpearmanKernel.rho(scores, truth))
    }
}
