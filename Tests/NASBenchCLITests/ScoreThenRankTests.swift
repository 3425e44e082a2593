import BenchmarkStore
import Foundation
import NASCore
import Testing

/// The evaluation loop end to end: `nasbench score` stores zero-cost scores, the NB201 ground truth is imported and
/// ingested into the same database, and `nasbench rank --score …` ranks the stored scores against it. The criteria
/// are checked against a Spearman correlation recomputed here from the database. A small network (C=4, N=1) and a
/// batch of 16 keep it to a few seconds in a debug build.
@Suite("nasbench score, then nasbench rank")
struct ScoreThenRankTests {
    /// Twelve NB201 cells; the last one's output node receives only `none` edges and a zero node, so every ReLU
    /// after its first cell sees the same input for all images: relu_logdet fails on it (K singular) and synflow and
    /// grad_norm are exactly 0.
    static let architectures = [
        "|avg_pool_3x3~0|+|skip_connect~0|none~1|+|avg_pool_3x3~0|nor_conv_3x3~1|skip_connect~2|",
        "|none~0|+|skip_connect~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|none~2|",
        "|nor_conv_1x1~0|+|avg_pool_3x3~0|avg_pool_3x3~1|+|avg_pool_3x3~0|avg_pool_3x3~1|avg_pool_3x3~2|",
        "|avg_pool_3x3~0|+|skip_connect~0|nor_conv_3x3~1|+|nor_conv_1x1~0|avg_pool_3x3~1|nor_conv_1x1~2|",
        "|nor_conv_3x3~0|+|nor_conv_1x1~0|nor_conv_1x1~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_1x1~2|",
        "|avg_pool_3x3~0|+|avg_pool_3x3~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_3x3~1|skip_connect~2|",
        "|skip_connect~0|+|none~0|none~1|+|nor_conv_1x1~0|none~1|none~2|",
        "|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|nor_conv_3x3~0|avg_pool_3x3~1|skip_connect~2|",
        "|nor_conv_3x3~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
        "|skip_connect~0|+|skip_connect~0|nor_conv_3x3~1|+|nor_conv_3x3~0|none~1|nor_conv_3x3~2|",
        "|avg_pool_3x3~0|+|skip_connect~0|skip_connect~1|+|avg_pool_3x3~0|skip_connect~1|skip_connect~2|",
        "|none~0|+|skip_connect~0|avg_pool_3x3~1|+|none~0|skip_connect~1|none~2|",
    ]
    static let estimators = ["relu_logdet", "synflow", "grad_norm"]
    static let truth = "cifar10_test_acc_200ep_mean"

    /// The reference files the test needs, or nil after printing why it is skipped.
    static func referenceFiles(_ test: String) -> (images: URL, table: URL)? {
        let root = NASBenchProcess.projectRoot
        guard let images = ReferenceData.file("cifar10/train_20k.bin", projectRoot: root),
              let table = ReferenceData.file("nb201/nb201_accuracy_latency.csv", projectRoot: root) else {
            print("SKIPPED: \(test): reference data (cifar10/train_20k.bin, nb201/nb201_accuracy_latency.csv) not found "
                + "under \(ReferenceData.directory(projectRoot: root).path) (set \(ReferenceData.environmentVariable))")
            return nil
        }
        return (images, table)
    }

    /// The truth column of the reference table for `architectures`, read at run time (nothing is copied).
    static func truthValues(table: URL, architectures: [String]) throws -> [String: Double] {
        let lines = try String(contentsOf: table, encoding: .utf8).split(separator: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let archColumn = try #require(header.firstIndex(of: "arch_str"))
        let truthColumn = try #require(header.firstIndex(of: truth))
        let wanted = Set(architectures)
        var values: [String: Double] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            let arch = String(fields[archColumn])
            if wanted.contains(arch) { values[arch] = Double(fields[truthColumn]) }
        }
        return values
    }

