import Estimators
import Foundation
import HDF5
import Networks
import SearchSpaces
import TensorEngine

/// One case of datasets/fixtures/estimators/estimators_reference.h5 (scripts/generate_estimator_fixtures.py):
/// a tiny NB201 network's weights, a batch, and the PyTorch reference recipes' scores.
struct ReferenceFixture {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("datasets/fixtures/estimators/estimators_reference.h5")

    /// The network cases in the file.
    static let cases = ["mixed", "all_conv3x3", "dangling", "disconnected"]

    let group: HDF5Group
    let architecture: NB201Architecture
    let shape: NB201NetworkShape
    let weights: [String: [Double]]
    let images: [Double]
    let imageShape: [Int]
    let labels: [Int]

    init(_ name: String) throws {
        group = try HDF5File.open(Self.file.path).group(name)
        architecture = try NB201Architecture(archString: group.stringAttribute("arch"))
        shape = NB201NetworkShape(channels: Int(try group.int64Attribute("channels")),
                                  cellsPerStage: Int(try group.int64Attribute("cells_per_stage")))
        let names = try group.dataset("parameter_names").readStrings().values
        let sizes = try group.dataset("parameter_sizes").read(Int64.self).values.map(Int.init)
        let values = try group.dataset("parameters").read(Double.self).values
        var offset = 0
        var weights: [String: [Double]] = [:]
        for (name, size) in zip(names, sizes) {
            weights[name] = Array(values[offset..<offset + size])
            offset += size
        }
        self.weights = weights
        let input = try group.dataset("input").read(Double.self)
        images = input.values
        imageShape = input.shape
        labels = try group.dataset("labels").read(Int64.self).values.map(Int.init)
    }

    /// A reference value stored as an attribute.
    func value(_ name: String) throws -> Double { try group.doubleAttribute(name) }

    /// The input batch in `dtype`.
    func imageTensor(_ dtype: DType) -> Tensor {
        Tensor(shape: imageShape, doubleScalars: images).converted(to: dtype)
    }

    /// Our network for the case with the stored weights (cell batch norms non-affine, as the generator's);
    /// `everyEdge` evaluates every edge as the reference does.
    func network(dtype: DType, batchNormRemoved: Bool = false, everyEdge: Bool = false) throws -> NB201Network {
        var configuration = NB201NetworkConfiguration(shape: shape, classCount: 10, cellBatchNormAffine: false,
                                                      batchNormRemoved: batchNormRemoved, dtype: dtype)
        configuration.evaluatesEveryEdge = everyEdge
        let network = NB201Network(architecture: architecture, configuration: configuration, seed: 0)
        for parameter in network.parameters {
            guard let stored = weights[parameter.name] else { throw FixtureError("no weights for \(parameter.name)") }
            parameter.value = Tensor(shape: parameter.shape, doubleScalars: stored).converted(to: dtype)
        }
        return network
    }
}

/// A malformed fixture.
struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// |a − b| / max(|b|, floor): the relative difference used by the known-value tests.
func relativeDifference(_ a: Double, _ b: Double, floor: Double = 1e-12) -> Double {
    abs(a - b) / max(abs(b), floor)
}
