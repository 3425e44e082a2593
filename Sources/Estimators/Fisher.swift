import ImageData
import Networks
import SearchSpaces
import TensorEngine

/// `fisher`: the diagonal Fisher information of per-channel activation gates, summed over every Conv/Linear layer.
///
/// Turner, Crowley, O'Boyle, Storkey & Gray, "BlockSwap: Fisher-guided Block Substitution for Network
/// Compression on a Budget", ICLR 2020 (Theis et al. 2018's channel saliency); as a NAS proxy, Abdelfattah,
/// Mehrotra, Dudziak & Lane, "Zero-Cost Proxies for Lightweight NAS", ICLR 2021 (zero-cost-nas `fisher`). For
/// output channel k of each Conv/Linear layer with output a and δ = ∂L/∂a: F_k = ½ · mean_n (Σ_spatial a·δ)²;
/// like the reference, each F_k is counted once per weight of its channel (in_channels·k·k, or in_features),
/// score = Σ_layers Σ_k F_k · |W_k|. L = mean cross-entropy of one batch, batch statistics in batch norm; mean
/// over batches. Σ_spatial a·δ is read as the gradient of a gate of ones multiplying the layer's output per
/// sample and channel (inserted through `Tape.layerOutputInterposer`, so the values are unchanged).
public struct Fisher: NetworkBatchEstimator {
    /// The options the score depends on.
    public let options: EstimatorOptions

    /// Creates the estimator.
    public init(options: EstimatorOptions) { self.options = options }

    /// `fisher`.
    public var id: String { "fisher" }

    /// Σ_layers Σ_k F_k · (weights per output channel) for `network` on one batch.
    public func score(network: NB201Network, images: Tensor, labels: [Int]) -> Double {
        var gates: [(gate: Parameter, weightsPerChannel: Int)] = []
        let tape = Tape()
        tape.layerOutputInterposer = { output, weight in
            let gate = Self.gated(output, weightsPerChannel: weight.value.count / weight.shape[0])
            gates.append((gate.parameter, gate.weightsPerChannel))
            return gate.output
        }
        let loss = network(tape.input(images), training: true).softmaxCrossEntropy(labels: labels)
        tape.backward(loss)
        let batch = images.shape[0]
        var total = 0.0
        for (gate, weightsPerChannel) in gates {
            guard let sums = gate.grad?.doubleScalars else { continue }
            let channels = sums.count / batch
            for k in 0..<channels {
                var squares = 0.0
                for n in 0..<batch { squares += sums[n * channels + k] * sums[n * channels + k] }
                total += 0.5 * squares / Double(batch) * Double(weightsPerChannel)
            }
        }
        return total
    }

    /// `output` [N, K, …] times a gate of ones per (sample, channel): an evaluation-mode batch norm with mean 0,
    /// variance 1, ε = 0 and scale γ = the gate over the N·K planes, so ∂L/∂γ_nk = Σ_spatial a·δ.
    static func gated(_ output: Variable, weightsPerChannel: Int) -> (output: Variable, parameter: Parameter, weightsPerChannel: Int) {
        let shape = output.shape
        let planes = shape[0] * shape[1], spatial = output.value.count / max(planes, 1)
        let dtype = output.dtype
        let gate = Parameter(name: "fisher.gate", value: .ones([planes], dtype: dtype))
        let shift = Parameter(name: "fisher.shift", value: .zeros([planes], dtype: dtype))
        let tape = output.tape
        let gated = output.reshaped(to: [1, planes, spatial, 1])
            .batchNorm(weight: tape.variable(gate), bias: tape.variable(shift),
                       mean: [Double](repeating: 0, count: planes), variance: [Double](repeating: 1, count: planes),
                       epsilon: 0)
            .reshaped(to: shape)
        return (gated, gate, weightsPerChannel)
    }
}
