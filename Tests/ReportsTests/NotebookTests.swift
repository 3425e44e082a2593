import Evaluation
import Foundation
import Reports
import Testing

@Suite("Jupyter notebook export")
struct NotebookTests {
    @Test("the notebook validates with nbformat and embeds tables and every figure as an SVG attachment")
    func validates() throws {
        let directory = try StudyFixture.scratchDirectory()
        let study = try StudyFixture.study(view: .deiso)
        let report = directory.appendingPathComponent("reports/rank-test")
        let notebook = directory.appendingPathComponent("notebooks-export/rank-test.ipynb")
        _ = try RankingReportWriter.write(study, context: StudyFixture.context, to: report, notebook: notebook)
        let check = """
            import json, sys, nbformat
            notebook = nbformat.read(sys.argv[1], as_version=4)
            nbformat.validate(notebook)
            attachments = sum(len(cell.get("attachments", {})) for cell in notebook.cells)
            code = sum(1 for cell in notebook.cells if cell.cell_type == "code")
            tables = sum(cell.source.count("|---") for cell in notebook.cells if cell.cell_type == "markdown")
            print(json.dumps({"nbformat": notebook.nbformat, "minor": notebook.nbformat_minor,
                              "attachments": attachments, "code": code, "tables": tables}))
            """
        guard let result = try StudyFixture.python(["-c", check, notebook.path]) else {
            print("SKIPPED: validates: python3 cannot be started")
            return
        }
        #expect(result.status == 0, "\(result.output)")
        let summary = try #require(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Int])
        let document = RankingStudyDocument.make(study, context: StudyFixture.context, reportPath: "x")
        #expect(summary["nbformat"] == 4)
        #expect(summary["minor"] == 5)
        #expect(summary["attachments"] == document.figures.count)
        #expect(summary["code"] == 2)
        #expect((summary["tables"] ?? 0) >= 5)
    }

    @Test("a notebook broken on purpose fails the same validation, so the check can fail")
    func invalidNotebookFails() throws {
        let directory = try StudyFixture.scratchDirectory()
        let url = directory.appendingPathComponent("broken.ipynb")
        try #"{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "markdown", "source": "x"}]}"#
            .write(to: url, atomically: true, encoding: .utf8)
        let validate = "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))"
        guard let result = try StudyFixture.python(["-c", validate, url.path]) else {
            print("SKIPPED: invalidNotebookFails: python3 cannot be started")
            return
        }
        #expect(result.status != 0)
    }

    @Test("the notebook's code cells reload the CSV files with pandas and recompute tau and rho like NASBench")
    func codeCellsRun() throws {
        let directory = try StudyFixture.scratchDirectory()
        let study = try StudyFixture.study()
        let report = directory.appendingPathComponent("reports/rank-test")
        let notebook = directory.appendingPathComponent("notebooks-export/rank-test.ipynb")
        _ = try RankingReportWriter.write(study, context: StudyFixture.context, to: report, notebook: notebook)
        let run = """
            import json, sys
            cells = json.load(open(sys.argv[1]))["cells"]
            exec("\\n".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "code"))
            """
        guard let result = try StudyFixture.python(["-c", run, notebook.path], in: notebook.deletingLastPathComponent()) else {
            print("SKIPPED: codeCellsRun: python3 cannot be started")
            return
        }
        #expect(result.status == 0, "\(result.output)")
        for evaluation in study.evaluations {
            let name = evaluation.column.name
            let line = try #require(result.output.split(separator: "\n").first { $0.hasPrefix("\(name): ") }, "\(result.output)")
            let fields = Dictionary(uniqueKeysWithValues: line.dropFirst(name.count + 2).split(separator: " ").map {
                let parts = $0.split(separator: "=")
                return (String(parts[0]), Double(parts[1])!)
            })
            #expect(fields["n"] == Double(evaluation.sample.count))
            #expect(abs(fields["kendall_tau"]! - evaluation.report[.kendallTau]!.value) < 1e-12)
            #expect(abs(fields["spearman_rho"]! - evaluation.report[.spearmanRho]!.value) < 1e-12)
        }
    }
}
