import Foundation
import HDF5
import Networks
import SearchSpaces
import TensorEngine
import Testing

/// Our NB201 network against PyTorch: logits, loss and every gradient for the same weights and batch, from
/// datasets/fixtures/networks/nb201_reference.h5 (made by scripts/generate_network_fixtures.py).
@Suite("NB201 network matches PyTorch")
struct PyTorchReferenceTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("datasets/fixtures/networks/nb201_reference.h5")

    /// Largest absolute difference relative to the reference's largest magnitude, floored at `floor`.
    ///
    /// The floor matters for gradients that are zero in exact arithmetic (a BN shift feeding straight into
    /// another batch-statistics BN): both sides then hold only round-off, 1e-17 in PyTorch's float64 and more in
    /// float32, which no relative measure can compare.
    static func relativeError(_ ours: [Double], _ reference: [Double], floor: Double = 1e-12) -> Double {
        let scale = max(reference.map(abs).max() ?? 0, floor)
        return zip(ours, reference).map { abs($0 - $1) }.max()! / scale
    }

    @Test("logits, loss and gradients agree", arguments: [
        ("mixed", DType.float32, 1e-4), ("mixed", DType.float64, 1e-9),
        ("all_conv3x3_nonaffine", DType.float32, 1e-4), ("all_conv3x3_nonaffine", DType.float64, 1e-9),
        ("dangling", DType.float32, 1e-4), ("dangling", DType.float64, 1e-9),
    ])
    func agrees(name: String, dtype: DType, tolerance: Double) throws {
        let file = try HDF5File.open(Self.fixture.path)
        let group = try file.group(name)
        let architecture = try NB201Architecture(archString: group.stringAttribute("arch"))
        let configuration = NB201NetworkConfiguration(
            shape: NB201NetworkShape(channels: Int(try group.int64Attribute("channels")),
                                     cellsPerStage: Int(try group.int64Attribute("cells_per_stage"))),
            classCount: 10, cellBatchNormAffine: try group.int64Attribute("cell_bn_affine") == 1, dtype: dtype)
        let network = NB201Network(architecture: architecture, configuration: configuration, seed: 0)

        let names = try group.dataset("parameter_names").readStrings().values
        let sizes = try group.dataset("parameter_sizes").read(Int64.self).values.map(Int.init)
        let values = try group.dataset("parameters").read(Double.self).values
        let gradients = try group.dataset("gradients").read(Double.self).values
        var offset = 0
        var reference: [String: (value: ArraySlice<Double>, gradient: ArraySlice<Double>)] = [:]
        for (name, size) in zip(names, sizes) {
            reference[name] = (values[offset..<offset + size], gradients[offset..<offset + size])
            offset += size
        }
        #expect(Set(reference.keys) == Set(network.parameters.map(\.name)))
        for parameter in network.parameters {
            let stored = try #require(reference[parameter.name])
            parameter.value = Tensor(shape: parameter.shape, doubleScalars: Array(stored.value)).converted(to: dtype)
        }

        let input = try group.dataset("input").read(Double.self)
        let tape = Tape()
        let logits = network(tape.input(Tensor(shape: input.shape, doubleScalars: input.values).converted(to: dtype)),
                             training: true)
        let labels = try group.dataset("labels").read(Int64.self).values.map(Int.init)
        let loss = logits.softmaxCrossEntropy(labels: labels)
        tape.backward(loss)

        #expect(Self.relativeError(logits.value.doubleScalars, try group.dataset("logits").read(Double.self).values) <= tolerance)
        #expect(Self.relativeError(loss.value.doubleScalars, try group.dataset("loss").read(Double.self).values) <= tolerance)
        // Round-off floor: gradients smaller than this share of the largest one are compared in absolute terms.
        let gradientFloor = gradients.map(abs).max()! * (dtype == .float32 ? 1e-3 : 1e-6)
        for parameter in network.parameters {
            let expected = Array(reference[parameter.name]!.gradient)
            let ours = parameter.grad?.doubleScalars ?? Array(repeating: 0, count: expected.count)
            if expected.allSatisfy({ $0 == 0 }) {
                #expect(ours.allSatisfy { $0 == 0 }, "\(parameter.name) should have no gradient (dangling)")
            } else {
                #expect(Self.relativeError(ours, expected, floor: gradientFloor) <= tolerance, "\(parameter.name)")
            }
        }
    }
}
