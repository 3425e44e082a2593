import RankingMetrics
import SearchSpaces

/// Bias of one estimator towards NB201 operations: per operation o and count c = 0…6 of o in the cell, the mean
/// normalised rank difference (estimator − truth) over the architectures with exactly c edges of o and their share of
/// the estimator's and the true top k; per operation, its frequency among the edges of the estimator's top k versus
/// the true top k.
///
/// After the operation-preference analyses of Ning et al. (2021) and White et al. (2021) (REFERENCE §2). Ranks:
/// 0 = best over the whole sample, stable tie rule of `RankedSample`; positive difference = ranked worse than truth.
public struct OperationBias: Sendable {
    /// Statistics of the architectures holding an operation a given number of times.
    public struct Row: Sendable {
        /// The operation.
        public let operation: NB201Operation
        /// How many of the 6 edges carry it (0…6).
        public let operationCount: Int
        /// Number of usable pairs with that count.
        public let count: Int
        /// Mean over them of (estimator rank − true rank) / N.
        public let meanNormalizedRankDifference: MetricValue
        /// Their members among the estimator's top k, divided by k.
        public let estimatorTopShare: MetricValue
        /// Their members among the true top k, divided by k.
        public let trueTopShare: MetricValue
    }

    /// How often an operation appears among the edges of the top-k architectures.
    public struct Frequency: Sendable {
        /// The operation.
        public let operation: NB201Operation
        /// Edges carrying it among the estimator's top k, divided by 6k.
        public let estimatorTop: MetricValue
        /// Edges carrying it among the true top k, divided by 6k.
        public let trueTop: MetricValue
    }

    /// The cutoff defining "top".
    public let top: Cutoff
    /// k for `top` on the sample.
    public let k: Int
    /// Rows ordered by operation then count; counts no architecture has are left out.
    public let rows: [Row]
    /// One entry per operation, in benchmark order (none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3).
    public let frequencies: [Frequency]

    /// Computes the report for `sample`, whose input pairs are the cells `architectures` (one per input pair, dropped
    /// pairs included).
    ///
    /// - Throws: `EvaluationError.lengthMismatch` when the counts differ.
    public init(sample: PairedSample, architectures: [NB201Architecture], top: Cutoff) throws(EvaluationError) {
        guard architectures.count == sample.inputCount else {
            throw .lengthMismatch(what: "architectures and score/truth pairs", expected: sample.inputCount,
                                  found: architectures.count)
        }
        self.top = top
        var rows: [Row] = []
        for operation in NB201Operation.allCases {
            let report: BucketReport<Int>
            do {
                report = try BucketReport(sample, labels: architectures.map { $0.count(of: operation) }, top: top)
            } catch {
                throw .ranking(error)
            }
            rows += report.buckets.sorted { $0.label < $1.label }.map { bucket in
                Row(operation: operation, operationCount: bucket.label, count: bucket.count,
                    meanNormalizedRankDifference: bucket.meanNormalizedRankDifference,
                    estimatorTopShare: bucket.estimatorTopShare, trueTopShare: bucket.trueTopShare)
            }
        }
        self.rows = rows
        let ranked = RankedSample(sample)
        let k = ranked.k(for: top)
        self.k = k
        let kept = sample.keptIndices.map { architectures[$0] }
        frequencies = NB201Operation.allCases.map { operation in
            guard k >= 1 && k <= ranked.count else {
                let reason: UndefinedReason = k < 1 ? .cutoffBelowOne : .cutoffExceedsSampleSize
                return Frequency(operation: operation, estimatorTop: MetricValue(undefined: reason),
                                 trueTop: MetricValue(undefined: reason))
            }
            func frequency(_ order: [Int]) -> MetricValue {
                let edges = order[0..<k].reduce(0) { $0 + kept[$1].count(of: operation) }
                return MetricValue(Double(edges) / Double(NB201Architecture.edgeCount * k))
            }
            return Frequency(operation: operation, estimatorTop: frequency(ranked.estimatorOrder),
                             trueTop: frequency(ranked.trueOrder))
        }
    }
}
