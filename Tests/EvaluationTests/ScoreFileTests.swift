import Evaluation
import Foundation
import Testing

@Suite("reading score CSV files")
struct ScoreFileTests {
    static func write(_ text: String) throws -> String {
        let url = try FixtureFiles.scratchFile("scores.csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("empty cells are absent, nan and inf non-finite; other text is an error naming the line")
    func cells() throws {
        let path = try Self.write("arch,score,truth\na,1.5,2\nb,,3\nc,nan,4\nd,-inf,5\ne,INF,6\n")
        let file = try ScoreFile(path: path)
        #expect(file.lines == [2, 3, 4, 5, 6])
        let column = try file.scoreColumn("score", source: "test")
        #expect(column.statuses == [.value, .absent, .nonFinite, .nonFinite, .nonFinite])
        #expect(column.values[3] == -.infinity && column.values[4] == .infinity)
        #expect(column.missing == MissingValueCounts(nonFinite: 3, absent: 1))
        #expect(try file.numbers("truth") == [2, 3, 4, 5, 6])
        let bad = try ScoreFile(path: Self.write("arch,score\na,1\nb,oops\n"))
        #expect(throws: EvaluationError.notANumber(path: bad.path, line: 3, column: "score", text: "oops")) {
            try bad.numbers("score")
        }
    }

    @Test("a missing column names the file and lists the columns")
    func missingColumn() throws {
        let path = try Self.write("arch,score\na,1\n")
        let file = try ScoreFile(path: path)
        #expect(throws: EvaluationError.missingColumn(path: path, column: "acc", available: ["arch", "score"])) {
            try file.numbers("acc")
        }
        #expect(EvaluationError.missingColumn(path: path, column: "acc", available: ["arch", "score"]).description
            == "\(path): no column 'acc' (columns: arch, score)")
    }

    @Test("ragged rows, a missing file and a file without header are one-line errors")
    func badFiles() throws {
        let ragged = try Self.write("arch,score\na,1\nb,2,3\n")
        #expect(throws: EvaluationError.raggedRow(path: ragged, line: 3, fields: 3, expected: 2)) {
            try ScoreFile(path: ragged)
        }
        #expect(throws: EvaluationError.unreadableFile(path: "/nonexistent/x.csv", reason: "no such file")) {
            try ScoreFile(path: "/nonexistent/x.csv")
        }
        let empty = try Self.write("")
        #expect(throws: EvaluationError.unreadableFile(path: empty, reason: "the CSV file has no header row")) {
            try ScoreFile(path: empty)
        }
    }

    @Test("filtering keeps the rows whose field matches, with their line numbers")
    func filter() throws {
        let file = try ScoreFile(path: Self.write("dataset,score\ncifar10,1\ncifar100,2\ncifar10,3\n"))
        let kept = try file.filtered(column: "dataset") { $0 == "cifar10" }
        #expect(try kept.numbers("score") == [1, 3])
        #expect(kept.lines == [2, 4])
    }
}
