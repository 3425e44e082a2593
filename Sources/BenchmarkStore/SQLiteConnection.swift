import CSQLite
import Foundation

/// An open SQLite database: statements, transactions and errors that name the file.
///
/// Not thread-safe: use one connection per thread.
public final class SQLiteConnection {
    /// The database file.
    public let path: String
    private(set) var handle: OpaquePointer?

    /// Opens (and, unless `readOnly`, creates) the database at `path`.
    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        if readOnly && !FileManager.default.fileExists(atPath: path) {
            throw SQLiteError(path: path, message: "no such database file")
        }
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var database: OpaquePointer?
        let status = sqlite3_open_v2(path, &database, flags | SQLITE_OPEN_NOMUTEX, nil)
        handle = database
        guard status == SQLITE_OK else {
            let message = database.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close_v2(database)
            handle = nil
            throw SQLiteError(path: path, code: status, message: message)
        }
        sqlite3_busy_timeout(handle, 10_000)
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more SQL statements that return no rows.
    public func execute(_ sql: String) throws {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        if status != SQLITE_OK {
            let message = errorMessage.map { String(cString: $0) } ?? "error \(status)"
            sqlite3_free(errorMessage)
            throw SQLiteError(path: path, code: status, message: message)
        }
    }

    /// Compiles `sql` into a reusable statement.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        try SQLiteStatement(connection: self, sql: sql)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`, rolling back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// The rowid of the most recent successful INSERT.
    public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// Number of rows changed by the most recent statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    /// An error describing the connection's most recent failure.
    func lastError(_ status: Int32, context: String) -> SQLiteError {
        SQLiteError(path: path, code: status, message: "\(context): \(String(cString: sqlite3_errmsg(handle)))")
    }
}
