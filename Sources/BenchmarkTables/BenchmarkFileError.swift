/// A problem with a benchmark file (CSV, JSON, HDF5) or table, naming the file and what is wrong in one line.
public struct BenchmarkFileError: Error, CustomStringConvertible, Equatable, Sendable {
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
