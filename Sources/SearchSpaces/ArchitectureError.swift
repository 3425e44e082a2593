/// Why an architecture description could not be read.
public enum ArchitectureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An arch string that does not follow the NB201 grammar; `problem` names the offending token.
    case malformedArchString(String, problem: String)
    /// A 6-choice encoding with the wrong length or an op index out of range.
    case invalidEncoding([Int], reason: String)

    /// A one-line message naming the input and what is wrong with it.
    public var description: String {
        switch self {
        case let .malformedArchString(string, problem):
            "invalid NB201 arch string '\(string)': \(problem)"
        case let .invalidEncoding(encoding, reason):
            "invalid NB201 encoding \(encoding): \(reason)"
        }
    }
}
