import BenchmarkStore
import Foundation
import NASCore
import Testing

/// `nasbench score` with the zero-cost estimators: SIGKILL and resume, joint scoring, stored failures, progress,
/// and `nasbench bench estimators`. Small networks (C=4, N=1) and batches keep each run short.
@Suite("nasbench score with zero-cost estimators")
struct EstimatorScanTests {
    static let tiny = ["--channels", "4", "--cells", "1", "--batch", "16"]

    /// The reference data folder, or nil after printing why the test is skipped.
    static func referenceData(_ test: String) -> URL? {
        let directory = ReferenceData.directory(projectRoot: NASBenchProcess.projectRoot)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("cifar10/train_20k.bin").path) else {
            print("SKIPPED: \(test): reference data not found under \(directory.path) (set \(ReferenceData.environmentVariable))")
            return nil
        }
        return directory
    }

    /// Every stored score as "estimator|arch|value|failure", sorted (settings and seconds left out).
    static func values(_ path: String) throws -> [String] {
        try SQLiteConnection(path: path).prepare("""
            SELECT r.estimator, a.arch, s.value, s.failure FROM score s
            JOIN estimator_run r ON r.id = s.run_id JOIN architecture a ON a.id = s.architecture_id
            """).rows().map { row in
                row.map { $0.stringValue ?? $0.doubleValue.map { "\($0)" } ?? "" }.joined(separator: "|")
            }.sorted()
    }

    static func scoreCount(_ path: String) -> Int {
        guard FileManager.default.fileExists(atPath: path),
              let rows = try? SQLiteConnection(path: path).prepare("SELECT COUNT(*) FROM score").rows() else { return 0 }
        return rows.first?.first?.integerValue.map(Int.init) ?? 0
    }

    @Test("a scan killed with SIGKILL and re-run stores exactly what an uninterrupted scan stores")
    func killAndResume() throws {
        guard Self.referenceData("killAndResume") != nil else { return }
        let directory = try scratchDirectory()
        let arguments = ["--estimators", "relu_logdet,snip,grad_norm", "--archs", "sample:96", "--seed", "11", "--jobs", "2"]
            + Self.tiny
        let whole = directory.appendingPathComponent("whole.sqlite").path
        let uninterrupted = try NASBenchProcess.run(["score", "--db", whole] + arguments)
        #expect(uninterrupted.status == 0, "\(uninterrupted.standardError)")
        let total = Self.scoreCount(whole)
        #expect(total == 3 * 96)

        let killed = directory.appendingPathComponent("killed.sqlite").path
        let process = Process()
        process.executableURL = NASBenchProcess.executable
        process.arguments = ["score", "--db", killed] + arguments
        process.currentDirectoryURL = NASBenchProcess.projectRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var stored = 0
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            stored = Self.scoreCount(killed)
            if stored > 0 { break }
            usleep(5_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal, "the scan finished before it could be killed")
        let partial = Self.scoreCount(killed)
        #expect(partial > 0 && partial < total, "killed after \(partial) of \(total) scores")

        let resumed = try NASBenchProcess.run(["score", "--db", killed] + arguments)
        #expect(resumed.status == 0, "\(resumed.standardError)")
        #expect(resumed.standardOutput.contains("already stored"))
        #expect(try Self.values(killed) == Self.values(whole))
    }

    @Test("undefined scores are stored as failures with their reason; settings are stored with every run")
    func failuresAndSettings() throws {
        guard Self.referenceData("failuresAndSettings") != nil else { return }
        let directory = try scratchDirectory()
        let list = directory.appendingPathComponent("archs.txt")
        try """
            |nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|none~0|none~1|none~2|
            |nor_conv_3x3~0|+|skip_connect~0|avg_pool_3x3~1|+|nor_conv_1x1~0|none~1|nor_conv_3x3~2|
            """.write(to: list, atomically: true, encoding: .utf8)
        let db = directory.appendingPathComponent("f.sqlite").path
        let result = try NASBenchProcess.run(["score", "--db", db, "--estimators", "relu_logdet,jacob_cov,synflow",
                                              "--archs", "file:\(list.path)", "--synflow-log", "--relus", "live"] + Self.tiny)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("relu_logdet: 1 scored, 1 failed"))
        #expect(result.standardOutput.contains("jacob_cov: 1 scored, 1 failed"))
        #expect(result.standardOutput.contains("synflow: 1 scored, 1 failed"))
        let rows = try Self.values(db)
        #expect(rows.contains { $0.hasPrefix("relu_logdet|") && $0.contains("none~2|") && $0.hasSuffix("K is singular (log|det K| = -inf)") })
        #expect(rows.contains { $0.hasPrefix("synflow|") && $0.contains("logarithm is undefined") })
        let settings = try SQLiteConnection(path: db).prepare("SELECT estimator, settings FROM estimator_run").rows()
            .map { ($0[0].stringValue ?? "", $0[1].stringValue ?? "") }
        let naswot = try #require(settings.first { $0.0 == "relu_logdet" }?.1)
        for key in ["\"batch_size\":16", "\"channels\":4", "\"cells_per_stage\":1", "\"init\":\"pytorch\"", "\"relus\":\"live\"",
                    "\"seed\":0", "\"data\":\"cifar10:train_20k.bin:held-out-500-per-class-seed-0:first-1x16\""] {
            #expect(naswot.contains(key), "\(key) missing from \(naswot)")
        }
        #expect(settings.first { $0.0 == "synflow" }?.1.contains("\"log\":true") == true)
    }

    @Test("a missing image file is a one-line error naming it and saying how to point at the data")
    func missingImages() throws {
        let directory = try scratchDirectory()
        let missing = directory.appendingPathComponent("absent.bin").path
        let result = try NASBenchProcess.run(["score", "--db", directory.appendingPathComponent("m.sqlite").path,
                                              "--estimators", "relu_logdet", "--archs", "sample:2", "--data-file", missing])
        #expect(result.status != 0)
        #expect(result.standardError == "Error: \(missing): no such file (pass --data-file, or set "
            + "NASBENCH_REFERENCE_DATA to the reference data directory)\n")
    }

    @Test("progress goes to standard error when it is not a terminal")
    func progress() throws {
        guard Self.referenceData("progress") != nil else { return }
        let db = try scratchDirectory().appendingPathComponent("p.sqlite").path
        let result = try NASBenchProcess.run(["score", "--db", db, "--estimators", "relu_logdet", "--archs", "sample:5"]
            + Self.tiny)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.contains("relu_logdet: 5/5 architectures"))
        #expect(result.standardOutput.contains("5 architectures in"))
    }

    @Test("bench estimators prints one row per estimator with both timings and their ratio")
    func bench() throws {
        guard Self.referenceData("bench") != nil else { return }
        let result = try NASBenchProcess.run(["bench", "estimators", "--archs", "2", "--batch", "8", "--repeats", "1",
                                              "--estimators", "relu_logdet,jacob_cov,synflow"])
        #expect(result.status == 0, "\(result.standardError)")
        for id in ["relu_logdet", "jacob_cov", "synflow"] {
            let row = try #require(result.standardOutput.split(separator: "\n").first { $0.hasPrefix("| \(id) |") },
                                   "\(result.standardOutput)")
            let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(Double(cells[1]) != nil && Double(cells[2]) != nil && Double(cells[3].dropLast()) != nil, "\(row)")
        }
    }
}
