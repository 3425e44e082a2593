import Foundation
import NASCore

/// Paths of the project's fixtures and of the reference data, for the Evaluation tests.
enum FixtureFiles {
    /// The project root (the folder holding Package.swift), symlinks resolved.
    static let projectRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// datasets/fixtures/rank, written by scripts/generate_rank_fixtures.py.
    static let directory = projectRoot.appendingPathComponent("datasets/fixtures/rank", isDirectory: true)

    /// Decodes the JSON fixture `name`; NaN and infinities are stored as the strings nan/inf/-inf.
    static func load<Value: Decodable>(_ name: String, as type: Value.Type = Value.self) throws -> Value {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return try decoder.decode(Value.self, from: Data(contentsOf: directory.appendingPathComponent(name)))
    }

    /// The NB201 reference table, or nil (after printing a SKIPPED line) when the reference data is absent.
    static func nb201Table() -> URL? {
        ReferenceData.fileOrSkip("nb201/nb201_accuracy_latency.csv", projectRoot: projectRoot)
    }

    /// A scratch file path with `name` in a fresh temporary folder.
    static func scratchFile(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nasbench-evaluation-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name)
    }
}
