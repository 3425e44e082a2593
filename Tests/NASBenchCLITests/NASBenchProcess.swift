import Foundation
import Testing

/// Runs the built `nasbench` executable the way a user would and captures what it prints.
struct NASBenchProcess {
    /// What one run of the command produced.
    struct Output {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    /// The package root (the folder holding Package.swift).
    static let projectRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `nasbench` binary next to the test bundle (both are build products of the same configuration).
    static let executable: URL = {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("nasbench")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return projectRoot.appendingPathComponent(".build/debug/nasbench")
    }()

    /// Runs `nasbench` with `arguments` in `directory` (the project root by default) and waits for it.
    static func run(_ arguments: [String], in directory: URL = projectRoot,
                    environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("nasbench-\(UUID()).out")
        let errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("nasbench-\(UUID()).err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: try String(contentsOf: outputFile, encoding: .utf8),
            standardError: try String(contentsOf: errorFile, encoding: .utf8)
        )
    }

    /// Runs `nasbench`, expects success, and returns its standard output parsed as a JSON object.
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let output = try run(arguments)
        #expect(output.status == 0, "\(arguments): \(output.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8))
        return try #require(object as? [String: Any])
    }
}
