import CSQLite

/// A compiled SQL statement: bind parameters (1-based), step through rows, read columns (0-based).
public final class SQLiteStatement {
    let connection: SQLiteConnection
    var handle: OpaquePointer?
    let sql: String

    init(connection: SQLiteConnection, sql: String) throws {
        self.connection = connection
        self.sql = sql
        let status = sqlite3_prepare_v2(connection.handle, sql, -1, &handle, nil)
        guard status == SQLITE_OK else { throw connection.lastError(status, context: "cannot prepare '\(sql)'") }
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds the values in order to parameters 1…n, after resetting the statement.
    @discardableResult
    public func bind(_ values: [SQLiteValue]) throws -> SQLiteStatement {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(handle, index)
            case let .integer(integer): status = sqlite3_bind_int64(handle, index, integer)
            case let .real(real): status = sqlite3_bind_double(handle, index, real)
            case let .text(text): status = sqlite3_bind_text(handle, index, text, -1, csqlite_transient())
            }
            guard status == SQLITE_OK else { throw connection.lastError(status, context: "cannot bind") }
        }
        return self
    }

    /// Advances to the next row; false when the statement is done.
    public func step() throws -> Bool {
        let status = sqlite3_step(handle)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.lastError(status, context: "cannot run '\(sql)'")
        }
    }

    /// Binds `values` and runs the statement to completion.
    public func run(_ values: [SQLiteValue] = []) throws {
        try bind(values)
        while try step() {}
    }

    /// Binds `values` and returns every row, each as its column values.
    public func rows(_ values: [SQLiteValue] = []) throws -> [[SQLiteValue]] {
        try bind(values)
        var rows: [[SQLiteValue]] = []
        while try step() { rows.append((0..<columnCount).map(value(at:))) }
        return rows
    }

    /// Number of columns in each result row.
    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// The value of column `index` (0-based) of the current row.
    public func value(at index: Int) -> SQLiteValue {
        let column = Int32(index)
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, column))
        case SQLITE_NULL: return .null
        default: return .text(String(cString: sqlite3_column_text(handle, column)))
        }
    }

    /// Column `index` of the current row as an integer.
    public func integer(at index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }
    /// Column `index` of the current row as a double.
    public func real(at index: Int) -> Double { sqlite3_column_double(handle, Int32(index)) }
    /// Column `index` of the current row as text (empty for NULL).
    public func text(at index: Int) -> String {
        sqlite3_column_text(handle, Int32(index)).map { String(cString: $0) } ?? ""
    }
    /// Whether column `index` of the current row is NULL.
    public func isNull(at index: Int) -> Bool { sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL }
}

/// A value stored in or bound to SQLite.
public enum SQLiteValue: Equatable, Sendable {
    /// SQL NULL.
    case null
    /// A 64-bit integer.
    case integer(Int64)
    /// A double.
    case real(Double)
    /// UTF-8 text.
    case text(String)

    /// The value as a double, when it is numeric.
    public var doubleValue: Double? {
        switch self {
        case let .integer(value): Double(value)
        case let .real(value): value
        default: nil
        }
    }

    /// The value as text, when it is text.
    public var stringValue: String? { if case let .text(value) = self { value } else { nil } }

    /// The value as an integer, when it is an integer.
    public var integerValue: Int64? { if case let .integer(value) = self { value } else { nil } }
}

extension SQLiteStatement {
    /// Resets the statement so it can run again with new bindings (bindings are kept until replaced).
    public func reset() { sqlite3_reset(handle) }

    /// Binds an integer to parameter `index` (1-based) without allocating.
    public func bind(_ value: Int64, at index: Int32) throws {
        let status = sqlite3_bind_int64(handle, index, value)
        guard status == SQLITE_OK else { throw connection.lastError(status, context: "cannot bind") }
    }

    /// Binds a double to parameter `index` (1-based) without allocating.
    public func bind(_ value: Double, at index: Int32) throws {
        let status = sqlite3_bind_double(handle, index, value)
        guard status == SQLITE_OK else { throw connection.lastError(status, context: "cannot bind") }
    }

    /// Runs a statement that returns no rows with its current bindings, then resets it.
    public func execute() throws {
        defer { sqlite3_reset(handle) }
        let status = sqlite3_step(handle)
        guard status == SQLITE_DONE || status == SQLITE_ROW else {
            throw connection.lastError(status, context: "cannot run '\(sql)'")
        }
    }
}
