/// A report as a format-neutral list of blocks, rendered to HTML, Markdown or a Jupyter notebook.
public struct ReportDocument: Sendable {
    /// The report's title.
    public var title: String
    /// The content, in reading order.
    public var blocks: [ReportBlock]

    /// Creates a document.
    public init(title: String, blocks: [ReportBlock] = []) {
        self.title = title
        self.blocks = blocks
    }

    /// Every figure of the document, nested ones included, in reading order.
    public var figures: [SVGFigure] {
        func collect(_ blocks: [ReportBlock]) -> [SVGFigure] {
            blocks.flatMap { block -> [SVGFigure] in
                switch block {
                case let .figure(figure): return [figure]
                case let .section(_, _, children): return collect(children)
                default: return []
                }
            }
        }
        return collect(blocks)
    }
}

/// One block of a report.
public indirect enum ReportBlock: Sendable {
    /// A titled section (level 2 or deeper) holding further blocks; `collapsed` sections start folded in HTML.
    case section(title: String, collapsed: Bool, blocks: [ReportBlock])
    /// A paragraph; text between backticks is code.
    case paragraph(String)
    /// A bulleted list; text between backticks is code.
    case bullets([String])
    /// A table.
    case table(ReportTable)
    /// A figure with its caption.
    case figure(SVGFigure)
    /// Python code, shown only in the notebook (as a code cell).
    case notebookCode(String)
}
