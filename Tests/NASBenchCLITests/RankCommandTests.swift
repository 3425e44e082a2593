import Foundation
import NASCore
import Testing

@Suite("nasbench rank")
struct RankCommandTests {
    static let fixtures = NASBenchProcess.projectRoot.appendingPathComponent("datasets/fixtures/rank")

    /// A database of the synthetic 40-cell benchmark: truth `acc`, estimator `proxy` (seeds 1 and 2, seed 1 with a
    /// nan and an inf score stored as failures), estimator `tied` (every score 1).
    static func tinyDatabase(in directory: URL) throws -> String {
        let db = directory.appendingPathComponent("tiny.sqlite").path
        var files: [String] = []
        for name in ["tiny_nb201", "tiny_nb201_seed2"] {
            let output = directory.appendingPathComponent("\(name).h5").path
            let result = try NASBenchProcess.run([
                "import", "csv", fixtures.appendingPathComponent("\(name).csv").path,
                "--mapping", fixtures.appendingPathComponent("\(name)_mapping.json").path, "-o", output,
            ])
            #expect(result.status == 0, "\(result.standardError)")
            files.append(output)
        }
        let ingest = try NASBenchProcess.run(["ingest"] + files + ["--db", db])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        return db
    }

    /// Runs `nasbench rank` in `directory` with `--format json` and returns the parsed object.
    static func json(_ arguments: [String], in directory: URL) throws -> [String: Any] {
        let output = try NASBenchProcess.run(["rank"] + arguments + ["--format", "json"], in: directory)
        #expect(output.status == 0, "\(arguments): \(output.standardError)")
        return try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
    }

    /// The score entry called `name` of a JSON result.
    static func score(_ name: String, in result: [String: Any]) throws -> [String: Any] {
        let scores = try #require(result["scores"] as? [[String: Any]])
        return try #require(scores.first { $0["name"] as? String == name })
    }

    /// Runs `nasbench rank` expecting failure, and returns standard error.
    static func failure(_ arguments: [String], in directory: URL) throws -> String {
        let output = try NASBenchProcess.run(["rank"] + arguments, in: directory)
        #expect(output.status != 0, "\(arguments) succeeded")
        return output.standardError
    }

    /// Runs python3 with `arguments`; nil when it cannot be started.
    static func python(_ arguments: [String]) throws -> (status: Int32, output: String)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Checks an HTML report is one self-contained file: no external reference of any kind.
    static func expectSelfContained(_ html: String) {
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for forbidden in ["http://", "https://", "src=", "<link", "<script", "url(", "@import", "<iframe", "<object"] {
            #expect(!html.lowercased().contains(forbidden), "found \(forbidden)")
        }
        #expect(html.contains("<svg "))
    }

    @Test("params and flops over all 15,625 NB201 cells: tau and rho equal scipy's and are near the published .56 / .75")
    func publishedBaselines() throws {
        let root = NASBenchProcess.projectRoot
        guard let table = ReferenceData.fileOrSkip("nb201/nb201_accuracy_latency.csv", projectRoot: root) else { return }
        let directory = try scratchDirectory()
        let h5 = directory.appendingPathComponent("nb201.h5").path
        let db = directory.appendingPathComponent("nb201.sqlite").path
        let imported = try NASBenchProcess.run([
            "import", "csv", table.path, "--mapping",
            root.appendingPathComponent("datasets/mappings/nb201_accuracy_latency.json").path, "-o", h5,
        ])
        #expect(imported.status == 0, "\(imported.standardError)")
        let ingested = try NASBenchProcess.run(["ingest", h5, "--db", db])
        #expect(ingested.status == 0, "\(ingested.standardError)")

        let result = try Self.json(["--db", db, "--score", "params,flops", "--truth", "cifar10_test_acc_200ep_mean",
                                    "--dataset", "cifar10", "--notebook"], in: directory)
        #expect(result["rows"] as? Int == 15_625)
        let script = root.appendingPathComponent("scripts/rank_reference_baselines.py").path
        let scipy = try Self.python([script, table.path]).flatMap { output in
            output.status == 0 ? try JSONSerialization.jsonObject(with: Data(output.output.utf8)) as? [String: [String: Any]] : nil
        }
        if scipy == nil { print("SKIPPED: publishedBaselines: scipy comparison (python3 with scipy not available)") }
        for name in ["params", "flops"] {
            let entry = try Self.score(name, in: result)
            let criteria = try #require(entry["criteria"] as? [String: Any])
            let tau = try #require(criteria["kendall_tau"] as? Double)
            let rho = try #require(criteria["spearman_rho"] as? Double)
            #expect(entry["pairs_used"] as? Int == 15_625)
            #expect(entry["distinct_scores"] as? Int == 28)
            #expect(abs(tau - 0.56) < 0.03, "\(name) tau \(tau)")
            #expect(abs(rho - 0.75) < 0.01, "\(name) rho \(rho)")
            if let reference = scipy?[name] {
                #expect(abs(tau - (reference["kendall_tau"] as! Double)) < 1e-12, "\(name)")
                #expect(abs(rho - (reference["spearman_rho"] as! Double)) < 1e-12, "\(name)")
            }
        }
        let folder = try #require(result["output"] as? String)
        #expect(folder.hasSuffix("reports/rank-params+flops-vs-cifar10_test_acc_200ep_mean-cifar10-iso"))
        Self.expectSelfContained(try String(contentsOfFile: folder + "/report.html", encoding: .utf8))
        let notebook = directory.appendingPathComponent(
            "notebooks-export/rank-params+flops-vs-cifar10_test_acc_200ep_mean-cifar10-iso.ipynb").path
        if let check = try Self.python(["-c", "import sys, nbformat; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))",
                                        notebook]) {
            #expect(check.status == 0, "\(check.output)")
        }

        let deiso = try Self.json(["--db", db, "--score", "params", "--truth", "cifar10_test_acc_200ep_mean",
                                   "--dataset", "cifar10", "--view", "deiso", "--output", "out/deiso"], in: directory)
        #expect(deiso["rows"] as? Int == 6_466)
        #expect(try Self.score("params", in: deiso)["pairs_used"] as? Int == 6_466)
    }

