import CSV
import Foundation
import NASCore
import Testing

@Suite("published NB201 tables through import, ingest and query")
struct PublishedTablesTests {
    static let tables = [
        ("nb201/nb201_accuracy_latency.csv", "nb201_accuracy_latency.json"),
        ("nb201/hw_nas_bench_cifar10.csv", "hw_nas_bench_cifar10.json"),
        ("nb201/hw_nas_bench_cifar100.csv", "hw_nas_bench_cifar100.json"),
        ("nb201/hw_nas_bench_imagenet16_120.csv", "hw_nas_bench_imagenet16_120.json"),
        ("nb201/nb201_cifar10valid_train_stats.csv", "nb201_cifar10valid_train_stats.json"),
        ("nb201/zero_cost_reference_725.csv", "zero_cost_nb201.json"),
    ]

    @Test("every nb201 CSV imports and ingests; index 0 reads back exactly; top-1 CIFAR-10 accuracy is 94.37")
    func endToEnd() throws {
        let root = NASBenchProcess.projectRoot
        guard ReferenceData.file("nb201/nb201_accuracy_latency.csv", projectRoot: root) != nil else {
            print("SKIPPED: reference data not found under \(ReferenceData.directory(projectRoot: root).path)")
            return
        }
        let directory = try scratchDirectory()
        let db = directory.appendingPathComponent("nb201.sqlite").path
        var files: [String] = []
        for (csv, mapping) in Self.tables {
            let output = directory.appendingPathComponent(mapping.replacingOccurrences(of: ".json", with: ".h5")).path
            let result = try NASBenchProcess.run([
                "import", "csv", ReferenceData.file(csv, projectRoot: root)!.path,
                "--mapping", root.appendingPathComponent("datasets/mappings/\(mapping)").path, "-o", output,
            ])
            #expect(result.status == 0, "\(result.standardError)")
            files.append(output)
        }
        let ingest = try NASBenchProcess.run(["ingest"] + files + ["--db", db])
        #expect(ingest.status == 0, "\(ingest.standardError)")

        let arch = "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|"
        let info = try NASBenchProcess.json(["query", "--db", db, "--arch", arch, "--format", "json"])
        let measurements = info["measurements"] as! [[String: Any]]
        let reader = try CSVReader(string: String(contentsOf: ReferenceData.file(
            "nb201/nb201_accuracy_latency.csv", projectRoot: root)!, encoding: .utf8), hasHeaderRow: true)
        let row = try #require(reader.next())
        #expect(row[1] == arch)
        var compared = 0
        for (column, text) in zip(reader.headerRow!, row).dropFirst(2) {
            let stored = measurements.filter { $0["benchmark"] as? String == "nb201" && $0["metric"] as? String == column }
            #expect(stored.count == 1, "\(column)")
            #expect(stored.first?["value"] as? Double == Double(text), "\(column)")
            compared += 1
        }
        #expect(compared == 35)

        let top = try NASBenchProcess.run(["top", "--db", db, "--metric", "cifar10_test_acc_200ep_mean",
                                            "--dataset", "cifar10", "-k", "1", "--format", "csv"])
        let value = try #require(Double(top.standardOutput.split(separator: "\n")[1].split(separator: ",").last!))
        #expect((value * 100).rounded() / 100 == 94.37)
        let unique = try NASBenchProcess.run(["top", "--db", db, "--metric", "cifar10_test_acc_200ep_mean",
                                               "--dataset", "cifar10", "-k", "10", "--unique", "--format", "csv"])
        let keys = unique.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[2] }
        #expect(keys.count == 10)
        #expect(Set(keys).count == 10)
    }
}
