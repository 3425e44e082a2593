import BenchmarkStore
import CSV
import Foundation
import NASCore
import Testing

/// A scratch folder for one test's files.
func scratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("nasbench-cli-\(UUID())")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Row counts of every table of a NASBench database, to check a failed command changed nothing.
func tableCounts(_ path: String) throws -> [Int64] {
    let connection = try SQLiteConnection(path: path)
    return try ["provenance", "benchmark", "architecture", "metric", "measurement", "estimator_run", "score"].map {
        try connection.prepare("SELECT count(*) FROM \($0)").rows()[0][0].integerValue!
    }
}

@Suite("nasbench import, ingest, query, top, export")
struct StoreCommandTests {
    static let layout = NASBenchProcess.projectRoot.appendingPathComponent("datasets/fixtures/layout")

    @Test("a table written by h5py ingests with the values it holds; re-ingesting changes nothing")
    func h5pyTable() throws {
        let directory = try scratchDirectory()
        let db = directory.appendingPathComponent("t.sqlite").path
        let good = Self.layout.appendingPathComponent("good_table.h5").path
        let first = try NASBenchProcess.run(["ingest", good, "--db", db])
        #expect(first.status == 0, "\(first.standardError)")
        let counts = try tableCounts(db)
        let second = try NASBenchProcess.run(["ingest", good, "--db", db])
        #expect(second.standardOutput.contains("already ingested"))
        #expect(try tableCounts(db) == counts)

        let expected = try #require(JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.layout.appendingPathComponent("good_table.json"))) as? [String: Any])
        let archs = expected["archs"] as! [String]
        for (row, arch) in archs.enumerated() {
            let info = try NASBenchProcess.json(["query", "--db", db, "--arch", arch, "--format", "json"])
            let measurements = info["measurements"] as! [[String: Any]]
            func value(_ metric: String, sample: Int? = nil) -> Double? {
                measurements.first { $0["metric"] as? String == metric && $0["sample"] as? Int == sample }?["value"] as? Double
            }
            #expect(value("test_acc") == (expected["test_acc"] as! [Double])[row])
            #expect(value("latency") == (expected["latency"] as! [Double])[row])
            for sample in 0..<3 {
                #expect(value("test_acc_per_seed", sample: sample) == (expected["test_acc_per_seed"] as! [[Double]])[row][sample])
            }
            let score = (info["scores"] as! [[String: Any]]).first!
            if let published = (expected["proxy"] as! [Any])[row] as? Double {
                #expect(score["value"] as? Double == published)
            } else {
                #expect(score["failure"] as? String == "score is nan in the source file")
            }
            #expect(score["seed"] as? Int == 5)
        }
    }

    @Test("bad input is a one-line error naming the file, a non-zero exit, and an unchanged database",
          arguments: [
            ("bad_layout_version.h5", "layout version 7 is not supported (this nasbench reads version 1)"),
            ("bad_missing_attribute.h5", "'/' has no attribute 'benchmark'"),
            ("bad_missing_dataset.h5", "no dataset at '/architectures/arch'"),
            ("bad_arch_string.h5", "architecture 3: invalid NB201 arch string '|nor_conv_3x3~0|+|none~0|+|none~0|none~1|none~2|': node 2 group '|none~0|' must list 2 input(s), found 1"),
            ("bad_duplicate_arch.h5", "duplicate architecture '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|' at rows 0 and 3"),
            ("bad_length_mismatch.h5", "metric 'latency' of dataset 'cifar10' has 4 values for 3 architectures"),
            ("bad_nan_ground_truth.h5", "metric 'test_acc' of dataset 'cifar10' is nan for architecture 1; a finite value is required"),
          ])
    func badTables(file: String, problem: String) throws {
        let directory = try scratchDirectory()
        let db = directory.appendingPathComponent("t.sqlite").path
        _ = try NASBenchProcess.run(["ingest", Self.layout.appendingPathComponent("good_table.h5").path, "--db", db])
        let before = try tableCounts(db)
        let path = Self.layout.appendingPathComponent(file).path
        let output = try NASBenchProcess.run(["ingest", path, "--db", db])
        #expect(output.status != 0)
        #expect(output.standardError == "Error: \(path): \(problem)\n")
        #expect(try tableCounts(db) == before)
    }

