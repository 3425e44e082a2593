/// A problem with an input file, naming the file and what is wrong in one line.
public struct FileError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file concerned.
    public let file: String
    /// What is wrong with it.
    public let problem: String

    /// Creates an error about `file`.
    public init(file: String, problem: String) {
        self.file = file
        self.problem = problem
    }

    /// `<file>: <problem>`.
    public var description: String { "\(file): \(problem)" }
}
