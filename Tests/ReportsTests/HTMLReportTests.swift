import Evaluation
import Foundation
import Reports
import Testing

@Suite("HTML and Markdown reports")
struct HTMLReportTests {
    static func document() throws -> (RankingStudy, ReportDocument) {
        let study = try StudyFixture.study()
        return (study, RankingStudyDocument.make(study, context: StudyFixture.context, reportPath: nil))
    }

    @Test("the HTML report is one self-contained file: no external reference, no script, figures inline")
    func selfContained() throws {
        let (_, document) = try Self.document()
        let html = HTMLRenderer.render(document)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for forbidden in ["http://", "https://", "src=", "<link", "<script", "url(", "@import", "<iframe", "<object",
                          "<embed", "xlink:href", "file:"] {
            #expect(!html.lowercased().contains(forbidden), "found \(forbidden)")
        }
        var hrefs: [Substring] = []
        var rest = html[...]
        while let range = rest.range(of: "href=\"") {
            let value = rest[range.upperBound...].prefix { $0 != "\"" }
            hrefs.append(value)
            rest = rest[range.upperBound...]
        }
        #expect(!hrefs.isEmpty)
        #expect(hrefs.allSatisfy { $0.hasPrefix("#section-") }, "\(hrefs)")
        for href in hrefs { #expect(html.contains("id=\"\(href.dropFirst())\"")) }
        let figures = document.figures
        #expect(figures.count >= 8)
        #expect(html.components(separatedBy: "<svg ").count - 1 == figures.count)
        #expect(html.contains("<figcaption>"))
        #expect(html.contains("Bias by complexity") && html.contains("Bias by operation"))
        #expect(html.contains("Variance across score columns") && html.contains("Correlation between estimators"))
    }

    @Test("every figure is a well-formed SVG document, and text in it is escaped")
    func figuresAreXML() throws {
        let (_, document) = try Self.document()
        for figure in document.figures {
            let (ok, problem) = XMLCheck.isWellFormed(figure.svg(standalone: true))
            #expect(ok, "\(figure.name): \(problem ?? "")")
        }
        #expect(!XMLCheck.isWellFormed("<svg><g></svg>").0)
        let scatter = try #require(document.figures.first { $0.name.hasPrefix("scatter-noisy") })
        #expect(scatter.svg(standalone: false).contains("noisy &quot;copy&quot;"))
        #expect(!scatter.name.contains("\""))
    }

    @Test("the HTML report parses as XML apart from its doctype, so no tag is left open")
    func htmlIsBalanced() throws {
        let (_, document) = try Self.document()
        let html = HTMLRenderer.render(document)
            .replacingOccurrences(of: "<!DOCTYPE html>", with: "")
            .replacingOccurrences(of: "<meta charset=\"utf-8\">", with: "<meta charset=\"utf-8\"/>")
            .replacingOccurrences(of: "initial-scale=1\">", with: "initial-scale=1\"/>")
        let (ok, problem) = XMLCheck.isWellFormed(html)
        #expect(ok, "\(problem ?? "")")
    }

    @Test("undefined values are written as 'undefined: reason', never as a number")
    func undefinedValues() throws {
        let (study, document) = try Self.document()
        let markdown = MarkdownRenderer.render(document) { "figures/\($0.name).svg" }
        let undefined = study.evaluations[0].report.entries.filter { !$0.value.isDefined }
        #expect(!undefined.isEmpty)
        for entry in undefined {
            let line = try #require(markdown.split(separator: "\n").first { $0.hasPrefix("| \(entry.name) |") })
            #expect(line.contains("undefined: \(entry.value.undefinedReason!.description)"), "\(line)")
        }
        #expect(markdown.contains("![Score against truth"))
        #expect(markdown.contains("(figures/scatter-proxy.svg)"))
    }
}
