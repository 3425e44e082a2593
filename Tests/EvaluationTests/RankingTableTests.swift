import Evaluation
import RankingMetrics
import Testing

@Suite("joining scores with truth")
struct RankingTableTests {
    @Test("join: rows need truth and an entry in some column; absent, failed and non-finite entries are counted")
    func join() throws {
        let truth = ["a": 1.0, "b": 2.0, "c": 3.0, "d": 4.0, "e": 5.0]
        let first = ScoreInput(name: "first", source: "test", values: ["a": 0.5, "b": .nan, "x": 9],
                               failures: ["c": "out of memory"])
        let second = ScoreInput(name: "second", source: "test", values: ["a": 1, "d": -.infinity])
        let table = try RankingTable.join(truthName: "acc", truth: truth, scores: [first, second], by: (<))
        #expect(table.architectures == ["a", "b", "c", "d"])
        #expect(table.truth == [1, 2, 3, 4])
        #expect(table.truthOnlyCount == 1)
        let firstColumn = try #require(table.column(named: "first"))
        #expect(firstColumn.statuses == [.value, .nonFinite, .failed, .absent])
        #expect(firstColumn.missing == MissingValueCounts(failed: 1, nonFinite: 1, absent: 1, withoutTruth: 1))
        let secondColumn = try #require(table.column(named: "second"))
        #expect(secondColumn.statuses == [.value, .absent, .absent, .nonFinite])
        #expect(secondColumn.missing.missingRows == 3)
        let sample = try table.sample(firstColumn)
        #expect(sample.count == 1)
        #expect(sample.droppedCount == 3)
    }

    @Test("join orders rows with the given order, which decides ties")
    func order() throws {
        let truth = ["a": 1.0, "b": 1.0, "c": 2.0]
        let scores = ScoreInput(name: "s", source: "test", values: ["a": 1, "b": 1, "c": 1])
        let reversed = try RankingTable.join(truthName: "t", truth: truth, scores: [scores], by: (>))
        #expect(reversed.architectures == ["c", "b", "a"])
    }

    @Test("bad input is a one-line error")
    func badInput() throws {
        let column = ScoreColumn(name: "s", source: "test", values: [1, 2])
        #expect(throws: EvaluationError.lengthMismatch(what: "architectures and truth 't'", expected: 2, found: 3)) {
            try RankingTable(architectures: ["a", "b"], truthName: "t", truth: [1, 2, 3], columns: [column])
        }
        #expect(throws: EvaluationError.lengthMismatch(what: "architectures and scores 's'", expected: 3, found: 2)) {
            try RankingTable(architectures: ["a", "b", "c"], truthName: "t", truth: [1, 2, 3], columns: [column])
        }
        #expect(throws: EvaluationError.emptyInput(what: "the table")) {
            try RankingTable(architectures: [], truthName: "t", truth: [], columns: [column])
        }
        #expect(throws: EvaluationError.emptyInput(what: "the list of score columns")) {
            try RankingTable(architectures: ["a"], truthName: "t", truth: [1], columns: [])
        }
        #expect(throws: EvaluationError.duplicateArchitecture("a")) {
            try RankingTable(architectures: ["a", "a"], truthName: "t", truth: [1, 2], columns: [column])
        }
        #expect(throws: EvaluationError.duplicateColumn("s")) {
            try RankingTable(architectures: ["a", "b"], truthName: "t", truth: [1, 2], columns: [column, column])
        }
        #expect(throws: EvaluationError.noCommonArchitectures(truth: "t", scores: ["s"])) {
            try RankingTable.join(truthName: "t", truth: ["a": 1], scores: [ScoreInput(name: "s", source: "", values: ["b": 1])],
                                  by: (<))
        }
        #expect(throws: EvaluationError.lengthMismatch(what: "values and statuses of 's'", expected: 2, found: 1)) {
            try ScoreColumn(name: "s", source: "", values: [1, 2], statuses: [.value])
        }
        #expect(EvaluationError.lengthMismatch(what: "architectures and truth 't'", expected: 2, found: 3).description
            == "architectures and truth 't' differ in length (2 vs 3)")
        #expect(EvaluationError.emptyInput(what: "the table").description == "the table is empty: nothing to rank")
    }

    @Test("an all-tied column gives undefined correlations with their reason, never a crash")
    func allTied() throws {
        let table = try RankingTable(architectures: ["a", "b", "c"], truthName: "t", truth: [1, 2, 3],
                                     columns: [ScoreColumn(name: "flat", source: "test", values: [4, 4, 4])])
        let study = try RankingStudy(table: table, buckets: nil, variance: false)
        let report = study.evaluations[0].report
        #expect(report[.kendallTau]?.undefinedReason == .constantScores)
        #expect(report[.spearmanRho]?.undefinedReason == .constantScores)
        #expect(report[.kendallTau]?.value.isNaN == true)
        #expect(study.evaluations[0].distinctScores == 1)
    }
}
