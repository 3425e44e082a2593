/// Estimator scores paired with ground truth, with every pair holding a NaN or ±infinity dropped and counted.
///
/// Missing-value policy: a pair is kept only when BOTH its score and its truth are finite. Dropped pairs are never
/// turned into numbers; `droppedCount` and `keptIndices` say which were removed, and every criterion is computed on
/// the kept pairs only. Orientation: larger score = better, larger truth = better.
public struct PairedSample: Sendable, Hashable {
    /// The kept scores (finite), in input order.
    public let scores: [Double]
    /// The kept truth values (finite), in input order.
    public let truth: [Double]
    /// For each kept pair, its position in the input arrays (strictly increasing).
    public let keptIndices: [Int]
    /// The number of pairs given, dropped ones included.
    public let inputCount: Int

    /// The number of kept pairs, N.
    public var count: Int { scores.count }

    /// The number of pairs dropped because the score or the truth was NaN or ±infinity.
    public var droppedCount: Int { inputCount - scores.count }

    /// Pairs `scores[i]` with `truth[i]`, dropping pairs where either is NaN or ±infinity.
    ///
    /// - Throws: `RankingError.lengthMismatch` when the lengths differ, `RankingError.emptyInput` when both are
    ///   empty, `RankingError.sampleTooLarge` beyond 4,294,967,295 pairs. A sample whose pairs were all dropped is
    ///   valid and has `count == 0`; its criteria are undefined.
    public init(scores: [Double], truth: [Double]) throws(RankingError) {
        guard scores.count == truth.count else {
            throw .lengthMismatch(scores: scores.count, truth: truth.count)
        }
        guard !scores.isEmpty else { throw .emptyInput }
        guard scores.count <= Int(UInt32.max) else { throw .sampleTooLarge(count: scores.count) }
        inputCount = scores.count
        var allFinite = true
        for index in scores.indices where !(scores[index].isFinite && truth[index].isFinite) {
            allFinite = false
            break
        }
        if allFinite {
            self.scores = scores
            self.truth = truth
            self.keptIndices = Array(scores.indices)
            return
        }
        var keptScores: [Double] = []
        var keptTruth: [Double] = []
        var kept: [Int] = []
        for index in scores.indices where scores[index].isFinite && truth[index].isFinite {
            keptScores.append(scores[index])
            keptTruth.append(truth[index])
            kept.append(index)
        }
        self.scores = keptScores
        self.truth = keptTruth
        self.keptIndices = kept
    }

    /// A sample of already-validated finite pairs (used for sub-samples and resamples).
    init(validScores scores: [Double], truth: [Double], keptIndices: [Int], inputCount: Int) {
        self.scores = scores
        self.truth = truth
        self.keptIndices = keptIndices
        self.inputCount = inputCount
    }

    /// The sub-sample made of the kept pairs at `positions` (positions index the kept pairs, not the input).
    ///
    /// Its `keptIndices` still point into the original input; it reports no dropped pairs of its own.
    public func subsample(_ positions: [Int]) -> PairedSample {
        PairedSample(
            validScores: positions.map { scores[$0] },
            truth: positions.map { truth[$0] },
            keptIndices: positions.map { keptIndices[$0] },
            inputCount: positions.count
        )
    }
}
