import SearchSpaces

/// `flops`: multiply-accumulates of one forward pass in millions, from the network definition (REFERENCE §1).
///
/// Convolutions and the linear layer only (its bias included), dangling edges included, as NAS-Bench-201 stores
/// it. A baseline in the zero-cost literature (Abdelfattah et al., ICLR 2021).
public struct FLOPCount: Estimator {
    /// The estimator's id.
    public let id = "flops"
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

    /// FLOPs (millions) of the network built from `architecture` for the context's dataset.
    public func score(_ architecture: NB201Architecture, context: ScoringContext) throws -> Double {
        NB201Complexity(architecture, dataset: context.dataset, shape: shape).flopsInMillions
    }
}
