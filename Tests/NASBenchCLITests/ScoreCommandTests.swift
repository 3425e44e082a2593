import BenchmarkStore
import Foundation
import Testing

@Suite("nasbench score and merge")
struct ScoreCommandTests {
    /// Every stored score as "estimator|settings|arch|value|failure" lines, sorted.
    static func scores(_ path: String) throws -> [String] {
        try SQLiteConnection(path: path).prepare("""
            SELECT r.estimator, r.settings, a.arch, s.value, s.failure FROM score s
            JOIN estimator_run r ON r.id = s.run_id JOIN architecture a ON a.id = s.architecture_id
            """).rows().map { row in
                row.map { value in value.stringValue ?? value.doubleValue.map { "\($0)" } ?? "" }.joined(separator: "|")
            }.sorted()
    }

    @Test("params and flops scores equal the NB201 conventions; re-running skips what is stored")
    func scoreAndResume() throws {
        let db = try scratchDirectory().appendingPathComponent("s.sqlite").path
        let first = try NASBenchProcess.run(["score", "--db", db, "--estimators", "params,flops", "--archs", "sample:300", "--seed", "4"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("params: 300 scored, 0 failed, 0 already stored"))
        let stored = try Self.scores(db)
        #expect(stored.count == 600)
        let arch = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"
        let all = try NASBenchProcess.run(["score", "--db", db, "--estimators", "params", "--archs", "all"])
        #expect(all.standardOutput.contains("params: 15325 scored, 0 failed, 300 already stored"))
        let line = try Self.scores(db).first { $0.hasPrefix("params|") && $0.contains(arch) }
        #expect(line?.hasSuffix("|1.531546|") == true)
    }

    @Test("shards merged equal a single run, and --unique stores the representative's score for its class")
    func shardsAndUnique() throws {
        let directory = try scratchDirectory()
        let single = directory.appendingPathComponent("single.sqlite").path
        #expect(try NASBenchProcess.run(["score", "--db", single, "--estimators", "flops", "--archs", "sample:500"]).status == 0)
        var shards: [String] = []
        for shard in 0..<3 {
            let path = directory.appendingPathComponent("shard\(shard).sqlite").path
            let result = try NASBenchProcess.run(["score", "--db", path, "--estimators", "flops", "--archs", "sample:500",
                                                  "--shard", "\(shard)/3"])
            #expect(result.status == 0, "\(result.standardError)")
            shards.append(path)
        }
        let merged = directory.appendingPathComponent("merged.sqlite").path
        let merge = try NASBenchProcess.run(["merge"] + shards + ["-o", merged])
        #expect(merge.status == 0, "\(merge.standardError)")
        #expect(try Self.scores(merged) == Self.scores(single))

        let unique = directory.appendingPathComponent("unique.sqlite").path
        let result = try NASBenchProcess.run(["score", "--db", unique, "--estimators", "params", "--archs", "all", "--unique"])
        #expect(result.standardOutput.contains("params: 6466 scored"))
        let rows = try Self.scores(unique)
        #expect(rows.count == 15_625)
        #expect(rows.allSatisfy { $0.contains("\"dedup\":\"isomorphism-class\"") })
    }

    @Test("bad options are one-line errors", arguments: [
        (["--estimators", "naswot"], "unknown estimator 'naswot'"),
        (["--estimators", "params", "--shard", "3/3"], "--shard takes i/n with 0 <= i < n"),
        (["--estimators", "params", "--archs", "some"], "--archs takes all, unique, sample:N or file:PATH"),
        (["--estimators", "params", "--archs", "sample:0"], "sample:N takes N in 1...15625"),
        (["--estimators", "params", "--data", "mnist"], "unknown dataset 'mnist'"),
    ])
    func badOptions(arguments: [String], message: String) throws {
        let db = try scratchDirectory().appendingPathComponent("s.sqlite").path
        let result = try NASBenchProcess.run(["score", "--db", db] + arguments)
        #expect(result.status != 0)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test("an architecture list with a malformed line names the file and the problem")
    func badArchitectureFile() throws {
        let directory = try scratchDirectory()
        let list = directory.appendingPathComponent("archs.txt")
        try "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|\n|bogus~0|+|none~0|none~1|+|none~0|none~1|none~2|\n"
            .write(to: list, atomically: true, encoding: .utf8)
        let result = try NASBenchProcess.run(["score", "--db", directory.appendingPathComponent("s.sqlite").path,
                                              "--estimators", "params", "--archs", "file:\(list.path)"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("\(list.path): invalid NB201 arch string '|bogus~0|"))
    }
}
