import Evaluation
import Foundation

/// Writes every file of a ranking report into one folder (CSV tables, `report.md` with `figures/*.svg`, a
/// self-contained `report.html`) and, when asked, a Jupyter notebook elsewhere.
public enum RankingReportWriter {
    /// The CSV files a report may hold; ones a study does not produce are removed from the folder so no stale table
    /// survives from an earlier run.
    static let optionalTables = ["complexity_bias.csv", "operation_bias.csv", "operation_frequency.csv", "variance.csv"]

    /// Writes the report of `study` into `directory` (created if needed) and, with `notebook`, the notebook at that
    /// path; returns every file written, in writing order.
    public static func write(_ study: RankingStudy, context: RankingReportContext, to directory: URL,
                             notebook: URL?) throws -> [URL] {
        let manager = FileManager.default
        let figures = directory.appendingPathComponent("figures", isDirectory: true)
        try manager.createDirectory(at: figures, withIntermediateDirectories: true)
        for stale in (try? manager.contentsOfDirectory(atPath: figures.path)) ?? [] where stale.hasSuffix(".svg") {
            try manager.removeItem(at: figures.appendingPathComponent(stale))
        }
        var written: [URL] = []
        func save(_ text: String, _ url: URL) throws {
            try text.write(to: url, atomically: true, encoding: .utf8)
            written.append(url)
        }
        var tables: [(String, ReportTable)] = [
            ("criteria.csv", RankingStudyTables.criteria(study)),
            ("summary.csv", RankingStudyTables.summary(study)),
            ("correlations.csv", RankingStudyTables.correlations(study)),
            ("data.csv", RankingStudyTables.data(study)),
        ]
        let optional: [(String, ReportTable?)] = [
            ("complexity_bias.csv", RankingStudyTables.complexityBias(study)),
            ("operation_bias.csv", RankingStudyTables.operationBias(study)),
            ("operation_frequency.csv", RankingStudyTables.operationFrequency(study)),
            ("variance.csv", RankingStudyTables.variance(study)),
        ]
        for (name, table) in optional {
            if let table {
                tables.append((name, table))
            } else if manager.fileExists(atPath: directory.appendingPathComponent(name).path) {
                try manager.removeItem(at: directory.appendingPathComponent(name))
            }
        }
        for (name, table) in tables { try save(table.csv(), directory.appendingPathComponent(name)) }

        let reportPath = notebook.map { relativePath(from: $0.deletingLastPathComponent(), to: directory) }
        let document = RankingStudyDocument.make(study, context: context, reportPath: reportPath)
        for figure in document.figures {
            try save(figure.svg(standalone: true), figures.appendingPathComponent("\(figure.name).svg"))
        }
        try save(MarkdownRenderer.render(document) { "figures/\($0.name).svg" }, directory.appendingPathComponent("report.md"))
        try save(HTMLRenderer.render(document), directory.appendingPathComponent("report.html"))
        if let notebook {
            try manager.createDirectory(at: notebook.deletingLastPathComponent(), withIntermediateDirectories: true)
            try save(NotebookRenderer.render(document), notebook)
        }
        return written
    }

    /// The relative path from folder `base` to `target` (both made absolute and standardised), e.g. `../reports/x`.
    public static func relativePath(from base: URL, to target: URL) -> String {
        let from = base.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let to = target.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var common = 0
        while common < from.count && common < to.count && from[common] == to[common] { common += 1 }
        let parts = Array(repeating: "..", count: from.count - common) + to[common...]
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}
