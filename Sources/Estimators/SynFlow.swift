import Foundation
import NASCore
import Networks
import SearchSpaces
import TensorEngine

/// `synflow`: the synaptic flow of the network with every parameter replaced by its absolute value. Data-free.
///
/// Tanaka, Kunin, Yamins & Ganguli, "Pruning neural networks without any data by iteratively conserving
/// synaptic flow", NeurIPS 2020; as a NAS proxy, Abdelfattah et al., "Zero-Cost Proxies for Lightweight NAS",
/// ICLR 2021. Batch norm removed, θ ← |θ| for every parameter, float64, input x = 1 of shape [1, C, H, W],
/// R = Σ outputs, score = Σ over Conv/Linear weights |θ ⊙ ∂R/∂θ|. With `synflowLogarithm`, log(score) (NASLib's
/// published column); a network whose output ignores the input scores 0 (its logarithm −∞ is a failure).
public struct SynFlow: Estimator {
    /// The options the score depends on.
    public let options: EstimatorOptions

    /// Creates the estimator.
    public init(options: EstimatorOptions) { self.options = options }

    /// `synflow`.
    public var id: String { "synflow" }

    /// Seed, network shape, initialisation and whether the logarithm is reported (no data).
    public var settings: EstimatorSettings {
        EstimatorSettings([
            "seed": .integer(Int(options.seed)), "channels": .integer(options.channels),
            "cells_per_stage": .integer(options.cellsPerStage), "init": .text(options.initialization.rawValue),
            "log": .flag(options.synflowLogarithm), "dtype": .text("float64"), "bn": .flag(false),
        ])
    }

    /// The score of the batch-norm-free float64 network built from `architecture` for the context's dataset.
    public func score(_ architecture: NB201Architecture, context: ScoringContext) throws -> Double {
        let network = options.network(for: architecture, dataset: context.dataset, batchNormRemoved: true, dtype: .float64)
        let flow = Self.synapticFlow(network: network, imageSize: context.dataset.imageSize)
        guard options.synflowLogarithm else { return flow }
        guard flow > 0 else { throw EstimatorFailure("synflow: score is \(flow), its logarithm is undefined") }
        return Foundation.log(flow)
    }

    /// Σ |θ ⊙ ∂R/∂θ| over `network`'s Conv/Linear weights after replacing every parameter by |θ| (in place),
    /// for an input of ones of side `imageSize`.
    public static func synapticFlow(network: NB201Network, imageSize: Int) -> Double {
        for parameter in network.parameters {
            parameter.value = Tensor(shape: parameter.shape, doubleScalars: parameter.value.doubleScalars.map(abs))
                .converted(to: parameter.value.dtype)
            parameter.zeroGradient()
        }
        let dtype = network.configuration.dtype
        let tape = Tape()
        let shape = [1, network.configuration.inputChannels, imageSize, imageSize]
        let output = network(tape.input(Tensor.ones(shape, dtype: dtype)), training: true)
        tape.backward(output.sumAll())
        var total = 0.0
        for weight in network.convolutionAndLinearWeights {
            guard let gradient = weight.grad?.doubleScalars else { continue }
            for (theta, g) in zip(weight.value.doubleScalars, gradient) { total += abs(theta * g) }
        }
        return total
    }
}
