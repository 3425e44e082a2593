/// Why a criterion has no value for a sample; the value is then NaN.
public enum UndefinedReason: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Fewer than two pairs remain, so no pair can be compared.
    case fewerThanTwoPairs = "fewer_than_two_pairs"
    /// Every score is equal: correlation with a constant is 0/0.
    case constantScores = "constant_scores"
    /// Every truth value is equal: correlation with a constant is 0/0.
    case constantTruth = "constant_truth"
    /// The cutoff selects no item: k = floor(N * ratio) < 1 (skipped, as in the literature).
    case cutoffBelowOne = "cutoff_below_one"
    /// The cutoff asks for more items than the sample holds.
    case cutoffExceedsSampleSize = "cutoff_exceeds_sample_size"
    /// No value was defined to aggregate (every bootstrap replicate or every score column was undefined).
    case noDefinedValues = "no_defined_values"
    /// A sample standard deviation needs at least two defined values.
    case fewerThanTwoDefinedValues = "fewer_than_two_defined_values"

    /// A one-line, human-readable explanation.
    public var description: String {
        switch self {
        case .fewerThanTwoPairs: return "fewer than 2 pairs"
        case .constantScores: return "all scores are tied"
        case .constantTruth: return "all truth values are tied"
        case .cutoffBelowOne: return "k = floor(N * ratio) < 1"
        case .cutoffExceedsSampleSize: return "k exceeds the number of pairs"
        case .noDefinedValues: return "no defined value to aggregate"
        case .fewerThanTwoDefinedValues: return "fewer than 2 defined values"
        }
    }
}
