import RankingMetrics

/// Why an evaluation refused its input; every description is one line naming the input and the problem.
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Two aligned arrays differ in length (`what` names them).
    case lengthMismatch(what: String, expected: Int, found: Int)
    /// There is nothing to evaluate (`what` names the empty input).
    case emptyInput(what: String)
    /// An architecture appears twice in one table.
    case duplicateArchitecture(String)
    /// Two score columns have the same name.
    case duplicateColumn(String)
    /// No architecture has both a truth value and an entry in any score column.
    case noCommonArchitectures(truth: String, scores: [String])
    /// An NB201-only feature met a string that is not an NB201 arch string.
    case notNB201(architecture: String, feature: String)
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A CSV file lacks a column.
    case missingColumn(path: String, column: String, available: [String])
    /// A CSV row has a different number of fields than the header.
    case raggedRow(path: String, line: Int, fields: Int, expected: Int)
    /// A CSV cell is neither a number nor a missing-value marker.
    case notANumber(path: String, line: Int, column: String, text: String)
    /// A class view was asked of a table that is already a class view.
    case notAnIsoTable(String)
    /// A column named for quantile buckets is not in the table.
    case unknownCovariate(String)
    /// A bucket count below 1.
    case invalidBucketCount(Int)
    /// A ranking computation refused its input.
    case ranking(RankingError)

    /// A one-line description of the problem.
    public var description: String {
        switch self {
        case let .lengthMismatch(what, expected, found):
            return "\(what) differ in length (\(expected) vs \(found))"
        case let .emptyInput(what):
            return "\(what) is empty: nothing to rank"
        case let .duplicateArchitecture(architecture):
            return "architecture '\(architecture)' appears more than once"
        case let .duplicateColumn(name):
            return "score column '\(name)' is given more than once"
        case let .noCommonArchitectures(truth, scores):
            return "no architecture has both a '\(truth)' value and a score in \(scores.joined(separator: ", "))"
        case let .notNB201(architecture, feature):
            return "\(feature) needs NB201 architectures; '\(architecture)' is not an NB201 arch string"
        case let .unreadableFile(path, reason):
            return "\(path): \(reason)"
        case let .missingColumn(path, column, available):
            return "\(path): no column '\(column)' (columns: \(available.joined(separator: ", ")))"
        case let .raggedRow(path, line, fields, expected):
            return "\(path): line \(line) has \(fields) fields, the header has \(expected)"
        case let .notANumber(path, line, column, text):
            return "\(path): line \(line), column '\(column)': '\(text)' is not a number "
                + "(missing values are empty, nan or inf)"
        case let .notAnIsoTable(view):
            return "views apply to a table with one row per architecture, not to a '\(view)' table"
        case let .unknownCovariate(name):
            return "no column '\(name)' to bucket by"
        case let .invalidBucketCount(count):
            return "bucket count \(count) is below 1"
        case let .ranking(error):
            return error.description
        }
    }
}
