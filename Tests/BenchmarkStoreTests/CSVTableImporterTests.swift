import BenchmarkTables
import Foundation
import Testing

@Suite("CSV import with column mappings")
struct CSVTableImporterTests {
    static let mappings: [(csv: String, mapping: String, architectures: Int, blocks: Int)] = [
        ("nb201/nb201_accuracy_latency.csv", "nb201_accuracy_latency.json", 15_625, 4),
        ("nb201/hw_nas_bench_cifar10.csv", "hw_nas_bench_cifar10.json", 15_625, 1),
        ("nb201/hw_nas_bench_cifar100.csv", "hw_nas_bench_cifar100.json", 15_625, 1),
        ("nb201/hw_nas_bench_imagenet16_120.csv", "hw_nas_bench_imagenet16_120.json", 15_625, 1),
        ("nb201/nb201_cifar10valid_train_stats.csv", "nb201_cifar10valid_train_stats.json", 15_625, 1),
        ("nb201/zero_cost_reference_725.csv", "zero_cost_nb201.json", 725, 3),
        ("nb101/zero_cost_reference_500.csv", "zero_cost_nb101.json", 500, 1),
        ("nb301/zero_cost_reference_725.csv", "zero_cost_nb301.json", 725, 1),
    ]

    static func mapping(_ name: String) throws -> CSVImportMapping {
        try CSVImportMapping.load(from: ProjectPaths.root.appendingPathComponent("datasets/mappings/\(name)"))
    }

    @Test("every published CSV imports with its mapping", arguments: mappings.indices)
    func importsEveryPublishedTable(index: Int) throws {
        let entry = Self.mappings[index]
        guard let csv = ProjectPaths.referenceFile(entry.csv) else { return }
        let table = try CSVTableImporter.importTable(csv: csv, mapping: try Self.mapping(entry.mapping))
        #expect(table.architectures.count == entry.architectures)
        #expect(table.blocks.count == entry.blocks)
    }

    @Test("index 0 of the NB201 table keeps the CSV's exact values")
    func nb201Values() throws {
        guard let csv = ProjectPaths.referenceFile("nb201/nb201_accuracy_latency.csv") else { return }
        let table = try CSVTableImporter.importTable(csv: csv, mapping: try Self.mapping("nb201_accuracy_latency.json"))
        #expect(table.architectures[0] == "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")
        #expect(table.benchmarkIndices?[0] == 0)
        let cifar10 = try #require(table.blocks.first { $0.dataset == "cifar10" })
        let accuracy = try #require(cifar10.columns.first { $0.name == "cifar10_test_acc_200ep_mean" })
        #expect(accuracy.values[0] == 85.86333333)
        #expect(accuracy.values.max() == 94.37333333333333 || abs(accuracy.values.max()! - 94.37) < 0.005)
        #expect(cifar10.columns.filter { $0.name.hasPrefix("lat_ms") }.count == 27)
    }

    @Test("the zero-cost table's NaN and -inf scores are kept as failed scores, not numbers")
    func zeroCostNaN() throws {
        guard let csv = ProjectPaths.referenceFile("nb201/zero_cost_reference_725.csv") else { return }
        let table = try CSVTableImporter.importTable(csv: csv, mapping: try Self.mapping("zero_cost_nb201.json"))
        let synflow = table.blocks.first { $0.dataset == "cifar10" }!.columns.first { $0.name == "synflow" }!
        #expect(synflow.values.filter(\.isNaN).count == 1)
        let nwot = table.blocks.first { $0.dataset == "cifar10" }!.columns.first { $0.name == "nwot" }!
        #expect(nwot.values.filter { $0 == -.infinity }.count > 0)
        #expect(synflow.estimator?.settingsJSON == #"{"source":"NAS-Bench-Suite-Zero (published)"}"#)
        #expect(table.blocks.map(\.dataset) == ["cifar10", "cifar100", "imagenet16-120"])
        #expect(table.blocks[2].architectureRows?.count == 724)
    }
}

@Suite("CSV import rejects bad input with one-line errors")
struct CSVTableImporterBadInputTests {
    static func write(_ text: String, name: String = "table.csv") throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nasbench-csv-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let mapping = CSVImportMapping(
        benchmark: "tiny", searchSpace: .nb201, archColumn: "arch", dataset: "cifar10",
        columns: [.init(column: "acc", unit: "%", epochs: 200, role: .groundTruth, higherIsBetter: true)])
    static let a = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|"
    static let b = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"

    static func problem(_ csv: String, mapping: CSVImportMapping = mapping) throws -> String? {
        let url = try write(csv)
        do {
            _ = try CSVTableImporter.importTable(csv: url, mapping: mapping)
            return nil
        } catch {
            #expect(error.file == url.path)
            #expect(!error.description.contains("\n"))
            return error.problem
        }
    }

    @Test("a well-formed file imports")
    func wellFormed() throws {
        #expect(try Self.problem("arch,acc\n\(Self.a),91.5\n\(Self.b),10\n") == nil)
    }

    @Test("a missing file")
    func missingFile() {
        let url = URL(fileURLWithPath: "/nonexistent/table.csv")
        #expect(throws: BenchmarkFileError(file: url.path, problem: "no such file")) {
            try CSVTableImporter.importTable(csv: url, mapping: Self.mapping)
        }
    }

    @Test("a mapped column that the CSV lacks or misspells")
    func missingColumn() throws {
        #expect(try Self.problem("arch,accuracy\n\(Self.a),91.5\n") ==
            "the CSV has no column 'acc' (columns[0]); its columns are arch, accuracy")
        #expect(try Self.problem("architecture,acc\n\(Self.a),91.5\n") ==
            "the CSV has no column 'arch' (arch_column); its columns are architecture, acc")
    }

    @Test("an arch string that does not parse")
    func badArch() throws {
        #expect(try Self.problem("arch,acc\n|nor_conv_3x3~0|+|none~0|+|none~0|,1\n") ==
            "line 2: invalid NB201 arch string '|nor_conv_3x3~0|+|none~0|+|none~0|': "
            + "node 2 group '|none~0|' must list 2 input(s), found 1")
    }

    @Test("a duplicate architecture")
    func duplicate() throws {
        #expect(try Self.problem("arch,acc\n\(Self.a),1\n\(Self.b),2\n\(Self.a),3\n") ==
            "duplicate architecture '\(Self.a)' at line 4")
    }

    @Test("NaN, inf and text where a finite number is required")
    func nonFinite() throws {
        #expect(try Self.problem("arch,acc\n\(Self.a),1\n\(Self.b),nan\n") ==
            "metric 'acc' of dataset 'cifar10' is nan for architecture 1; a finite value is required")
        #expect(try Self.problem("arch,acc\n\(Self.a),inf\n") ==
            "metric 'acc' of dataset 'cifar10' is inf for architecture 0; a finite value is required")
        #expect(try Self.problem("arch,acc\n\(Self.a),ninety\n") == "line 2, column 'acc': 'ninety' is not a number")
    }

    @Test("a row with the wrong number of fields")
    func raggedRow() throws {
        #expect(try Self.problem("arch,acc\n\(Self.a),1,2\n") == "line 2 has 3 fields, the header has 2")
    }
}
