import SearchSpaces

/// `params` and `flops`: the network's parameter count or multiply-accumulates, in millions, from its definition.
///
/// NAS-Bench-201's conventions (REFERENCE §1): params count every conv weight, BN scale and shift, and the
/// classifier's weight and bias; FLOPs count multiply-accumulates of convolutions and the linear layer (bias
/// included); dangling edges count in both. Baselines of the zero-cost literature (Abdelfattah et al.,
/// "Zero-Cost Proxies for Lightweight NAS", ICLR 2021).
public struct NetworkComplexity: Estimator {
    /// Which count the estimator reports.
    public enum Quantity: String, Sendable {
        /// Parameters, in millions.
        case params
        /// Multiply-accumulates of one forward pass, in millions.
        case flops
    }

    /// The count reported.
    public let quantity: Quantity
    /// The network shape counted.
    public let shape: NB201NetworkShape

    /// Creates the estimator of `quantity` for the shape in `options`.
    public init(_ quantity: Quantity, options: EstimatorOptions) {
        self.quantity = quantity
        shape = NB201NetworkShape(channels: options.channels, cellsPerStage: options.cellsPerStage)
    }

    /// `params` or `flops`.
    public var id: String { quantity.rawValue }

    /// Channels and cells per stage: the only settings that change the count.
    public var settings: EstimatorSettings {
        EstimatorSettings(["channels": .integer(shape.channels), "cells_per_stage": .integer(shape.cellsPerStage)])
    }

    /// The count for the network built from `architecture` for the context's dataset.
    public func score(_ architecture: NB201Architecture, context: ScoringContext) throws -> Double {
        let complexity = NB201Complexity(architecture, dataset: context.dataset, shape: shape)
        return quantity == .params ? complexity.parametersInMillions : complexity.flopsInMillions
    }
}
