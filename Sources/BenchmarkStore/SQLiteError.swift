/// A failure reported by SQLite or by the store's own checks, naming the database file.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    /// The database file the failure concerns.
    public let path: String
    /// SQLite's result code, or -1 for the store's own checks.
    public let code: Int32
    /// What went wrong, in one line.
    public let message: String

    /// Creates an error for `path` with SQLite result `code` and a one-line `message`.
    public init(path: String, code: Int32 = -1, message: String) {
        self.path = path
        self.code = code
        self.message = message
    }

    /// `<path>: <message>`.
    public var description: String { "\(path): \(message)" }
}