    /// Ranks 1…n with ties given their average rank.
    static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            for position in start...end { ranks[order[position]] = Double(start + end) / 2 + 1 }
            start = end + 1
        }
        return ranks
    }

    /// Spearman's rho: Pearson's r of the average ranks.
    static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        let rx = averageRanks(x), ry = averageRanks(y)
        let mx = rx.reduce(0, +) / Double(rx.count), my = ry.reduce(0, +) / Double(ry.count)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in rx.indices {
            sxy += (rx[i] - mx) * (ry[i] - my)
            sxx += (rx[i] - mx) * (rx[i] - mx)
            syy += (ry[i] - my) * (ry[i] - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    /// Every stored score of `estimator` by architecture: a value, or nil for a stored failure.
    static func storedScores(_ db: String, estimator: String) throws -> [String: Double?] {
        let rows = try SQLiteConnection(path: db, readOnly: true).prepare("""
            SELECT a.arch, s.value, s.failure FROM score s
            JOIN estimator_run r ON r.id = s.run_id JOIN architecture a ON a.id = s.architecture_id
            WHERE r.estimator = '\(estimator)'
            """).rows()
        return Dictionary(uniqueKeysWithValues: rows.map { row in (row[0].stringValue ?? "", row[1].doubleValue) })
    }

    /// The stored truth metric by architecture.
    static func storedTruth(_ db: String) throws -> [String: Double] {
        let rows = try SQLiteConnection(path: db, readOnly: true).prepare("""
            SELECT a.arch, v.value FROM measurement v
            JOIN metric m ON m.id = v.metric_id JOIN dataset d ON d.id = m.dataset_id
            JOIN architecture a ON a.id = v.architecture_id
            WHERE m.name = '\(truth)' AND d.name = 'cifar10'
            """).rows()
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0].stringValue ?? "", $0[1].doubleValue ?? .nan) })
    }

    @Test("scores stored by score are ranked by rank: one row per estimator, a correlation matrix, rho as recomputed")
    func scoreThenRank() throws {
        guard let reference = Self.referenceFiles("scoreThenRank") else { return }
        let directory = try scratchDirectory()
        let db = directory.appendingPathComponent("loop.sqlite").path

        // Ground truth: the reference table's column for the twelve cells, imported through a mapping and ingested.
        let truth = try Self.truthValues(table: reference.table, architectures: Self.architectures)
        #expect(truth.count == Self.architectures.count)
        let csv = directory.appendingPathComponent("truth.csv")
        try (["arch_str,\(Self.truth)"] + Self.architectures.map { "\($0),\(truth[$0]!)" })
            .joined(separator: "\n").write(to: csv, atomically: true, encoding: .utf8)
        let mapping = directory.appendingPathComponent("truth_mapping.json")
        try """
            {"benchmark": "nb201-truth-subset", "search_space": "nb201", "source": "nb201_accuracy_latency.csv (12 rows)",
             "licence": "MIT", "description": "score-then-rank test", "arch_column": "arch_str", "dataset": "cifar10",
             "columns": [{"column": "\(Self.truth)", "role": "ground_truth", "unit": "%", "epochs": 200,
                          "higher_is_better": true, "description": "CIFAR-10 test accuracy after 200 epochs"}]}
            """.write(to: mapping, atomically: true, encoding: .utf8)
        let h5 = directory.appendingPathComponent("truth.h5").path
        let imported = try NASBenchProcess.run(["import", "csv", csv.path, "--mapping", mapping.path, "-o", h5])
        #expect(imported.status == 0, "\(imported.standardError)")
        let ingested = try NASBenchProcess.run(["ingest", h5, "--db", db])
        #expect(ingested.status == 0, "\(ingested.standardError)")

        // Scores.
        let list = directory.appendingPathComponent("archs.txt")
        try Self.architectures.joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        let scored = try NASBenchProcess.run([
            "score", "--db", db, "--estimators", Self.estimators.joined(separator: ","), "--archs", "file:\(list.path)",
            "--data-file", reference.images.path, "--channels", "4", "--cells", "1", "--batch", "16",
        ])
        #expect(scored.status == 0, "\(scored.standardError)")
        #expect(scored.standardOutput.contains("relu_logdet: 11 scored, 1 failed"), "\(scored.standardOutput)")
        #expect(scored.standardOutput.contains("synflow: 12 scored, 0 failed"), "\(scored.standardOutput)")
        #expect(scored.standardOutput.contains("grad_norm: 12 scored, 0 failed"), "\(scored.standardOutput)")

        // Rank.
        let output = try NASBenchProcess.run([
            "rank", "--db", db, "--score", Self.estimators.joined(separator: ","), "--truth", Self.truth,
            "--dataset", "cifar10", "--output", directory.appendingPathComponent("rank").path, "--format", "json",
        ], in: directory)
        #expect(output.status == 0, "\(output.standardError)")
        let result = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(result["rows"] as? Int == Self.architectures.count)
        let entries = try #require(result["scores"] as? [[String: Any]])
        #expect(entries.compactMap { $0["name"] as? String } == Self.estimators)

        // Independent check: Spearman recomputed from the scores and the truth stored in the database.
        let storedTruth = try Self.storedTruth(db)
        #expect(storedTruth == truth)
        var usable: [String: [String: Double]] = [:]
        for (name, entry) in zip(Self.estimators, entries) {
            let scores = try Self.storedScores(db, estimator: name)
            #expect(scores.count == Self.architectures.count)
            let values = scores.compactMapValues { $0 }
            usable[name] = values
            let archs = values.keys.sorted()
            let expected = Self.spearman(archs.map { values[$0]! }, archs.map { storedTruth[$0]! })
            #expect(entry["pairs_used"] as? Int == values.count, "\(name)")
            #expect((entry["missing"] as? [String: Int])?["failed"] == scores.count - values.count, "\(name)")
            let rho = try #require((entry["criteria"] as? [String: Any])?["spearman_rho"] as? Double)
            #expect(abs(rho - expected) < 1e-12, "\(name): rank says \(rho), recomputed \(expected)")
        }
        #expect(usable["relu_logdet"]?.count == 11)

        // The correlation matrix: estimators then the truth, symmetric, unit diagonal, entries as recomputed.
        let correlations = try #require(result["correlations"] as? [String: Any])
        let names = try #require(correlations["names"] as? [String])
        #expect(names == Self.estimators + [Self.truth])
        let matrix = try #require(correlations["spearman_rho"] as? [[Double]])
        #expect(matrix.count == names.count && matrix.allSatisfy { $0.count == names.count })
        for i in matrix.indices {
            #expect(abs(matrix[i][i] - 1) < 1e-12)
            for j in matrix.indices { #expect(abs(matrix[i][j] - matrix[j][i]) < 1e-12) }
        }
        let synflow = usable["synflow"]!, gradNorm = usable["grad_norm"]!
        let common = synflow.keys.filter { gradNorm[$0] != nil }.sorted()
        let pair = Self.spearman(common.map { synflow[$0]! }, common.map { gradNorm[$0]! })
        #expect(abs(matrix[1][2] - pair) < 1e-12, "synflow vs grad_norm: rank says \(matrix[1][2]), recomputed \(pair)")

        // The written report: one summary row per estimator with the recomputed rho, and the correlation matrix.
        let folder = directory.appendingPathComponent("rank")
        let report = try String(contentsOf: folder.appendingPathComponent("report.md"), encoding: .utf8)
        let summary = report.components(separatedBy: "## Summary")[1].components(separatedBy: "\n\n")[1]
        let rows = summary.split(separator: "\n").dropFirst(2)
        #expect(rows.count == Self.estimators.count, "\(summary)")
        for name in Self.estimators {
            let row = try #require(rows.first { $0.hasPrefix("| \(name) |") }, "\(summary)")
            let archs = usable[name]!.keys.sorted()
            let expected = Self.spearman(archs.map { usable[name]![$0]! }, archs.map { storedTruth[$0]! })
            #expect(row.contains("| \(String(format: "%.4f", expected)) |"), "\(row) lacks rho \(expected)")
        }
        #expect(report.contains("## Correlation between estimators"))
        let matrixCSV = try String(contentsOf: folder.appendingPathComponent("correlations.csv"), encoding: .utf8)
            .split(separator: "\n")
        #expect(matrixCSV.first == "spearman_rho," + names.joined(separator: ","))
        #expect(matrixCSV.count == names.count + 1)
    }
}
