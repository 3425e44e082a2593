/// A table of text cells that every report format can render: CSV, Markdown and HTML.
public struct ReportTable: Sendable {
    /// Column titles.
    public let header: [String]
    /// Rows of cells, each with one cell per column.
    public let rows: [[String]]
    /// For each column, whether it holds numbers (right-aligned).
    public let numeric: [Bool]

    /// Creates a table; `numeric` defaults to every column but the first.
    public init(header: [String], rows: [[String]], numeric: [Bool]? = nil) {
        self.header = header
        self.rows = rows
        self.numeric = numeric ?? header.indices.map { $0 > 0 }
    }

    /// The table as CSV (RFC 4180 quoting), header first, ending with a newline.
    public func csv() -> String {
        ([header] + rows).map { $0.map(Markup.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// The table as a GitHub-flavoured Markdown table, ending with a newline.
    public func markdown() -> String {
        let head = "| " + header.map(Markup.markdownCell).joined(separator: " | ") + " |"
        let rule = "|" + numeric.map { $0 ? "---:|" : "---|" }.joined()
        let body = rows.map { "| " + $0.map(Markup.markdownCell).joined(separator: " | ") + " |" }
        return ([head, rule] + body).joined(separator: "\n") + "\n"
    }

    /// The table as an HTML `<table>`; cells reading `undefined…` are greyed.
    public func html() -> String {
        var html = "<table>\n<thead><tr>"
        for (index, title) in header.enumerated() {
            html += "<th\(numeric[index] ? " class=\"num\"" : "")>\(Markup.escape(title))</th>"
        }
        html += "</tr></thead>\n<tbody>\n"
        for row in rows {
            html += "<tr>"
            for (index, cell) in row.enumerated() {
                var classes: [String] = []
                if index < numeric.count && numeric[index] { classes.append("num") }
                if cell.hasPrefix("undefined") { classes.append("undef") }
                let attribute = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                html += "<td\(attribute)>\(Markup.escape(cell))</td>"
            }
            html += "</tr>\n"
        }
        return html + "</tbody>\n</table>"
    }
}