    @Test("a stored estimator with failures: failures are dropped and counted; several runs must be picked")
    func storedEstimator() throws {
        let directory = try scratchDirectory()
        let db = try Self.tinyDatabase(in: directory)
        let common = ["--db", db, "--truth", "acc", "--dataset", "cifar10"]
        let several = try Self.failure(common + ["--score", "proxy"], in: directory)
        #expect(several == "Error: \(db): estimator 'proxy' has 2 runs on 'cifar10' in search space nb201; choose one "
            + "with proxy@{settings}, proxy@seed=N or proxy@run=N: run=1 nb201 {\"batch\":\"64\"} seed 1; "
            + "run=3 nb201 {\"batch\":\"64\"} seed 2\n")

        let result = try Self.json(common + ["--score", "proxy@seed=1"], in: directory)
        let proxy = try Self.score("proxy@seed=1", in: result)
        #expect(proxy["pairs_used"] as? Int == 38)
        #expect(proxy["pairs_dropped"] as? Int == 2)
        let missing = try #require(proxy["missing"] as? [String: Int])
        #expect(missing["failed"] == 2 && missing["non_finite"] == 0 && missing["absent"] == 0)
        let summary = try String(contentsOfFile: (result["output"] as! String) + "/summary.csv", encoding: .utf8)
        #expect(summary.split(separator: "\n")[1] == "proxy@seed=1,\"estimator `proxy`, run=1 nb201 {\"\"batch\"\":\"\"64\"\"} "
            + "seed 1, benchmark `rank-tiny`\",40,38,2,2,0,0,0,0,0,38")

        // Settings are compared as parsed JSON (spacing ignored): both runs match, so the choice is still ambiguous.
        let ambiguous = try Self.failure(common + ["--score", "proxy@{\"batch\": \"64\"}"], in: directory)
        #expect(ambiguous.hasPrefix("Error: \(db): estimator 'proxy' has 2 runs on 'cifar10'"))
    }

    @Test("scores stored by nasbench score: a built-in of the same name wins with a note; estimator: reads them")
    func storedByScoreCommand() throws {
        let directory = try scratchDirectory()
        let db = try Self.tinyDatabase(in: directory)
        let archs = try String(contentsOf: Self.fixtures.appendingPathComponent("tiny_nb201.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().prefix(25).map { String($0.split(separator: ",")[0]) }
        let list = directory.appendingPathComponent("archs.txt")
        try archs.joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        let scored = try NASBenchProcess.run(["score", "--db", db, "--estimators", "flops", "--archs", "file:\(list.path)"])
        #expect(scored.status == 0, "\(scored.standardError)")

        let arguments = ["rank", "--db", db, "--score", "flops,estimator:flops", "--truth", "acc", "--dataset", "cifar10",
                         "--output", "out/flops", "--format", "json"]
        let output = try NASBenchProcess.run(arguments, in: directory)
        #expect(output.status == 0, "\(output.standardError)")
        #expect(output.standardError == "note: 'flops' is the built-in score; the database also holds a stored "
            + "estimator of that name (name it estimator:flops)\n")
        let result = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(try Self.score("flops", in: result)["pairs_used"] as? Int == 40)
        let stored = try Self.score("estimator:flops", in: result)
        #expect(stored["pairs_used"] as? Int == 25)
        #expect((stored["missing"] as? [String: Int])?["absent"] == 15)
        #expect((stored["source"] as? String)?.contains("{\"cells_per_stage\":5,\"channels\":16}") == true)
        let data = try String(contentsOf: directory.appendingPathComponent("out/flops/data.csv"), encoding: .utf8)
        var compared = 0
        for line in data.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard !fields[4].isEmpty else { continue }
            #expect(fields[3] == fields[4], "\(line)")
            compared += 1
        }
        #expect(compared == 25)
    }

    @Test("several estimators: one table, a Spearman matrix, and with --variance the mean and std of every criterion")
    func severalEstimators() throws {
        let directory = try scratchDirectory()
        let db = try Self.tinyDatabase(in: directory)
        let result = try Self.json(["--db", db, "--truth", "acc", "--dataset", "cifar10",
                                    "--score", "proxy@seed=1,proxy@seed=2", "--variance"], in: directory)
        let correlations = try #require(result["correlations"] as? [String: Any])
        #expect(correlations["names"] as? [String] == ["proxy@seed=1", "proxy@seed=2", "acc"])
        let variance = try #require(result["variance"] as? [String: [String: Any]])
        let tau1 = try #require((Self.score("proxy@seed=1", in: result)["criteria"] as? [String: Any])?["kendall_tau"] as? Double)
        let tau2 = try #require((Self.score("proxy@seed=2", in: result)["criteria"] as? [String: Any])?["kendall_tau"] as? Double)
        let tau = try #require(variance["kendall_tau"])
        #expect(abs((tau["mean"] as! Double) - (tau1 + tau2) / 2) < 1e-12)
        #expect(abs((tau["std"] as! Double) - abs(tau1 - tau2) / 2.0.squareRoot()) < 1e-12)
        let folder = try #require(result["output"] as? String)
        #expect(FileManager.default.fileExists(atPath: folder + "/variance.csv"))
        let html = try String(contentsOfFile: folder + "/report.html", encoding: .utf8)
        #expect(html.contains("Variance across score columns") && html.contains("Correlation between estimators"))
    }

    @Test("bad database input is a one-line error: unknown truth metric, unknown estimator, bad run selector")
    func badDatabaseInput() throws {
        let directory = try scratchDirectory()
        let db = try Self.tinyDatabase(in: directory)
        let common = ["--db", db, "--dataset", "cifar10"]
        #expect(try Self.failure(common + ["--score", "proxy@seed=1", "--truth", "top1"], in: directory)
            == "Error: \(db): no metric 'top1' on dataset 'cifar10'; metrics on 'cifar10': acc\n")
        #expect(try Self.failure(common + ["--score", "synflow", "--truth", "acc"], in: directory)
            == "Error: no estimator or metric 'synflow' on dataset 'cifar10'; estimators there: proxy, tied; "
                + "built-in scores: params, flops\n")
        #expect(try Self.failure(common + ["--score", "estimator:synflow", "--truth", "acc"], in: directory)
            == "Error: \(db): no estimator 'synflow' on dataset 'cifar10' in search space nb201; estimators on "
                + "'cifar10' in search space nb201: proxy, tied\n")
        #expect(try Self.failure(common + ["--score", "proxy@seed=7", "--truth", "acc"], in: directory)
            == "Error: \(db): no run of estimator 'proxy' on 'cifar10' in search space nb201 matches 'seed=7'; runs: "
                + "run=1 nb201 {\"batch\":\"64\"} seed 1; run=3 nb201 {\"batch\":\"64\"} seed 2\n")
        #expect(try Self.failure(common + ["--score", "proxy@latest", "--truth", "acc"], in: directory)
            == "Error: run selector 'latest' of 'proxy' is not a settings JSON object, seed=N or run=N\n")
        let both = try Self.failure(["--db", db, "--csv", "x.csv", "--score", "a", "--truth", "b"], in: directory)
        #expect(both.hasPrefix("Error: give exactly one of --db and --csv\n"))
    }

    @Test("all scores tied: tau and rho are undefined with the reason, the command succeeds")
    func allTied() throws {
        let directory = try scratchDirectory()
        let db = try Self.tinyDatabase(in: directory)
        let result = try Self.json(["--db", db, "--score", "tied", "--truth", "acc", "--dataset", "cifar10"], in: directory)
        let tied = try Self.score("tied", in: result)
        let criteria = try #require(tied["criteria"] as? [String: Any])
        #expect(criteria["kendall_tau"] is NSNull)
        #expect(criteria["spearman_rho"] is NSNull)
        let undefined = try #require(tied["undefined"] as? [String: String])
        #expect(undefined["kendall_tau"] == "constant_scores")
        #expect(undefined["spearman_rho"] == "constant_scores")
        let text = try NASBenchProcess.run(["rank", "--db", db, "--score", "tied", "--truth", "acc", "--dataset", "cifar10"],
                                           in: directory)
        #expect(text.status == 0)
        let line = text.standardOutput.split(separator: "\n").first { $0.hasPrefix("kendall_tau ") }
        #expect(line?.hasSuffix("nan: all scores are tied") == true, "\(text.standardOutput)")
        let html = try String(contentsOfFile: (result["output"] as! String) + "/report.html", encoding: .utf8)
        #expect(html.contains("<code>kendall_tau</code> of <code>tied</code> is undefined: all scores are tied."))
    }

    @Test("a plain CSV: empty, nan and inf cells are dropped and counted; --format csv prints criteria.csv")
    func csvInput() throws {
        let directory = try scratchDirectory()
        let csv = Self.fixtures.appendingPathComponent("tiny_scores.csv").path
        let arguments = ["--csv", csv, "--score", "proxy,proxy_seed2", "--truth", "acc", "--output", "out/csv"]
        let result = try Self.json(arguments, in: directory)
        #expect(result["rows"] as? Int == 40)
        let proxy = try Self.score("proxy", in: result)
        #expect(proxy["pairs_used"] as? Int == 37)
        let missing = try #require(proxy["missing"] as? [String: Int])
        #expect(missing["non_finite"] == 2 && missing["absent"] == 1 && missing["failed"] == 0)
        #expect(try Self.score("proxy_seed2", in: result)["pairs_used"] as? Int == 39)
        let printed = try NASBenchProcess.run(["rank"] + arguments + ["--format", "csv"], in: directory)
        #expect(printed.status == 0)
        let written = try String(contentsOf: directory.appendingPathComponent("out/csv/criteria.csv"), encoding: .utf8)
        #expect(printed.standardOutput == written)
        #expect(written.hasPrefix("score,view,criterion,k,n,value,undefined_reason\nproxy,iso,kendall_tau,,37,"))

        let builtin = try Self.json(["--csv", csv, "--score", "flops", "--truth", "acc", "--dataset", "cifar10",
                                     "--output", "out/flops"], in: directory)
        #expect(try Self.score("flops", in: builtin)["pairs_used"] as? Int == 40)
        #expect(try Self.failure(["--csv", csv, "--score", "flops", "--truth", "acc"], in: directory)
            == "Error: \(csv): no column 'flops'; the built-in score needs --dataset\n")
    }

    @Test("bad CSV input is a one-line error: missing column, ragged rows, no rows, class views of other strings")
    func badCSVInput() throws {
        let directory = try scratchDirectory()
        let csv = Self.fixtures.appendingPathComponent("tiny_scores.csv").path
        #expect(try Self.failure(["--csv", csv, "--score", "synflow", "--truth", "acc"], in: directory)
            == "Error: \(csv): no column 'synflow' (columns: arch_str, acc, proxy, proxy_seed2, tied)\n")
        #expect(try Self.failure(["--csv", csv, "--score", "proxy", "--truth", "val_acc"], in: directory)
            == "Error: \(csv): no column 'val_acc' (columns: arch_str, acc, proxy, proxy_seed2, tied)\n")
        let ragged = directory.appendingPathComponent("ragged.csv")
        try "arch,score,truth\na,1,2\nb,2\n".write(to: ragged, atomically: true, encoding: .utf8)
        #expect(try Self.failure(["--csv", ragged.path, "--score", "score", "--truth", "truth"], in: directory)
            == "Error: \(ragged.path): line 3 has 2 fields, the header has 3\n")
        let empty = directory.appendingPathComponent("empty.csv")
        try "arch,score,truth\n".write(to: empty, atomically: true, encoding: .utf8)
        #expect(try Self.failure(["--csv", empty.path, "--score", "score", "--truth", "truth"], in: directory)
            == "Error: \(empty.path): no data rows\n")
        let plain = directory.appendingPathComponent("plain.csv")
        try "score,truth\n1,2\n2,3\n3,1\n".write(to: plain, atomically: true, encoding: .utf8)
        #expect(try Self.failure(["--csv", plain.path, "--score", "score", "--truth", "truth", "--view", "deiso"],
                                 in: directory)
            == "Error: --view deiso needs NB201 arch strings in the architecture column\n")
        let ranked = try Self.json(["--csv", plain.path, "--score", "score", "--truth", "truth"], in: directory)
        #expect(ranked["rows"] as? Int == 3)
    }

    @Test("--help explains the command with an example")
    func help() throws {
        let output = try NASBenchProcess.run(["rank", "--help"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("Example"))
        #expect(output.standardOutput.contains("nasbench rank --db nb201.sqlite --score params,flops"))
    }
}
