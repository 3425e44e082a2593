import Foundation

/// Renders a report as a Jupyter notebook (nbformat 4.5): Markdown cells for text and tables, figures as SVG
/// attachments of Markdown cells, and the document's Python code as (unexecuted) code cells.
public enum NotebookRenderer {
    /// The document as notebook JSON.
    public static func render(_ document: ReportDocument) throws -> String {
        var cells: [[String: Any]] = []
        var markdown = "# \(document.title)\n\n"
        func flush() {
            let text = markdown.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { cells.append(cell(type: "markdown", source: text, index: cells.count)) }
            markdown = ""
        }
        func add(_ block: ReportBlock, depth: Int) {
            switch block {
            case let .section(title, _, blocks):
                markdown += String(repeating: "#", count: min(depth, 6)) + " \(title)\n\n"
                for child in blocks { add(child, depth: depth + 1) }
            case let .paragraph(text):
                markdown += text + "\n\n"
            case let .bullets(items):
                markdown += items.map { "- \($0)" }.joined(separator: "\n") + "\n\n"
            case let .table(table):
                markdown += table.markdown() + "\n"
            case let .figure(figure):
                flush()
                let attachment = "\(figure.name).svg"
                var figureCell = cell(type: "markdown", source: "![\(figure.caption)](attachment:\(attachment))\n\n"
                    + "*\(figure.caption)*", index: cells.count)
                figureCell["attachments"] = [attachment: ["image/svg+xml": figure.svg(standalone: true)]]
                cells.append(figureCell)
            case let .notebookCode(code):
                flush()
                var codeCell = cell(type: "code", source: code, index: cells.count)
                codeCell["execution_count"] = NSNull()
                codeCell["outputs"] = [Any]()
                cells.append(codeCell)
            }
        }
        for block in document.blocks { add(block, depth: 2) }
        flush()
        let notebook: [String: Any] = [
            "nbformat": 4,
            "nbformat_minor": 5,
            "metadata": [
                "kernelspec": ["name": "python3", "display_name": "Python 3", "language": "python"],
                "language_info": ["name": "python"],
            ],
            "cells": cells,
        ]
        let data = try JSONSerialization.data(withJSONObject: notebook,
                                              options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A cell of `type` whose source is `source` split into lines (each keeping its newline), with a unique id.
    private static func cell(type: String, source: String, index: Int) -> [String: Any] {
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) + "\n" }
        if !lines.isEmpty { lines[lines.count - 1].removeLast() }
        return ["cell_type": type, "id": "cell-\(index + 1)", "metadata": [String: Any](), "source": lines]
    }
}
