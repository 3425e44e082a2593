/// A plain-text table with left-aligned, space-padded columns, for terminal output.
struct TextTable {
    /// Column titles.
    let header: [String]
    /// Cells, one array per row.
    let rows: [[String]]

    /// The table as lines of text, the header first.
    var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingSuffix()
        }.joined(separator: "\n")
    }
}

extension String {
    /// The string without trailing spaces.
    func trimmingSuffix() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}

import Foundation