    @Test("a missing file, a text file and a truncated HDF5 file are refused")
    func unreadableFiles() throws {
        let directory = try scratchDirectory()
        let db = directory.appendingPathComponent("t.sqlite").path
        let text = directory.appendingPathComponent("notes.h5")
        try "just some text, not HDF5\n".write(to: text, atomically: true, encoding: .utf8)
        let good = try Data(contentsOf: Self.layout.appendingPathComponent("good_table.h5"))
        let truncated = directory.appendingPathComponent("truncated.h5")
        try good.prefix(good.count / 2).write(to: truncated)
        let missing = directory.appendingPathComponent("absent.h5").path
        for (path, problem) in [(missing, "no such file"), (text.path, "not an HDF5 file"), (truncated.path, "truncated")] {
            let output = try NASBenchProcess.run(["ingest", path, "--db", db])
            #expect(output.status != 0)
            #expect(output.standardError.hasPrefix("Error: \(path): "))
            #expect(output.standardError.contains(problem), "\(output.standardError)")
            #expect(output.standardError.split(separator: "\n").count == 1)
        }
    }

    @Test("import csv with a misspelled mapped column is a one-line error and writes nothing")
    func misspelledColumn() throws {
        let directory = try scratchDirectory()
        let csv = directory.appendingPathComponent("t.csv")
        try "arch,test_accuracy\n|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,10\n".write(to: csv, atomically: true, encoding: .utf8)
        let mapping = directory.appendingPathComponent("m.json")
        try #"{"benchmark": "t", "search_space": "nb201", "arch_column": "arch", "dataset": "cifar10", "columns": [{"column": "test_acc", "role": "ground_truth"}]}"#
            .write(to: mapping, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("t.h5").path
        let result = try NASBenchProcess.run(["import", "csv", csv.path, "--mapping", mapping.path, "-o", output])
        #expect(result.status != 0)
        #expect(result.standardError == "Error: \(csv.path): the CSV has no column 'test_acc' (columns[0]); its columns are arch, test_accuracy\n")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("sqlite3 and pandas read the database with plain SQL")
    func plainSQL() throws {
        let db = try scratchDirectory().appendingPathComponent("t.sqlite").path
        _ = try NASBenchProcess.run(["ingest", Self.layout.appendingPathComponent("good_table.h5").path, "--db", db])
        let query = """
            SELECT a.arch, v.value FROM measurement v JOIN metric m ON m.id = v.metric_id \
            JOIN architecture a ON a.id = v.architecture_id WHERE m.name = 'test_acc' ORDER BY v.value DESC LIMIT 1
            """
        let expected = try #require(JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.layout.appendingPathComponent("good_table.json"))) as? [String: Any])
        let accuracies = expected["test_acc"] as! [Double]
        let best = (expected["archs"] as! [String])[accuracies.firstIndex(of: accuracies.max()!)!]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") {
            #expect(try run("/usr/bin/sqlite3", [db, query]).hasPrefix(best + "|"))
        } else {
            print("SKIPPED: the sqlite3 command-line tool is not installed")
        }
        let pandas = try run("/usr/bin/env", ["python3", "-c", """
            import sqlite3, sys, pandas as pd
            frame = pd.read_sql(sys.argv[2], sqlite3.connect(sys.argv[1]))
            print(frame.iloc[0]["arch"])
            """, db, query])
        #expect(pandas == best + "\n")
    }

    @Test("a database written by a newer nasbench is refused")
    func newerSchema() throws {
        let db = try scratchDirectory().appendingPathComponent("t.sqlite").path
        _ = try NASBenchProcess.run(["ingest", Self.layout.appendingPathComponent("good_table.h5").path, "--db", db])
        try SQLiteConnection(path: db).execute("PRAGMA user_version = 3")
        let output = try NASBenchProcess.run(["top", "--db", db, "--metric", "test_acc", "--dataset", "cifar10"])
        #expect(output.status != 0)
        #expect(output.standardError == "Error: \(db): database schema version 3 is newer than this nasbench supports (2); upgrade nasbench\n")
    }

    @Test("export to h5 and to csv, then import and ingest again, gives the same database contents")
    func exportRoundTrip() throws {
        let directory = try scratchDirectory()
        let db = directory.appendingPathComponent("a.sqlite").path
        _ = try NASBenchProcess.run(["ingest", Self.layout.appendingPathComponent("good_table.h5").path, "--db", db])
        let h5 = directory.appendingPathComponent("copy.h5").path
        #expect(try NASBenchProcess.run(["export", "--db", db, "--format", "h5", "-o", h5]).status == 0)
        let csv = directory.appendingPathComponent("copy.csv").path
        #expect(try NASBenchProcess.run(["export", "--db", db, "--format", "csv", "-o", csv]).status == 0)
        let fromCSV = directory.appendingPathComponent("from-csv.h5").path
        let imported = try NASBenchProcess.run(["import", "csv", csv, "--mapping", csv + ".mapping.json", "-o", fromCSV])
        #expect(imported.status == 0, "\(imported.standardError)")
        for file in [h5, fromCSV] {
            let copy = directory.appendingPathComponent("\(UUID()).sqlite").path
            #expect(try NASBenchProcess.run(["ingest", file, "--db", copy]).status == 0)
            #expect(try tableCounts(copy) == tableCounts(db))
            let arch = "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|"
            let original = try NASBenchProcess.run(["query", "--db", db, "--arch", arch]).standardOutput
            #expect(try NASBenchProcess.run(["query", "--db", copy, "--arch", arch]).standardOutput == original)
        }
    }

    @Test("files we write are read by h5py and h5dump")
    func readableByOtherTools() throws {
        let directory = try scratchDirectory()
        let db = directory.appendingPathComponent("a.sqlite").path
        _ = try NASBenchProcess.run(["ingest", Self.layout.appendingPathComponent("good_table.h5").path, "--db", db])
        let h5 = directory.appendingPathComponent("ours.h5").path
        #expect(try NASBenchProcess.run(["export", "--db", db, "--format", "h5", "-o", h5]).status == 0)
        let expected = try #require(JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.layout.appendingPathComponent("good_table.json"))) as? [String: Any])
        let python = try run("/usr/bin/env", ["python3", "-c", """
            import h5py, json, sys
            with h5py.File(sys.argv[1]) as f:
                archs = [a.decode() for a in f["architectures/arch"][:]]
                acc = dict(zip(archs, f["metrics/cifar10/test_acc"][:].tolist()))
                print(json.dumps({"benchmark": f.attrs["benchmark"], "version": int(f.attrs["layout_version"]), "acc": acc}))
            """, h5])
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(python.utf8)) as? [String: Any])
        #expect(parsed["benchmark"] as? String == "tiny-h5py")
        #expect(parsed["version"] as? Int == 1)
        let accuracy = parsed["acc"] as! [String: Double]
        for (arch, value) in zip(expected["archs"] as! [String], expected["test_acc"] as! [Double]) {
            #expect(accuracy[arch] == value)
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/h5dump") else {
            print("SKIPPED: h5dump not installed (apt-get install hdf5-tools)")
            return
        }
        let dump = try run("/usr/bin/h5dump", ["-d", "/architectures/arch", h5])
        for arch in expected["archs"] as! [String] { #expect(dump.contains("\"\(arch)\"")) }
    }

