import Evaluation
import Reports
import Foundation
import RankingMetrics

/// A ranking study over the synthetic NB201 cells of datasets/fixtures/rank/bias.json, for the report tests.
enum StudyFixture {
    /// The project root, symlinks resolved.
    static let projectRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fields of bias.json the report tests use.
    struct Cells: Decodable {
        let archs: [String]
        let scores: [Double]
        let truth: [Double]
    }

    /// Two score columns (the fixture's, with two NaN, and a noisy copy) against the fixture's truth, with NB201
    /// complexity levels, operation bias and variance.
    static func study(view: IsomorphismView = .iso) throws -> RankingStudy {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let cells = try decoder.decode(Cells.self, from: Data(contentsOf: projectRoot
            .appendingPathComponent("datasets/fixtures/rank/bias.json")))
        let second = cells.truth.enumerated().map { index, value in value / 10 + Double(index % 7) }
        let table = try RankingTable(
            architectures: cells.archs, truthName: "truth", truth: cells.truth,
            columns: [ScoreColumn(name: "proxy", source: "fixture", values: cells.scores),
                      ScoreColumn(name: "noisy \"copy\"", source: "fixture", values: second)])
        let viewed = try view.apply(to: table, classes: IsomorphismClasses.nb201(cells.archs))
        return try RankingStudy(table: viewed, buckets: .nb201ComplexityLevels, variance: true)
    }

    /// A report context for tests.
    static let context = RankingReportContext(input: "fixture bias.json", dataset: "cifar10",
                                              rowOrder: "fixture order", command: "nasbench rank --test")

    /// A fresh temporary folder.
    static func scratchDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nasbench-reports-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs `python3` with `arguments` in `directory`; nil when python3 cannot be started.
    static func python(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
