/// Why a search could not be set up, as a one-line message naming the input and the problem.
public struct SearchEvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is wrong, naming the input.
    public let message: String

    /// Creates an error with a one-line message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
