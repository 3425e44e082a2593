/// Why a ranking computation refused its input (as opposed to an undefined result, which is a `MetricValue`).
public enum RankingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The score and truth arrays have different lengths.
    case lengthMismatch(scores: Int, truth: Int)
    /// Both arrays are empty: there is nothing to rank.
    case emptyInput
    /// More pairs than the 32-bit indices of the sorting kernels can address (4,294,967,295).
    case sampleTooLarge(count: Int)
    /// Bucket labels must be given for every input pair, dropped ones included.
    case labelCountMismatch(labels: Int, pairs: Int)
    /// A cutoff ratio must lie in (0, 1].
    case invalidRatio(Double)
    /// A cutoff count must be at least 1.
    case invalidCount(Int)
    /// A bootstrap needs at least one resample.
    case invalidResampleCount(Int)
    /// A confidence level must lie strictly between 0 and 1.
    case invalidConfidenceLevel(Double)
    /// A variance report needs at least one score column.
    case noScoreColumns

    /// A one-line description of the error.
    public var description: String {
        switch self {
        case let .lengthMismatch(scores, truth):
            return "scores and truth differ in length (\(scores) vs \(truth))"
        case .emptyInput:
            return "scores and truth are empty"
        case let .sampleTooLarge(count):
            return "\(count) pairs exceed the supported maximum of \(UInt32.max)"
        case let .labelCountMismatch(labels, pairs):
            return "\(labels) bucket labels given for \(pairs) input pairs"
        case let .invalidRatio(ratio):
            return "cutoff ratio \(ratio) is outside (0, 1]"
        case let .invalidCount(count):
            return "cutoff count \(count) is below 1"
        case let .invalidResampleCount(count):
            return "bootstrap resample count \(count) is below 1"
        case let .invalidConfidenceLevel(level):
            return "confidence level \(level) is outside (0, 1)"
        case .noScoreColumns:
            return "no score columns were given"
        }
    }
}
