import BenchmarkStore
import CSV
import Foundation
import NASCore
import Testing

/// The computed NB201 table the search tests run on, written once per test process.
///
/// Every column is computed from `nasbench space list nb201`'s params and FLOPs plus a deterministic per-row
/// jitter (mapping: datasets/fixtures/search/computed_nb201.json): final accuracy 80 + 10·params/1.53 + jitter,
/// signal 12 points lower with more jitter, latency FLOPs/20 ms, 3 + 8·params s per training epoch and
/// 1 + FLOPs/100 s per validation pass (so the cheapest query costs 44.1 s).
enum ComputedSearchTable {
    struct Table {
        let h5: String
        let latency: [String: Double]
        let final: [String: Double]
    }

    static let table: Table = {
        let directory = try! scratchDirectory()
        let listing = try! NASBenchProcess.run(["space", "list", "nb201", "--format", "csv"])
        var csv = "arch,proxy_accuracy,final_accuracy,latency_ms,train-per-time,valid-per-time\n"
        var latency: [String: Double] = [:], final: [String: Double] = [:]
        for (row, line) in listing.standardOutput.split(separator: "\n").dropFirst().enumerated() {
            let fields = line.split(separator: ",").map(String.init)
            let (arch, params, flops) = (fields[0], Double(fields[2])!, Double(fields[3])!)
            func jitter(_ salt: UInt64, _ amplitude: Double) -> Double {
                amplitude * (Double((UInt64(row * 4) + salt) &* 2_654_435_761 % 1_000) / 1_000 - 0.5)
            }
            let accuracy = 80 + 10 * params / 1.53 + jitter(1, 1)
            latency[arch] = flops / 20
            final[arch] = accuracy
            csv += "\(arch),\(accuracy - 10 + jitter(2, 4)),\(accuracy),\(flops / 20),\(3 + 8 * params),\(1 + flops / 100)\n"
        }
        let csvFile = directory.appendingPathComponent("computed.csv")
        try! csv.write(to: csvFile, atomically: true, encoding: .utf8)
        let h5 = directory.appendingPathComponent("computed.h5").path
        let imported = try! NASBenchProcess.run([
            "import", "csv", csvFile.path, "--mapping",
            NASBenchProcess.projectRoot.appendingPathComponent("datasets/fixtures/search/computed_nb201.json").path, "-o", h5,
        ])
        precondition(imported.status == 0, imported.standardError)
        return Table(h5: h5, latency: latency, final: final)
    }()

    /// A fresh database holding the computed table.
    static func database() throws -> String {
        let db = try scratchDirectory().appendingPathComponent("search.sqlite").path
        let ingest = try NASBenchProcess.run(["ingest", table.h5, "--db", db])
        #expect(ingest.status == 0, "\(ingest.standardError)")
        return db
    }
}

/// Row counts of the search tables.
func searchCounts(_ path: String) throws -> [Int64] {
    let connection = try SQLiteConnection(path: path)
    return try ["search_run", "search_step"].map { try connection.prepare("SELECT count(*) FROM \($0)").rows()[0][0].integerValue! }
}

@Suite("nasbench search and nasbench bench search")
struct SearchCommandTests {
    static func arguments(db: String, output: String, _ extra: [String] = []) -> [String] {
        ["search", "--db", db, "--dataset", "toy", "--signal", "proxy_accuracy", "--report", "final_accuracy",
         "--cost-dataset", "toy-valid", "--budget-seconds", "3000", "--seed", "7", "--output", output] + extra
    }

    static func read(_ directory: String, _ file: String) throws -> String {
        try String(contentsOfFile: "\(directory)/\(file)", encoding: .utf8)
    }

