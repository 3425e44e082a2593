import ImageData
import NASCore

/// Options shared by the estimators, with the documented defaults (REFERENCE §3).
///
/// Each estimator records, in its `settings`, the options that affect its score.
public struct EstimatorOptions: Sendable, Equatable {
    /// Images per batch (default 128).
    public var batchSize = 128
    /// How many fixed batches are averaged (default 1).
    public var batches = 1
    /// Seed of the network's initial weights (default 0).
    public var seed: UInt64 = 0
    /// Channels of the network's first stage, C (default 16, the benchmark's).
    public var channels = 16
    /// Cells per stage, N (default 5, the benchmark's).
    public var cellsPerStage = 5
    /// Whether cell batch norms have an affine transform (default false, as the reference implementations).
    public var cellBatchNormAffine = false
    /// Describes where the input batches come from, e.g. `cifar10:train_20k:held-out:first`.
    public var dataDescription = ""

    /// The defaults.
    public init() {}

    /// The settings every data-using estimator stores.
    public var commonSettings: [String: EstimatorSettings.Value] {
        [
            "batch_size": .integer(batchSize), "batches": .integer(batches), "seed": .integer(Int(seed)),
            "channels": .integer(channels), "cells_per_stage": .integer(cellsPerStage),
            "cell_bn_affine": .flag(cellBatchNormAffine), "data": .text(dataDescription),
        ]
    }
}
