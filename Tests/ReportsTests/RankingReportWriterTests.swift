import Evaluation
import Foundation
import Reports
import Testing

@Suite("writing a report folder")
struct RankingReportWriterTests {
    @Test("every table, the Markdown and HTML reports and one SVG per figure are written")
    func files() throws {
        let directory = try StudyFixture.scratchDirectory().appendingPathComponent("out")
        let study = try StudyFixture.study()
        let written = try RankingReportWriter.write(study, context: StudyFixture.context, to: directory, notebook: nil)
        let names = Set(written.map { $0.path.replacingOccurrences(of: directory.path + "/", with: "") })
        for name in ["criteria.csv", "summary.csv", "correlations.csv", "data.csv", "complexity_bias.csv",
                     "operation_bias.csv", "operation_frequency.csv", "variance.csv", "report.md", "report.html"] {
            #expect(names.contains(name), "\(name)")
        }
        let document = RankingStudyDocument.make(study, context: StudyFixture.context, reportPath: nil)
        #expect(names.filter { $0.hasPrefix("figures/") }.count == document.figures.count)
        let criteria = try String(contentsOf: directory.appendingPathComponent("criteria.csv"), encoding: .utf8)
        let lines = criteria.split(separator: "\n")
        #expect(lines.first == "score,view,criterion,k,n,value,undefined_reason")
        #expect(lines.count == 1 + 2 * study.criteria.count)
        #expect(lines.contains("\"noisy \"\"copy\"\"\",iso,kendall_tau,,160,"
            + "\(study.evaluations[1].report[.kendallTau]!.value),"))
        #expect(lines.contains { $0.hasPrefix("proxy,iso,p_at_top_0.1%,0,158,nan,cutoff_below_one") })
    }

    @Test("a later run without variance removes the earlier variance.csv")
    func staleTables() throws {
        let directory = try StudyFixture.scratchDirectory()
        _ = try RankingReportWriter.write(StudyFixture.study(), context: StudyFixture.context, to: directory, notebook: nil)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("variance.csv").path))
        let table = try StudyFixture.study().table
        let single = try RankingStudy(table: table, buckets: nil, variance: false)
        _ = try RankingReportWriter.write(single, context: StudyFixture.context, to: directory, notebook: nil)
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("variance.csv").path))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("complexity_bias.csv").path))
    }

    @Test("relative paths between folders")
    func relativePaths() {
        let base = URL(fileURLWithPath: "/tmp/project/notebooks-export")
        #expect(RankingReportWriter.relativePath(from: base, to: URL(fileURLWithPath: "/tmp/project/reports/r1")) == "../reports/r1")
        #expect(RankingReportWriter.relativePath(from: base, to: base) == ".")
        #expect(RankingReportWriter.relativePath(from: base, to: URL(fileURLWithPath: "/tmp/project/notebooks-export/a/b")) == "a/b")
    }
}
