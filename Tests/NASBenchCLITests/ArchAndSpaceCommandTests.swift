import Foundation
import Testing

@Suite("nasbench arch and space commands")
struct ArchAndSpaceCommandTests {
    static let resNetLike = "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|"
    static let allConv3x3 = "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|"
    static let allNone = "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"

    @Test("arch info prints the published params and FLOPs", arguments: [
        (resNetLike, "cifar10", 0.559386, 78.56193),
        (allConv3x3, "cifar10", 1.531546, 220.11969),
        (allNone, "cifar10", 0.073306, 7.78305),
        (allNone, "imagenet16-120", 0.080456, 1.9534),
        (allConv3x3, "imagenet16-120", 1.538696, 55.03756),
    ])
    func archInfoJSON(arch: String, dataset: String, params: Double, flops: Double) throws {
        let info = try NASBenchProcess.json(["arch", "info", arch, "--dataset", dataset, "--format", "json"])
        #expect(info["arch"] as? String == arch)
        #expect(info["dataset"] as? String == dataset)
        #expect(info["params_m"] as? Double == params)
        #expect(info["flops_m"] as? Double == flops)
        #expect(info["canonical"] is String)
    }

    @Test("arch info text names the canonical key, dangling edges and numbers")
    func archInfoText() throws {
        let output = try NASBenchProcess.run(["arch", "info", Self.resNetLike])
        #expect(output.status == 0)
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.contains("canonical       #+#+0"))
        #expect(lines.contains("params (M)      0.559386"))
        #expect(lines.contains("FLOPs (M)       78.56193"))
        #expect(lines.contains("live edges      0->3:skip_connect"))
        #expect(lines.contains("dangling edges  0->1:nor_conv_3x3 1->2:nor_conv_3x3"))
        #expect(lines.contains("op counts       none=3 skip_connect=1 nor_conv_1x1=0 nor_conv_3x3=2 avg_pool_3x3=0"))
    }

    @Test("a malformed arch string is a one-line error and a non-zero exit")
    func malformedArch() throws {
        let output = try NASBenchProcess.run(["arch", "info", "|nor_conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|"])
        #expect(output.status != 0)
        #expect(output.standardOutput.isEmpty)
        #expect(output.standardError == "Error: invalid NB201 arch string "
            + "'|nor_conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|': "
            + "unknown operation 'nor_conv_5x5' in token 'nor_conv_5x5~0'\n")
    }

    @Test("an unknown dataset is rejected")
    func unknownDataset() throws {
        let output = try NASBenchProcess.run(["arch", "info", Self.allNone, "--dataset", "mnist"])
        #expect(output.status != 0)
        #expect(output.standardError.contains("mnist"))
    }

    @Test("space info reports 15,625 cells and 6,466 classes")
    func spaceInfo() throws {
        let info = try NASBenchProcess.json(["space", "info", "nb201", "--format", "json"])
        #expect(info["cells"] as? Int == 15_625)
        #expect(info["unique_classes"] as? Int == 6_466)
        #expect(info["classes_without_zero_merging"] as? Int == 12_751)
        #expect(info["largest_class"] as? Int == 275)
        #expect(info["singleton_classes"] as? Int == 5_116)
    }

    @Test("space list prints one CSV row per cell, or per class with --unique", arguments: [
        ([] as [String], 15_625), (["--unique"], 6_466),
    ])
    func spaceList(flags: [String], rows: Int) throws {
        let output = try NASBenchProcess.run(["space", "list", "nb201", "--format", "csv"] + flags)
        #expect(output.status == 0)
        let lines = output.standardOutput.split(separator: "\n")
        #expect(lines.first == "arch,canonical,params_m,flops_m")
        #expect(lines.count == rows + 1)
        let canonicalKeys = lines.dropFirst().map { $0.split(separator: ",")[1] }
        #expect(Set(canonicalKeys).count == 6_466)
        #expect(lines.contains("\(Self.allConv3x3),\(lines.first { $0.hasPrefix(Self.allConv3x3) }!.split(separator: ",")[1]),1.531546,220.11969"))
    }

    @Test("every command explains itself with an example in --help", arguments: [
        [], ["arch"], ["arch", "info"], ["space"], ["space", "info"], ["space", "list"], ["import"], ["import", "csv"],
        ["import", "naslib-json"], ["ingest"], ["query"], ["top"], ["export"], ["score"], ["merge"], ["rank"], ["train"],
        ["search"], ["bench"], ["bench", "store"], ["bench", "ranking"], ["bench", "search"], ["bench", "kernels"], ["bench", "network"],
    ])
    func help(command: [String]) throws {
        let output = try NASBenchProcess.run(command + ["--help"])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("Example"))
        #expect(output.standardOutput.contains((["nasbench"] + command).joined(separator: " ")))
    }
}
