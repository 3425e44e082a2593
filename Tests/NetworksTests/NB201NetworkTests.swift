import NASCore
import Networks
import SearchSpaces
import TensorEngine
import Testing

@Suite("NB201 network")
struct NB201NetworkTests {
    @Test("parameter count equals the benchmark's analytic count, dangling edges included",
          arguments: [0, 1, 1_234, 7_777, 15_624, 11_718])
    func parameterCount(index: Int) {
        let cell = NB201Architecture(index: index)
        for dataset in ImageDataset.allCases {
            let network = NB201Network(architecture: cell, configuration: .benchmark(for: dataset), seed: 1)
            #expect(network.parameterCount == NB201Complexity(cell, dataset: dataset).parameters)
        }
    }

    @Test("logits have the right shape, and the same seed gives the same logits")
    func forward() {
        let cell = NB201Architecture(operations: [.conv3x3, .skipConnect, .avgPool3x3, .conv1x1, .none, .conv3x3])
        let configuration = NB201NetworkConfiguration(shape: NB201NetworkShape(channels: 4, cellsPerStage: 1), classCount: 10)
        var generator = SeededGenerator(seed: 9)
        let input = Tensor.randomNormal(shape: [2, 3, 8, 8], standardDeviation: 1, using: &generator)
        func logits(seed: UInt64) -> [Float] {
            let tape = Tape(recordsGradients: false)
            return NB201Network(architecture: cell, configuration: configuration, seed: seed)(tape.input(input), training: true).value.scalars
        }
        #expect(logits(seed: 3).count == 20)
        #expect(logits(seed: 3) == logits(seed: 3))
        #expect(logits(seed: 3) != logits(seed: 4))
    }

    @Test("a cell without a live path outputs zeros, so every input gives the classifier's bias")
    func disconnectedCell() {
        let cell = NB201Architecture(operations: [.conv3x3, .none, .conv3x3, .none, .none, .none])
        let configuration = NB201NetworkConfiguration(shape: NB201NetworkShape(channels: 4, cellsPerStage: 1), classCount: 3)
        let network = NB201Network(architecture: cell, configuration: configuration, seed: 2)
        var generator = SeededGenerator(seed: 5)
        let tape = Tape(recordsGradients: false)
        let logits = network(tape.input(Tensor.randomNormal(shape: [2, 3, 8, 8], standardDeviation: 1, using: &generator)),
                             training: false).value.scalars
        #expect(logits[0..<3] == logits[3..<6])
    }
}
