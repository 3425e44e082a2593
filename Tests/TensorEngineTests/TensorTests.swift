import Foundation
import NASCore
import TensorEngine
import Testing

/// Tensors, initialisation, save/load and the sign-agreement kernel.
@Suite("Tensors, initialisation, archives")
struct TensorTests {
    @Test("copy-on-write keeps copies independent")
    func copyOnWrite() {
        let a = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
        var b = a
        b[1, 1] = 9
        #expect(a.scalars == [1, 2, 3, 4])
        #expect(b.scalars == [1, 2, 3, 9])
        var c = a
        c.add(a, scaledBy: 2)
        #expect(c.scalars == [3, 6, 9, 12])
        #expect(a.scalars == [1, 2, 3, 4])
    }

    @Test("float64 conversion round trip, reductions and element maps")
    func conversion() {
        let a = Tensor(shape: [3], scalars: [1.5, -2, 4])
        let d = a.converted(to: .float64)
        #expect(d.dtype == .float64 && d.doubleScalars == [1.5, -2, 4])
        #expect(d.mapScalars { abs($0) }.doubleScalars == [1.5, 2, 4])
        #expect(a.mapScalars { $0 * 2 }.scalars == [3, -4, 8])
        #expect(d.sum() == 3.5 && d.squaredNorm() == 22.25)
        #expect(d.converted(to: .float32).scalars == a.scalars)
    }

    @Test("Kaiming-normal fan-out: deterministic per seed, std √(2/fan_out)")
    func kaiming() {
        var g1 = SeededGenerator(seed: 3), g2 = SeededGenerator(seed: 3), g3 = SeededGenerator(seed: 4)
        let a = WeightInitialization.kaimingNormalFanOut(shape: [64, 32, 3, 3], using: &g1)
        let b = WeightInitialization.kaimingNormalFanOut(shape: [64, 32, 3, 3], using: &g2)
        let c = WeightInitialization.kaimingNormalFanOut(shape: [64, 32, 3, 3], using: &g3)
        #expect(a.scalars == b.scalars)
        #expect(a.scalars != c.scalars)
        let values = a.doubleScalars
        let mean = values.reduce(0, +) / Double(values.count)
        let std = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        let expected = (2.0 / Double(64 * 9)).squareRoot()
        #expect(abs(mean) < 0.02 * expected * 10)
        #expect(abs(std / expected - 1) < 0.02)
    }

    @Test("PyTorch default linear init: U(±1/√fan_in)")
    func linearInit() {
        var generator = SeededGenerator(seed: 5)
        let layer = Linear(name: "fc", inFeatures: 64, outFeatures: 10, using: &generator)
        let bound = 1 / 8.0
        #expect(layer.weight.value.doubleScalars.allSatisfy { abs($0) <= bound })
        #expect(layer.bias.value.doubleScalars.allSatisfy { abs($0) <= bound })
        #expect(layer.weight.value.doubleScalars.map(abs).max()! > 0.9 * bound)
    }

    @Test("save and load named parameters; corrupt files are rejected")
    func archive() throws {
        var generator = SeededGenerator(seed: 6)
        let conv = Conv2D(name: "stem", inChannels: 3, outChannels: 4, kernelSize: 3, using: &generator)
        let bn = BatchNorm2D(name: "stem.bn", channels: 4, dtype: .float64)
        bn.weight!.value = Tensor(shape: [4], doubleScalars: [1, 2, 3, 4.25])
        let parameters = conv.parameters + bn.parameters + bn.statistics
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("engine-archive-\(UUID()).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try ParameterArchive.save(parameters, to: url)
        var other = SeededGenerator(seed: 7)
        let conv2 = Conv2D(name: "stem", inChannels: 3, outChannels: 4, kernelSize: 3, using: &other)
        let bn2 = BatchNorm2D(name: "stem.bn", channels: 4, dtype: .float64)
        try ParameterArchive.load(into: conv2.parameters + bn2.parameters + bn2.statistics, from: url)
        #expect(conv2.weight.value.scalars == conv.weight.value.scalars)
        #expect(bn2.weight!.value.doubleScalars == [1, 2, 3, 4.25])
        let decoded = try ParameterArchive.decode(try Data(contentsOf: url))
        #expect(decoded.map(\.name) == parameters.map(\.name))
        #expect(decoded[1].tensor.dtype == .float64)
        let bytes = try Data(contentsOf: url)
        #expect(throws: ParameterArchive.ArchiveError.truncated) { try ParameterArchive.decode(bytes.prefix(bytes.count - 3)) }
        #expect(throws: ParameterArchive.ArchiveError.notAnArchive) { try ParameterArchive.decode(Data("hello".utf8)) }
        let wrong = Conv2D(name: "stem", inChannels: 3, outChannels: 5, kernelSize: 3, using: &other)
        #expect(throws: ParameterArchive.ArchiveError.self) { try ParameterArchive.load(into: wrong.parameters, from: url) }
    }

    @Test("sign agreement kernel equals c·cᵀ + (1−c)(1−c)ᵀ from ReLU inputs")
    func signAgreement() {
        var generator = SeededGenerator(seed: 8)
        let a = Tensor.randomNormal(shape: [5, 3, 7, 7], using: &generator)
        let b = Tensor.randomNormal(shape: [5, 70], using: &generator)
        let agreement = SignAgreement(batchSize: 5)
        let tape = Tape(recordsGradients: false)
        tape.reluObserver = { agreement.observe($0) }
        _ = tape.input(a).relu()
        _ = tape.input(b).relu()
        let codes = [a, b].map { t in
            (0..<5).map { i in (0..<(t.count / 5)).map { t[flat: i * (t.count / 5) + $0] > 0 ? 1.0 : 0.0 } }
        }
        let matrix = agreement.matrix
        #expect(agreement.units == 147 + 70)
        for i in 0..<5 {
            for j in 0..<5 {
                var expected = 0.0
                for c in codes { expected += zip(c[i], c[j]).map { $0 * $1 + (1 - $0) * (1 - $1) }.reduce(0, +) }
                #expect(matrix[i][j] == expected)
            }
        }
    }

    @Test("uniform samples equal the standard library's Double.random(in:using:) from the same stream")
    func uniformSamplesMatchStandardLibrary() {
        for range in [0.0..<1, Double.ulpOfOne..<1, -0.125..<0.125, -3..<7] {
            var ours = SeededGenerator(seed: 11), library = SeededGenerator(seed: 11)
            let tensor = Tensor.randomUniform(shape: [10_000], in: range, dtype: .float64, using: &ours)
            let expected = (0..<10_000).map { _ in Double.random(in: range, using: &library) }
            #expect((0..<10_000).allSatisfy { tensor[flat: $0] == expected[$0] })
        }
    }

    @Test("a tape without gradients records nothing and gives no gradient")
    func inference() {
        let p = Parameter(name: "p", value: Tensor(shape: [1, 1, 2, 2], scalars: [1, -1, 2, 0]))
        let tape = Tape(recordsGradients: false)
        let y = tape.variable(p).relu().sumAll()
        #expect(y.value[flat: 0] == 3)
        #expect(!y.requiresGradient)
        tape.backward(y)
        #expect(p.grad == nil)
    }
}
