import CSV
import Foundation
import NASCore
import SearchSpaces
import Testing

@Suite("NB201 params and FLOPs")
struct NB201ComplexityTests {
    static let allConv3x3 = NB201Architecture(operations: Array(repeating: .conv3x3, count: 6))
    static let allNone = NB201Architecture(operations: Array(repeating: .none, count: 6))

    @Test("published anchors on CIFAR-10 (REFERENCE §1)")
    func cifar10Anchors() throws {
        let resNetLike = try NB201Architecture(
            archString: "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|")
        let resNet = NB201Complexity(resNetLike, dataset: .cifar10)
        #expect(resNet.parameters == 559_386)
        #expect(resNet.multiplyAccumulates == 78_561_930)
        #expect(NB201Complexity(Self.allConv3x3, dataset: .cifar10).parameters == 1_531_546)
        #expect(NB201Complexity(Self.allConv3x3, dataset: .cifar10).multiplyAccumulates == 220_119_690)
        #expect(NB201Complexity(Self.allNone, dataset: .cifar10).parameters == 73_306)
        #expect(NB201Complexity(Self.allNone, dataset: .cifar10).multiplyAccumulates == 7_783_050)
    }

    @Test("ImageNet16-120 FLOPs range 1.9534 to 55.03756")
    func imageNetRange() {
        let flops = NB201SearchSpace().architectures.map {
            NB201Complexity($0, dataset: .imagenet16_120).flopsInMillions
        }
        #expect(flops.min() == 1.9534)
        #expect(flops.max() == 55.03756)
    }

    @Test("complexity takes exactly 28 distinct values, set by the counts of 1x1 and 3x3 convs")
    func twentyEightLevels() {
        let values = Set(NB201SearchSpace().architectures.map {
            NB201Complexity($0, dataset: .cifar10).parameters
        })
        #expect(values.count == 28)
    }

    @Test("params match the benchmark's own column for every row of the 725-architecture reference, 3 datasets")
    func matchesZeroCostReference() throws {
        guard let url = ProjectPaths.referenceFile("nb201/zero_cost_reference_725.csv") else { return }
        let reader = try CSVReader(stream: InputStream(url: url)!, hasHeaderRow: true)
        var rows = 0
        var datasets = Set<ImageDataset>()
        while reader.next() != nil {
            let dataset = try #require(ImageDataset(name: reader["dataset"]!))
            let cell = try NB201Architecture(archString: reader["arch_str"]!)
            let expected = try #require(Double(reader["params"]!))
            let params = NB201Complexity(cell, dataset: dataset).parametersInMillions
            #expect(abs(params - expected) <= 1e-6, "\(cell) on \(dataset.rawValue)")
            datasets.insert(dataset)
            rows += 1
        }
        // 725 rows each for CIFAR-10 and CIFAR-100; the ImageNet16-120 block of the published file has 724.
        #expect(rows == 725 + 725 + 724)
        #expect(datasets.count == 3)
    }
}
