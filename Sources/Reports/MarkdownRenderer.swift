/// Renders a report as GitHub-flavoured Markdown; figures are linked as SVG files written beside the report.
public enum MarkdownRenderer {
    /// The document as Markdown; `figurePath` gives the relative path each figure's SVG file is written to.
    public static func render(_ document: ReportDocument, figurePath: (SVGFigure) -> String) -> String {
        var text = "# \(document.title)\n\n"
        for block in document.blocks { text += render(block, depth: 2, figurePath: figurePath) }
        return text
    }

    /// One block as Markdown.
    private static func render(_ block: ReportBlock, depth: Int, figurePath: (SVGFigure) -> String) -> String {
        switch block {
        case let .section(title, _, blocks):
            return String(repeating: "#", count: min(depth, 6)) + " \(title)\n\n"
                + blocks.map { render($0, depth: depth + 1, figurePath: figurePath) }.joined()
        case let .paragraph(text):
            return text + "\n\n"
        case let .bullets(items):
            return items.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
        case let .table(table):
            return table.markdown() + "\n"
        case let .figure(figure):
            return "![\(figure.caption)](\(figurePath(figure)))\n\n*\(figure.caption)*\n\n"
        case .notebookCode:
            return ""
        }
    }
}
