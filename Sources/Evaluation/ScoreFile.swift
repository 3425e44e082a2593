import CSV
import Foundation

/// A CSV file of architectures, scores and truth, one row per architecture, as `nasbench rank --csv` reads it.
///
/// Missing-value policy: an empty cell is an absent score, `nan` / `inf` / `-inf` (any case) a non-finite one; both
/// are dropped by every criterion and counted. Any other text that is not a number is an error naming the line.
public struct ScoreFile: Sendable {
    /// The file's path, as given.
    public let path: String
    /// The header row.
    public let header: [String]
    /// The data rows, each with one field per header column.
    public let rows: [[String]]
    /// The line of every data row (the header is line 1).
    public let lines: [Int]

    /// Reads the file; every row must have as many fields as the header.
    ///
    /// - Throws: `EvaluationError.unreadableFile` (missing file, not UTF-8, no header) or `.raggedRow`.
    public init(path: String) throws(EvaluationError) {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .unreadableFile(path: path, reason: "no such file")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .unreadableFile(path: path, reason: "cannot read the file as UTF-8 text")
        }
        guard let reader = try? CSVReader(string: text, hasHeaderRow: true),
              let header = reader.headerRow, !(header.count == 1 && header[0].isEmpty), !header.isEmpty else {
            throw .unreadableFile(path: path, reason: "the CSV file has no header row")
        }
        var rows: [[String]] = []
        var lines: [Int] = []
        var line = 1
        while let fields = reader.next() {
            line += 1
            if fields.count == 1 && fields[0].isEmpty { continue }
            guard fields.count == header.count else {
                throw .raggedRow(path: path, line: line, fields: fields.count, expected: header.count)
            }
            rows.append(fields)
            lines.append(line)
        }
        self.init(path: path, header: header, rows: rows, lines: lines)
    }

    /// Memberwise.
    private init(path: String, header: [String], rows: [[String]], lines: [Int]) {
        self.path = path
        self.header = header
        self.rows = rows
        self.lines = lines
    }

    /// Whether the file has a column called `name`.
    public func hasColumn(_ name: String) -> Bool { header.contains(name) }

    /// The rows whose `column` field satisfies `keep` (e.g. one dataset of a long table).
    ///
    /// - Throws: `EvaluationError.missingColumn`.
    public func filtered(column: String, keep: (String) -> Bool) throws(EvaluationError) -> ScoreFile {
        let index = try position(of: column)
        let kept = rows.indices.filter { keep(rows[$0][index]) }
        return ScoreFile(path: path, header: header, rows: kept.map { rows[$0] }, lines: kept.map { lines[$0] })
    }

    /// The text of `column` in every row.
    ///
    /// - Throws: `EvaluationError.missingColumn`.
    public func texts(_ column: String) throws(EvaluationError) -> [String] {
        let index = try position(of: column)
        return rows.map { $0[index] }
    }

    /// The numbers of `column`: NaN for an empty cell or `nan`, ±infinity for `inf` / `-inf`.
    ///
    /// - Throws: `EvaluationError.missingColumn` or `.notANumber`.
    public func numbers(_ column: String) throws(EvaluationError) -> [Double] {
        try cells(column).map(\.value)
    }

    /// `column` as a score column: empty cells are `.absent`, non-finite numbers `.nonFinite`.
    ///
    /// - Throws: `EvaluationError.missingColumn` or `.notANumber`.
    public func scoreColumn(_ column: String, source: String) throws(EvaluationError) -> ScoreColumn {
        let cells = try cells(column)
        return try ScoreColumn(name: column, source: source, values: cells.map(\.value), statuses: cells.map(\.status))
    }

    /// Every cell of `column` parsed, with its status.
    private func cells(_ column: String) throws(EvaluationError) -> [(value: Double, status: ScoreStatus)] {
        let index = try position(of: column)
        var cells: [(Double, ScoreStatus)] = []
        cells.reserveCapacity(rows.count)
        for (row, fields) in rows.enumerated() {
            let text = fields[index].trimmingCharacters(in: .whitespaces)
            if text.isEmpty {
                cells.append((.nan, .absent))
                continue
            }
            guard let value = Double(text) ?? Self.nonFinite(text) else {
                throw .notANumber(path: path, line: lines[row], column: column, text: fields[index])
            }
            cells.append((value, value.isFinite ? .value : .nonFinite))
        }
        return cells
    }

    /// The non-finite value spelled `text` (`nan`, `inf`, `-inf`, `infinity` in any case), or nil.
    private static func nonFinite(_ text: String) -> Double? {
        switch text.lowercased() {
        case "nan", "-nan", "+nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: return nil
        }
    }

    /// The index of `column`, or a one-line error listing the columns.
    private func position(of column: String) throws(EvaluationError) -> Int {
        guard let index = header.firstIndex(of: column) else {
            throw .missingColumn(path: path, column: column, available: header)
        }
        return index
    }
}
