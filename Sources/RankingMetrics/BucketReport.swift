/// Bias of an estimator across groups of items (complexity buckets, op counts, ...), the caller choosing the groups.
///
/// Per bucket: its size, Kendall's tau-b and Spearman's rho within the bucket, the mean normalised rank difference
/// (estimator rank - true rank) / N with both ranks taken over the WHOLE sample (positive = the estimator ranks the
/// bucket worse than the truth does), and the bucket's share of the estimator's top k versus its share of the true
/// top k (each share = members in that top k / k, so the shares of all buckets sum to 1). Ranks follow the stable tie
/// rule of `RankedSample`. After the bias analyses of Ning et al. (2021) and White et al. (2021).
public struct BucketReport<Label: Hashable & Sendable>: Sendable {
    /// The statistics of one bucket.
    public struct Bucket: Sendable {
        /// The bucket's label.
        public let label: Label
        /// The number of kept pairs in the bucket.
        public let count: Int
        /// Kendall's tau-b within the bucket.
        public let kendallTau: MetricValue
        /// Spearman's rho within the bucket.
        public let spearmanRho: MetricValue
        /// Mean over the bucket of (estimator rank - true rank) / N, ranks over the whole sample (0 = best).
        public let meanNormalizedRankDifference: MetricValue
        /// The bucket's members among the estimator's top k, divided by k.
        public let estimatorTopShare: MetricValue
        /// The bucket's members among the true top k, divided by k.
        public let trueTopShare: MetricValue
    }

    /// The cutoff defining "top" (default 5%).
    public let top: Cutoff
    /// k = the cutoff applied to the number of kept pairs.
    public let k: Int
    /// The buckets, in order of the first appearance of their label among the kept pairs.
    public let buckets: [Bucket]

    /// Groups the kept pairs of `sample` by `labels` (one label per INPUT pair, dropped pairs included, so the
    /// labels line up with the arrays the sample was made from) and computes every bucket's statistics.
    ///
    /// - Throws: `RankingError.labelCountMismatch` when `labels.count != sample.inputCount`.
    public init(_ sample: PairedSample, labels: [Label], top: Cutoff = Cutoff.precisionRatios[3]) throws(RankingError) {
        guard labels.count == sample.inputCount else {
            throw .labelCountMismatch(labels: labels.count, pairs: sample.inputCount)
        }
        self.init(RankedSample(sample), keptLabels: sample.keptIndices.map { labels[$0] }, top: top)
    }

    /// Computes the statistics from a ranked sample and one label per KEPT pair.
    private init(_ ranked: RankedSample, keptLabels: [Label], top: Cutoff) {
        self.top = top
        let count = ranked.count
        let k = ranked.k(for: top)
        self.k = k
        let topReason = ranked.undefinedReason(k: k)
        var order: [Label] = []
        var members: [Label: [Int]] = [:]
        for (position, label) in keptLabels.enumerated() {
            if members[label] == nil { order.append(label) }
            members[label, default: []].append(position)
        }
        buckets = order.map { label in
            let positions = members[label]!
            let subsample = ranked.sample.subsample(positions)
            let rankTotal = positions.reduce(0) { $0 + (ranked.estimatorRank[$1] - ranked.trueRank[$1]) }
            let meanDifference = Double(rankTotal) / Double(positions.count) / Double(count)
            let estimatorShare: MetricValue, trueShare: MetricValue
            if let topReason {
                estimatorShare = MetricValue(undefined: topReason)
                trueShare = MetricValue(undefined: topReason)
            } else {
                estimatorShare = MetricValue(Double(positions.count { ranked.estimatorRank[$0] < k }) / Double(k))
                trueShare = MetricValue(Double(positions.count { ranked.trueRank[$0] < k }) / Double(k))
            }
            return Bucket(
                label: label, count: positions.count, kendallTau: subsample.kendallTauB(),
                spearmanRho: subsample.spearmanRho(), meanNormalizedRankDifference: MetricValue(meanDifference),
                estimatorTopShare: estimatorShare, trueTopShare: trueShare
            )
        }
    }
}