    @Test("an ingest killed with SIGKILL leaves nothing or everything, and re-running completes it")
    func killedIngest() throws {
        let directory = try scratchDirectory()
        let table = directory.appendingPathComponent("big.h5").path
        try run("/usr/bin/env", ["python3", "-c", """
            import h5py, itertools, numpy as np, sys
            ops = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
            archs = ["|%s~0|+|%s~0|%s~1|+|%s~0|%s~1|%s~2|" % c for c in itertools.product(ops, repeat=6)]
            rng = np.random.default_rng(1)
            with h5py.File(sys.argv[1], "w") as f:
                f.attrs.update({"nasbench_layout": "nasbench-table", "layout_version": np.int64(1),
                                "benchmark": "synthetic", "search_space": "nb201"})
                f.create_dataset("architectures/arch", data=archs, dtype=h5py.string_dtype())
                for d in range(3):
                    g = f.create_group("metrics/set%d" % d)
                    for m in range(12):
                        g.create_dataset("m%d" % m, data=rng.uniform(0, 1, len(archs))).attrs["role"] = "cost"
            """, table])
        let full: Int64 = 15_625 * 36
        let db = directory.appendingPathComponent("k.sqlite").path
        for delay in [0.15, 0.3, 0.6, 1.2] {
            let process = Process()
            process.executableURL = NASBenchProcess.executable
            process.arguments = ["ingest", table, "--db", db]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            guard FileManager.default.fileExists(atPath: db) else { continue }
            let connection = try SQLiteConnection(path: db)
            #expect(try connection.prepare("PRAGMA integrity_check").rows()[0][0].stringValue == "ok")
            let measurements = try connection.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'measurement'")
                .rows()[0][0].integerValue! == 0 ? 0 : try connection.prepare("SELECT count(*) FROM measurement").rows()[0][0].integerValue!
            #expect(measurements == 0 || measurements == full, "after \(delay) s: \(measurements)")
        }
        let rerun = try NASBenchProcess.run(["ingest", table, "--db", db])
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(try tableCounts(db)[4] == full)
        #expect(try SQLiteConnection(path: db).prepare("PRAGMA integrity_check").rows()[0][0].stringValue == "ok")
    }
}

/// Runs a program, requires success, and returns its standard output.
@discardableResult
func run(_ executable: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("run-\(UUID()).out")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: output) }
    process.standardOutput = try FileHandle(forWritingTo: output)
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "\(executable) \(arguments.prefix(2)) failed")
    return try String(contentsOf: output, encoding: .utf8)
}
