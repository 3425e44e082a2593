import Foundation
import RankingMetrics
import SearchSpaces

/// How architectures are grouped for the complexity-bias report.
public enum BucketScheme: Sendable, Equatable {
    /// NB201: the 28 exact levels (#1x1 convolutions, #3x3 convolutions), which fix params and FLOPs.
    case nb201ComplexityLevels
    /// `count` quantile buckets of a covariate column (e.g. FLOPs, for spaces other than NB201).
    ///
    /// Cut points are the type-7 quantiles j/count (j = 1 ..< count) of the finite covariate values; a value equal
    /// to a cut point goes to the lower bucket, so tied values always share a bucket and buckets may be unequal or
    /// missing. Rows without a finite covariate form a bucket labelled `missing`.
    case quantiles(covariate: String, count: Int)
}

/// Bias of one estimator across complexity buckets: per bucket n, Kendall tau and Spearman rho within the bucket,
/// mean normalised rank difference (estimator − truth) and the bucket's share of the estimator's and of the true top k.
///
/// Computed by `BucketReport` (RankingMetrics), after the bias analyses of Ning et al. (2021) and White et al. (2021),
/// "How Powerful are Performance Predictors in Neural Architecture Search?". Ranks: 0 = best over the whole sample; a
/// positive mean difference means the estimator ranks the bucket WORSE than the truth does.
public struct BiasTable: Sendable {
    /// One bucket.
    public struct Row: Sendable {
        /// The bucket's label, e.g. `(2, 1)` for two 1x1 and one 3x3 convolutions.
        public let label: String
        /// The number of usable pairs in the bucket.
        public let count: Int
        /// Kendall's tau-b within the bucket.
        public let kendallTau: MetricValue
        /// Spearman's rho within the bucket.
        public let spearmanRho: MetricValue
        /// Mean over the bucket of (estimator rank − true rank) / N.
        public let meanNormalizedRankDifference: MetricValue
        /// The bucket's members among the estimator's top k, divided by k.
        public let estimatorTopShare: MetricValue
        /// The bucket's members among the true top k, divided by k.
        public let trueTopShare: MetricValue
    }

    /// What the labels mean, e.g. `(#1x1, #3x3)`.
    public let grouping: String
    /// The cutoff defining "top".
    public let top: Cutoff
    /// k for `top` on the sample.
    public let k: Int
    /// The buckets in increasing complexity.
    public let rows: [Row]

    /// Groups the rows of `table` (whose scores and truth made `sample`) by `scheme` and reports every bucket.
    ///
    /// - Throws: `EvaluationError.notNB201`, `.unknownCovariate`, `.invalidBucketCount` or a ranking error.
    public init(sample: PairedSample, table: RankingTable, scheme: BucketScheme, top: Cutoff) throws(EvaluationError) {
        self.top = top
        switch scheme {
        case .nb201ComplexityLevels:
            grouping = "(#1x1, #3x3)"
            var labels: [Int] = []
            labels.reserveCapacity(table.count)
            for text in table.architectures {
                guard let architecture = try? NB201Architecture(archString: text) else {
                    throw .notNB201(architecture: text, feature: "complexity levels")
                }
                labels.append(architecture.count(of: .conv1x1) + 9 * architecture.count(of: .conv3x3))
            }
            let result = try Self.rows(sample, labels: labels, top: top) { "(\($0 % 9), \($0 / 9))" }
            k = result.k
            rows = result.rows
        case let .quantiles(name, count):
            guard count >= 1 else { throw .invalidBucketCount(count) }
            guard let covariate = table.covariates.first(where: { $0.name == name })
                    ?? table.columns.first(where: { $0.name == name }) else {
                throw .unknownCovariate(name)
            }
            grouping = "\(name) quantile bucket (of \(count))"
            let finite = covariate.values.filter(\.isFinite).sorted()
            let cuts = finite.isEmpty ? [] : (1..<count).map { Self.quantile(finite, Double($0) / Double(count)) }
            let labels = covariate.values.map { value in
                value.isFinite ? cuts.count { value > $0 } : Int.max
            }
            var ranges: [Int: (low: Double, high: Double)] = [:]
            for (label, value) in zip(labels, covariate.values) where value.isFinite {
                let range = ranges[label] ?? (value, value)
                ranges[label] = (Swift.min(range.low, value), Swift.max(range.high, value))
            }
            let result = try Self.rows(sample, labels: labels, top: top) { label in
                guard let range = ranges[label] else { return "missing" }
                return "Q\(label + 1) [\(Self.compact(range.low)), \(Self.compact(range.high))]"
            }
            k = result.k
            rows = result.rows
        }
    }

    /// BucketReport rows for integer labels (ascending), each described by `describe`.
    private static func rows(_ sample: PairedSample, labels: [Int], top: Cutoff,
                             describe: (Int) -> String) throws(EvaluationError) -> (k: Int, rows: [Row]) {
        let report: BucketReport<Int>
        do { report = try BucketReport(sample, labels: labels, top: top) } catch {
            throw .ranking(error)
        }
        let rows = report.buckets.sorted { $0.label < $1.label }.map { bucket in
            Row(label: describe(bucket.label), count: bucket.count, kendallTau: bucket.kendallTau,
                spearmanRho: bucket.spearmanRho, meanNormalizedRankDifference: bucket.meanNormalizedRankDifference,
                estimatorTopShare: bucket.estimatorTopShare, trueTopShare: bucket.trueTopShare)
        }
        return (report.k, rows)
    }

    /// The type-7 quantile (numpy's default "linear") of ascending `sorted` values.
    static func quantile(_ sorted: [Double], _ probability: Double) -> Double {
        let position = Double(sorted.count - 1) * probability
        let below = Int(position.rounded(.down))
        guard below + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[below] + (sorted[below + 1] - sorted[below]) * (position - Double(below))
    }

    /// A number with 4 significant digits, for labels.
    static func compact(_ value: Double) -> String {
        String(format: "%.4g", value)
    }
}
