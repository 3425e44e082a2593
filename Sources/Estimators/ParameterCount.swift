import SearchSpaces

/// `params`: the number of parameters in millions, from the network definition (REFERENCE §1 conventions).
///
/// Counts every conv weight, BN scale and shift, and the classifier's weight and bias, dangling edges included, as
/// NAS-Bench-201 stores it. A baseline in the zero-cost literature (Abdelfattah et al., "Zero-Cost Proxies for
/// Lightweight NAS", ICLR 2021).
public struct ParameterCount: Estimator {
    /// The estimator's id.
    public let id = "params"
    /// The network shape counted.
    public let shape: NB201NetworkShape

    /// Creates the estimator for the shape in `options`.
    public init(options: EstimatorOptions) {
        shape = NB201NetworkShape(channels: options.channels, cellsPerStage: options.cellsPerStage)
    }

    /// Channels and cells per stage: the only settings that change the count.
    public var settings: EstimatorSettings {
        EstimatorSettings(["channels": .integer(shape.channels), "cells_per_stage": .integer(shape.cellsPerStage)])
    }

    /// Parameters (millions) of the network built from `architecture` for the context's dataset.
    public func score(_ architecture: NB201Architecture, context: ScoringContext) throws -> Double {
        NB201Complexity(architecture, dataset: context.dataset, shape: shape).parametersInMillions
    }
}