    @Test("search stores every run, writes the report, and a second identical command reuses the stored runs")
    func storeReportAndResume() throws {
        let db = try ComputedSearchTable.database()
        let output = try scratchDirectory().appendingPathComponent("report").path
        let first = try NASBenchProcess.run(Self.arguments(db: db, output: output, ["--strategy", "rea,random-search", "--runs", "20"]))
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.isEmpty)
        let lines = first.standardOutput.split(separator: "\n")
        #expect(lines[0] == "search nb201 toy: signal proxy_accuracy, report final_accuracy, cost 12*train-per-time+valid-per-time "
            + "on toy-valid, budget 3000 s, seed 7")
        #expect(lines[1].hasPrefix("strategy       runs  reused  feasible  final_accuracy"))
        #expect(lines[2].hasPrefix("rea            20    0       20        "))
        #expect(lines[3].hasPrefix("random-search  20    0       20        "))
        #expect(lines[4] == "report: \(output)/ (summary.md, summary.json, runs.csv, anytime.csv, anytime.svg)")

        let runs = try Self.read(output, "runs.csv").split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(runs.count == 41)
        let steps = runs.dropFirst().reduce(0) { $0 + Int($1[4])! }
        #expect(try searchCounts(db) == [40, Int64(steps)])
        // The reported mean is the mean of the runs' chosen architectures' report metric, each a real table value.
        let reaReports = runs.dropFirst().filter { $0[0] == "rea" }.map { Double($0[10])! }
        for row in runs.dropFirst() { #expect(ComputedSearchTable.table.final[String(row[8])] == Double(row[10])!) }
        let summary = try #require(JSONSerialization.jsonObject(with: Data(Self.read(output, "summary.json").utf8)) as? [String: Any])
        let rea = try #require((summary["strategies"] as? [[String: Any]])?.first)
        let mean = try #require((rea["report"] as? [String: Any])?["mean"] as? Double)
        #expect(abs(mean - reaReports.reduce(0, +) / 20) < 1e-9)
        #expect(rea["new_runs"] as? Int == 20 && rea["reused_runs"] as? Int == 0)

        let runsCSV = try Self.read(output, "runs.csv"), anytimeCSV = try Self.read(output, "anytime.csv")
        let second = try NASBenchProcess.run(Self.arguments(db: db, output: output, ["--strategy", "rea", "--strategy", "random-search",
                                                                                       "--runs", "20"]))
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.split(separator: "\n")[2].hasPrefix("rea            20    20      20        "))
        #expect(try searchCounts(db) == [40, Int64(steps)])
        #expect(try Self.read(output, "runs.csv") == runsCSV)
        #expect(try Self.read(output, "anytime.csv") == anytimeCSV)

        let more = try NASBenchProcess.run(Self.arguments(db: db, output: output, ["--strategy", "rea", "--runs", "30"]))
        #expect(more.standardOutput.split(separator: "\n")[2].hasPrefix("rea       30    20      30        "))
        let extended = try Self.read(output, "runs.csv").split(separator: "\n")
        #expect(Array(extended.prefix(21)) == Array(runsCSV.split(separator: "\n").prefix(21)))
        #expect(try searchCounts(db)[0] == 50)
    }

    @Test("different settings are different experiments; --format json prints the summary")
    func settingsIdentifyRuns() throws {
        let db = try ComputedSearchTable.database()
        let output = try scratchDirectory().path
        _ = try NASBenchProcess.run(Self.arguments(db: db, output: output, ["--strategy", "rea", "--runs", "5"]))
        let json = try NASBenchProcess.json(Self.arguments(db: db, output: output, ["--strategy", "rea", "--runs", "5",
                                                                                  "--parameter", "population=20", "--format", "json"]))
        let rea = try #require((json["strategies"] as? [[String: Any]])?.first)
        #expect(rea["new_runs"] as? Int == 5)
        #expect(rea["parameters"] as? [String: Double] == ["population": 20, "tournament": 3])
        #expect((json["search"] as? [String: Any])?["repeat_cost"] as? String == "free")
        #expect(try searchCounts(db)[0] == 10)
        let settings = try SQLiteConnection(path: db).prepare("SELECT DISTINCT settings FROM search_run ORDER BY settings").rows()
        #expect(settings.count == 2)
        #expect(settings.allSatisfy { $0[0].stringValue!.contains("\"strategy\":\"rea\",\"strategy_parameters\":{\"population\":") })
    }

    @Test("a constraint makes every chosen architecture feasible and adds accuracy-versus-cost Pareto fronts")
    func constraint() throws {
        let db = try ComputedSearchTable.database()
        let output = try scratchDirectory().appendingPathComponent("constrained").path
        let result = try NASBenchProcess.run(Self.arguments(db: db, output: output, [
            "--strategy", "rea,reinforce", "--runs", "10", "--objective", "accuracy",
            "--constraint", "latency_ms<=4", "--pareto-metric", "train-per-time@toy-valid",
        ]))
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains(", subject to latency_ms<=4, seed 7"))
        #expect(result.standardOutput.contains("pareto final_accuracy vs latency_ms: benchmark front of "))
        #expect(result.standardOutput.hasSuffix("report: \(output)/ (summary.md, summary.json, runs.csv, anytime.csv, anytime.svg, "
            + "pareto-latency_ms.csv, pareto-latency_ms.svg, pareto-train-per-time.csv, pareto-train-per-time.svg)\n"))
        let rows = try Self.read(output, "runs.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.count == 20)
        for row in rows {
            #expect(row[11] == "1")
            #expect(ComputedSearchTable.table.latency[String(row[8])]! <= 4)
        }
        let front = try Self.read(output, "pareto-latency_ms.csv").split(separator: "\n")
        #expect(front[0] == "set,arch,final_accuracy,latency_ms")
        // Every benchmark-front row is non-dominated in the computed table.
        let table = ComputedSearchTable.table
        for row in front.dropFirst().filter({ $0.hasPrefix("benchmark,") }) {
            let arch = String(row.split(separator: ",")[1])
            let (accuracy, cost) = (table.final[arch]!, table.latency[arch]!)
            #expect(!table.final.contains { other, value in
                value >= accuracy && table.latency[other]! <= cost && (value > accuracy || table.latency[other]! < cost)
            }, "\(arch)")
        }
    }

    @Test("bad input is a one-line error, a non-zero exit, and no stored run", arguments: [
        (["--strategy", "bogus"], "unknown strategy 'bogus'; available: random-search, rea, reinforce, local-search"),
        (["--strategy", "rea", "--signal", "accuracy"], "DB: no metric 'accuracy' on dataset 'toy'; metrics on 'toy': final_accuracy, latency_ms, proxy_accuracy"),
        (["--strategy", "rea", "--constraint", "energy_mj<=5"],
         "constraint energy_mj<=5: DB: no metric 'energy_mj' on dataset 'toy'; metrics on 'toy': final_accuracy, latency_ms, proxy_accuracy"),
        (["--strategy", "rea", "--budget-seconds", "10"],
         "budget of 10 s is below the cost of one query (the cheapest architecture costs 44.1 s of 12*train-per-time+valid-per-time on toy-valid)"),
        (["--strategy", "rea", "--max-queries", "0"], "--max-queries 0 is below one query"),
        (["--strategy", "rea", "--constraint", "latency_ms=5"], "constraint 'latency_ms=5' is not metric<=number (or <, >=, >)"),
        (["--strategy", "rea", "--cost", "12*"], "cost '12*': '12*' is not metric or positive-number*metric"),
        (["--strategy", "rea", "--parameter", "learning_rate=0.1"], "--parameter learning_rate: no chosen strategy has it (rea: population, tournament)"),
        (["--strategy", "rea", "--parameter", "population=0"], "parameter population = 0 is invalid: must lie in 1...100000"),
        (["--strategy", "rea", "--pareto-metric", "watts"],
         "--pareto-metric watts: DB: no metric 'watts' on dataset 'toy'; metrics on 'toy': final_accuracy, latency_ms, proxy_accuracy"),
    ])
    func badInput(extra: [String], message: String) throws {
        let db = try ComputedSearchTable.database()
        let output = try scratchDirectory().appendingPathComponent("never").path
        // A repeated single-valued option (here --signal) takes its last value.
        let result = try NASBenchProcess.run(Self.arguments(db: db, output: output, extra))
        #expect(result.status != 0)
        #expect(result.standardError == "Error: \(message.replacingOccurrences(of: "DB", with: db))\n")
        #expect(try searchCounts(db) == [0, 0])
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("search and bench search explain themselves with an example", arguments: [["search"], ["bench", "search"]])
    func help(command: [String]) throws {
        let output = try NASBenchProcess.run(command + ["--help"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("Example:"))
        #expect(output.standardOutput.contains("--db"))
    }

    @Test("bench search times every phase and checks serial, parallel and stored runs agree")
    func bench() throws {
        let db = try ComputedSearchTable.database()
        let result = try NASBenchProcess.run(["bench", "search", "--db", db, "--dataset", "toy", "--signal", "proxy_accuracy",
                                              "--report", "final_accuracy", "--cost-dataset", "toy-valid", "--budget-seconds", "3000",
                                              "--runs", "40", "--repetitions", "1", "--reference-runs", "3"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("## Search: 40 runs of rea on nb201 toy (3000 simulated s each, ") == true)
        for phase in ["| search, 1 worker |", "| reference: one SQLite lookup per proposal", "| store all runs and trajectories",
                      "| read all runs back |", "| **load + search"] {
            #expect(lines.contains { $0.hasPrefix(phase) }, "\(phase)")
        }
        #expect(try searchCounts(db) == [0, 0])
    }

    @Test("on NB201 CIFAR-10 the command reproduces REA's published result and honours a HW-NAS-Bench latency bound")
    func nb201() throws {
        let root = NASBenchProcess.projectRoot
        guard ReferenceData.fileOrSkip("nb201/hw_nas_bench_cifar10.csv", projectRoot: root) != nil else { return }
        let directory = try scratchDirectory()
        let db = directory.appendingPathComponent("nb201.sqlite").path
        var files: [String] = []
        for (csv, mapping) in [("nb201_accuracy_latency", "nb201_accuracy_latency"),
                               ("nb201_cifar10valid_train_stats", "nb201_cifar10valid_train_stats"),
                               ("hw_nas_bench_cifar10", "hw_nas_bench_cifar10")] {
            let h5 = directory.appendingPathComponent("\(csv).h5").path
            let imported = try NASBenchProcess.run(["import", "csv", ReferenceData.file("nb201/\(csv).csv", projectRoot: root)!.path,
                                                    "--mapping", root.appendingPathComponent("datasets/mappings/\(mapping).json").path, "-o", h5])
            #expect(imported.status == 0, "\(imported.standardError)")
            files.append(h5)
        }
        #expect(try NASBenchProcess.run(["ingest"] + files + ["--db", db]).status == 0)
        let base = ["search", "--db", db, "--dataset", "cifar10", "--signal", "cifar10_test_acc_12ep_oneseed",
                    "--report", "cifar10_test_acc_200ep_mean", "--budget-seconds", "20000", "--seed", "0", "--format", "json"]
        let json = try NASBenchProcess.json(base + ["--strategy", "rea", "--runs", "500",
                                                    "--output", directory.appendingPathComponent("rea").path])
        let rea = try #require((json["strategies"] as? [[String: Any]])?.first)
        let mean = try #require((rea["report"] as? [String: Any])?["mean"] as? Double)
        print("nasbench search rea on NB201 CIFAR-10: mean \(mean) over \(rea["runs"] ?? 0) runs (published 93.92 ± 0.30)")
        #expect(abs(mean - 93.92) <= 0.30)

        let constrained = directory.appendingPathComponent("pixel3").path
        let result = try NASBenchProcess.json(base + ["--strategy", "rea", "--runs", "50", "--constraint", "pixel3_latency<=5",
                                                      "--output", constrained])
        #expect((result["strategies"] as? [[String: Any]])?.first?["feasible_runs"] as? Int == 50)
        let latency = try CSVReader(string: String(contentsOf: ReferenceData.file("nb201/hw_nas_bench_cifar10.csv", projectRoot: root)!,
                                                   encoding: .utf8), hasHeaderRow: true)
        var pixel3: [String: Double] = [:]
        while let row = latency.next() { pixel3[row[1]] = Double(row[7])! }
        let rows = try Self.read(constrained, "runs.csv").split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
        #expect(rows.count == 50)
        for row in rows { #expect(pixel3[String(row[8])]! <= 5, "\(row[8])") }
    }
}
