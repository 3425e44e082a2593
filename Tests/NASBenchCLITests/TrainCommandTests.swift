import Foundation
import NASCore
import Testing

@Suite("nasbench train")
struct TrainCommandTests {
    @Test("training a tiny network on Fashion-MNIST learns far beyond chance, reproducibly from the seed")
    func learnsFashionMNIST() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz") else {
            print("SKIPPED: dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)")
            return
        }
        let arguments = ["train", "--arch", "|nor_conv_3x3~0|+|skip_connect~0|nor_conv_1x1~1|+|skip_connect~0|none~1|avg_pool_3x3~2|",
                         "--data", "fashion-mnist", "--limit", "2000", "--epochs", "2", "--channels", "4", "--cells", "1",
                         "--batch", "50", "--seed", "3"]
        let first = try NASBenchProcess.run(arguments)
        #expect(first.status == 0, "\(first.standardError)")
        let line = first.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        #expect(line.hasPrefix("test accuracy "))
        let accuracy = try #require(Double(line.dropFirst("test accuracy ".count).prefix { $0 != "%" }))
        #expect(accuracy > 50, "10 classes: chance is 10%")
        #expect(first.standardError.contains("epoch 2/2"))
        #expect(try NASBenchProcess.run(arguments).standardOutput == first.standardOutput)
    }

    @Test("a malformed architecture is a one-line error")
    func badArchitecture() throws {
        let result = try NASBenchProcess.run(["train", "--arch", "|conv~0|", "--epochs", "1"])
        #expect(result.status != 0)
        #expect(result.standardError.hasPrefix("Error: invalid NB201 arch string '|conv~0|'"))
    }
}
