import BenchmarkTables
import CSV
import Foundation
import Testing

@Suite("NASLib zero-cost JSON import")
struct NASLibZeroCostImporterTests {
    static let fixture = ProjectPaths.root.appendingPathComponent("datasets/fixtures/naslib/zc_nb201_tiny.json")

    @Test("keys, accuracies and scores match the generator's independent conversion")
    func fixtureMatchesGenerator() throws {
        let table = try NASLibZeroCostImporter.importTable(json: Self.fixture, searchSpace: .nb201, benchmark: "tiny")
        let expected = try CSVReader(
            string: String(contentsOf: ProjectPaths.root.appendingPathComponent(
                "datasets/fixtures/naslib/zc_nb201_tiny_expected.csv"), encoding: .utf8),
            hasHeaderRow: true)
        var checked = 0
        while expected.next() != nil {
            let dataset = DatasetName.normalized(expected["dataset"]!)
            let block = try #require(table.blocks.first { $0.dataset == dataset })
            let row = try #require(table.architectures.firstIndex(of: expected["arch_str"]!))
            let position = try #require((block.architectureRows ?? Array(table.architectures.indices)).firstIndex(of: row))
            for name in ["val_accuracy", "synflow", "nwot", "jacov"] {
                let value = block.columns.first { $0.name == name }!.values[position]
                let text = expected[name]!
                if text == "nan" { #expect(value.isNaN) } else { #expect(value == Double(text)!, "\(name)") }
            }
            checked += 1
        }
        #expect(checked == 18)
        #expect(Set(table.blocks.map(\.dataset)) == ["cifar10", "imagenet16-120"])
        #expect(table.blocks[0].columns.first { $0.name == "synflow" }?.role == .estimatorScore)
    }

    @Test("the published zero-cost table, converted to NASLib JSON, imports to the same values as the CSV")
    func agreesWithCSVImport() throws {
        guard let csv = ProjectPaths.referenceFile("nb201/zero_cost_reference_725.csv") else { return }
        let json = FileManager.default.temporaryDirectory.appendingPathComponent("zc-\(UUID()).json")
        let script = """
            import csv, json, sys
            doc = {}
            for row in csv.DictReader(open(sys.argv[1])):
                entry = {"id": int(row["idx"]), "val_accuracy": float(row["val_accuracy"])}
                for proxy in ["fisher", "grad_norm", "grasp", "jacov", "nwot", "plain", "snip", "synflow"]:
                    entry[proxy] = {"score": float(row[proxy] or "nan"), "time": float(row[proxy + "_time_s"] or "nan")}
                doc.setdefault(row["dataset"], {})[row["arch_key"]] = entry
            json.dump(doc, open(sys.argv[2], "w"))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, csv.path, json.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let fromJSON = try NASLibZeroCostImporter.importTable(json: json, searchSpace: .nb201, benchmark: "zc")
        let fromCSV = try CSVTableImporter.importTable(csv: csv, mapping: CSVImportMapping.load(
            from: ProjectPaths.root.appendingPathComponent("datasets/mappings/zero_cost_nb201.json")))
        #expect(Set(fromJSON.architectures) == Set(fromCSV.architectures))
        var compared = 0
        for block in fromCSV.blocks {
            let other = try #require(fromJSON.blocks.first { $0.dataset == block.dataset })
            let rows = block.architectureRows ?? Array(fromCSV.architectures.indices)
            let otherRows = other.architectureRows ?? Array(fromJSON.architectures.indices)
            var otherPosition: [String: Int] = [:]
            for (position, row) in otherRows.enumerated() { otherPosition[fromJSON.architectures[row]] = position }
            for name in ["val_accuracy", "nwot", "synflow", "jacov"] {
                let mine = block.columns.first { $0.name == name }!.values
                let theirs = other.columns.first { $0.name == name }!.values
                for (position, row) in rows.enumerated() {
                    let a = mine[position], b = theirs[otherPosition[fromCSV.architectures[row]]!]
                    #expect(a == b || (a.isNaN && b.isNaN))
                    compared += 1
                }
            }
        }
        #expect(compared == 4 * 2174)
    }

    @Test("malformed JSON and bad keys are one-line errors naming the file")
    func badInput() throws {
        let directory = FileManager.default.temporaryDirectory
        let notJSON = directory.appendingPathComponent("zc-\(UUID()).json")
        try "{ not json".write(to: notJSON, atomically: true, encoding: .utf8)
        #expect(throws: BenchmarkFileError(file: notJSON.path, problem: "not valid JSON")) {
            try NASLibZeroCostImporter.importTable(json: notJSON, searchSpace: .nb201, benchmark: "x")
        }
        let badKey = directory.appendingPathComponent("zc-\(UUID()).json")
        try #"{"cifar10": {"(0, 9, 1, 1, 1, 1)": {"id": 1, "val_accuracy": 50, "nwot": {"score": 1, "time": 1}}}}"#
            .write(to: badKey, atomically: true, encoding: .utf8)
        #expect(throws: BenchmarkFileError(file: badKey.path, problem:
            "dataset 'cifar10': invalid NB201 arch string '(0, 9, 1, 1, 1, 1)': '9' is not a NASLib op index 0...4")) {
            try NASLibZeroCostImporter.importTable(json: badKey, searchSpace: .nb201, benchmark: "x")
        }
        let wrongShape = directory.appendingPathComponent("zc-\(UUID()).json")
        try #"{"cifar10": [1, 2, 3]}"#.write(to: wrongShape, atomically: true, encoding: .utf8)
        #expect(throws: BenchmarkFileError(file: wrongShape.path, problem: "not NASLib zero-cost JSON: unexpected value at cifar10")) {
            try NASLibZeroCostImporter.importTable(json: wrongShape, searchSpace: .nb201, benchmark: "x")
        }
    }
}
