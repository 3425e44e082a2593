/// Renders a report as one self-contained HTML5 file: inline CSS and inline SVG, no scripts, no external references.
public enum HTMLRenderer {
    /// The document as a complete HTML page.
    public static func render(_ document: ReportDocument) -> String {
        var counter = 0
        var contents: [(id: String, title: String)] = []
        var body = ""
        for block in document.blocks {
            body += render(block, depth: 2, counter: &counter, contents: &contents)
        }
        var navigation = ""
        if contents.count > 1 {
            navigation = "<nav><strong>Contents</strong><ol>\n"
                + contents.map { "<li><a href=\"#\($0.id)\">\(Markup.escape($0.title))</a></li>" }.joined(separator: "\n")
                + "\n</ol></nav>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escape(document.title))</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            <main>
            <h1>\(Markup.escape(document.title))</h1>
            \(navigation)\(body)</main>
            </body>
            </html>

            """
    }

    /// One block as HTML; top-level sections are numbered and listed in `contents`.
    private static func render(_ block: ReportBlock, depth: Int, counter: inout Int,
                               contents: inout [(id: String, title: String)]) -> String {
        switch block {
        case let .section(title, collapsed, blocks):
            var inner = ""
            for child in blocks { inner += render(child, depth: depth + 1, counter: &counter, contents: &contents) }
            let level = min(depth, 6)
            if collapsed {
                return "<details>\n<summary>\(Markup.escape(title))</summary>\n\(inner)</details>\n"
            }
            counter += 1
            let id = "section-\(counter)"
            if depth == 2 { contents.append((id, title)) }
            return "<section id=\"\(id)\">\n<h\(level)>\(Markup.escape(title))</h\(level)>\n\(inner)</section>\n"
        case let .paragraph(text):
            return "<p>\(Markup.inlineHTML(text))</p>\n"
        case let .bullets(items):
            return "<ul>\n" + items.map { "<li>\(Markup.inlineHTML($0))</li>" }.joined(separator: "\n") + "\n</ul>\n"
        case let .table(table):
            return "<div class=\"table\">\n\(table.html())\n</div>\n"
        case let .figure(figure):
            return "<figure>\n\(figure.svg(standalone: false))\n<figcaption>\(Markup.inlineHTML(figure.caption))"
                + "</figcaption>\n</figure>\n"
        case .notebookCode:
            return ""
        }
    }

    /// The page's style sheet.
    private static let style = """
        body { margin: 0; background: #f4f5f7; color: #1f2328; font: 15px/1.5 "DejaVu Sans", Helvetica, Arial, sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 24px 32px 64px; background: #ffffff; }
        h1 { font-size: 26px; margin: 8px 0 16px; }
        h2 { font-size: 21px; margin: 36px 0 12px; padding-bottom: 4px; border-bottom: 2px solid #d0d7de; }
        h3 { font-size: 17px; margin: 24px 0 8px; }
        h4 { font-size: 15px; margin: 18px 0 6px; }
        nav { background: #f6f8fa; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 16px; margin: 12px 0 20px; }
        nav ol { margin: 4px 0; padding-left: 22px; columns: 2; }
        a { color: #0a58ca; text-decoration: none; }
        code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13px; background: #f3f4f6; padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
        div.table { overflow-x: auto; margin: 8px 0 16px; }
        table { border-collapse: collapse; font-size: 13px; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid #d8dee4; padding: 3px 9px; text-align: left; vertical-align: top; }
        th { background: #f0f3f6; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        .num { text-align: right; }
        td.num { white-space: nowrap; }
        td.undef { color: #8c959f; font-style: italic; }
        figure { margin: 12px 0 24px; }
        figure svg { max-width: 100%; height: auto; border: 1px solid #e5e7eb; border-radius: 4px; background: #ffffff; }
        figcaption { font-size: 13px; color: #57606a; margin-top: 4px; max-width: 900px; }
        details { margin: 8px 0 16px; border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 12px; }
        summary { cursor: pointer; font-weight: bold; padding: 4px 0; }
        """
}
