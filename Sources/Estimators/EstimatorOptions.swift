import ImageData
import NASCore
import Networks
import SearchSpaces
import TensorEngine

/// Options shared by the estimators, with the documented defaults (REFERENCE §3).
///
/// Every setting on which the published implementations disagree is here. Each estimator records, in its
/// `settings`, the options that affect its score.
public struct EstimatorOptions: Sendable, Hashable {
    /// Images per batch (default 128; zero-cost-nas used 64, NASWOT 128).
    public var batchSize = 128
    /// How many fixed batches are scored; the estimator's score is the mean of the per-batch scores (default 1).
    public var batches = 1
    /// Seed of the network's initial weights (default 0).
    public var seed: UInt64 = 0
    /// Channels of the network's first stage, C (default 16, the benchmark's).
    public var channels = 16
    /// Cells per stage, N (default 5, the benchmark's).
    public var cellsPerStage = 5
    /// Whether cell batch norms have an affine transform (default false, as the reference implementations).
    public var cellBatchNormAffine = false
    /// How the network's weights are drawn (default `.pytorch`, as every reference implementation).
    public var initialization = NetworkInitialization.pytorch
    /// Describes where the input batches come from, e.g. `cifar10:train_20k:held-out:first`.
    public var dataDescription = ""
    /// Which ReLUs relu_logdet reads (default `.all`, as the references; see `NASWOT.ReLUSelection`).
    public var reluSelection = NASWOT.ReLUSelection.all
    /// Which output jacob_cov differentiates (default `.summedLogits`, as zero-cost-nas and NASWOT).
    public var jacobianOutput = JacobianCovariance.Output.summedLogits
    /// Whether synflow reports log(score) (NASLib's published column) instead of the score (default false).
    public var synflowLogarithm = false

    /// The defaults.
    public init() {}

    /// The settings every data-using estimator stores.
    public var commonSettings: [String: EstimatorSettings.Value] {
        [
            "batch_size": .integer(batchSize), "batches": .integer(batches), "seed": .integer(Int(seed)),
            "channels": .integer(channels), "cells_per_stage": .integer(cellsPerStage),
            "cell_bn_affine": .flag(cellBatchNormAffine), "data": .text(dataDescription),
            "init": .text(initialization.rawValue),
        ]
    }

    /// The network an estimator scores: this shape and cell batch norm, the dataset's classes and input size,
    /// weights drawn from `seed` with `initialization`; `everyEdge` evaluates edges whose result is discarded too.
    public func network(for architecture: NB201Architecture, dataset: ImageDataset, batchNormRemoved: Bool = false,
                        dtype: DType = .float32, everyEdge: Bool = false) -> NB201Network {
        var configuration = NB201NetworkConfiguration(
            shape: NB201NetworkShape(channels: channels, cellsPerStage: cellsPerStage), classCount: dataset.classCount,
            inputChannels: dataset.channelCount, cellBatchNormAffine: cellBatchNormAffine,
            batchNormRemoved: batchNormRemoved, dtype: dtype)
        configuration.evaluatesEveryEdge = everyEdge
        let network = NB201Network(architecture: architecture, configuration: configuration, seed: seed)
        initialization.apply(to: network, seed: seed)
        return network
    }
}

/// How an estimator's network draws its initial weights.
public enum NetworkInitialization: String, Sendable, CaseIterable {
    /// PyTorch's module defaults, U(±1/√fan_in) for convolutions and the classifier: what zero-cost-nas,
    /// NASLib and NASWOT score (they never re-initialise).
    case pytorch
    /// NAS-Bench-201's training initialisation: convolutions Kaiming-normal with fan-out, the classifier
    /// PyTorch's default (the `Networks` module's own).
    case nb201

    /// Redraws `network`'s convolution weights for this scheme (nothing to do for `.nb201`): U(−b, b) with
    /// b = 1/√fan_in, fan_in = in_channels·k·k, from a generator seeded with `seed`.
    func apply(to network: NB201Network, seed: UInt64) {
        guard self == .pytorch else { return }
        var generator = SeededGenerator(seed: seed ^ 0x7079_746F_7263_6800)
        for weight in network.convolutionAndLinearWeights where weight.shape.count == 4 {
            let bound = 1 / Double(weight.shape.dropFirst().reduce(1, *)).squareRoot()
            var values = [Double](repeating: 0, count: weight.value.count)
            for index in values.indices {
                let unit = Double(generator.next() >> 11) * 0x1p-53
                values[index] = (2 * unit - 1) * bound
            }
            weight.value = Tensor(shape: weight.shape, doubleScalars: values).converted(to: weight.value.dtype)
        }
    }
}
