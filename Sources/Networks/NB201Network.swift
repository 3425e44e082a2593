import NASCore
import SearchSpaces
import TensorEngine

/// The NAS-Bench-201 network for one cell (REFERENCE §1): stem Conv3x3 + BN; N cells at C; ResBlock to 2C
/// (stride 2); N cells; ResBlock to 4C; N cells; BN + ReLU; global average pool; Linear to the classes.
///
/// Weights are initialised from a seed in a fixed order (stem, then each stage's cells in edge order, the
/// residual blocks, the final BN, the classifier): convolutions Kaiming-normal (fan-out) as NB201's code does,
/// the classifier as PyTorch's `nn.Linear` default, BN γ = 1, β = 0.
public final class NB201Network {
    /// The architecture of every cell.
    public let architecture: NB201Architecture
    /// How the network was built.
    public let configuration: NB201NetworkConfiguration

    private let stem: Conv2D
    private let stemBatchNorm: BatchNorm2D?
    private let stages: [[NB201Cell]]
    private let reductions: [ResidualBlock]
    private let finalBatchNorm: BatchNorm2D?
    private let classifier: Linear

    /// Builds the network for `architecture` with weights drawn from `seed`.
    public init(architecture: NB201Architecture, configuration: NB201NetworkConfiguration, seed: UInt64) {
        self.architecture = architecture
        self.configuration = configuration
        var generator = SeededGenerator(seed: seed)
        let c = configuration.shape.channels
        let removed = configuration.batchNormRemoved
        stem = Conv2D(name: "stem.conv", inChannels: configuration.inputChannels, outChannels: c, kernelSize: 3,
                      dtype: configuration.dtype, using: &generator)
        stemBatchNorm = removed ? nil : BatchNorm2D(name: "stem.bn", channels: c, dtype: configuration.dtype)
        var stages: [[NB201Cell]] = []
        var reductions: [ResidualBlock] = []
        for stage in 0..<3 {
            let channels = c << stage
            if stage > 0 {
                reductions.append(ResidualBlock(name: "reduction\(stage)", inChannels: channels / 2, outChannels: channels,
                                                configuration: configuration, using: &generator))
            }
            stages.append((0..<configuration.shape.cellsPerStage).map { index in
                NB201Cell(name: "stage\(stage).cell\(index)", architecture: architecture, channels: channels,
                          configuration: configuration, using: &generator)
            })
        }
        self.stages = stages
        self.reductions = reductions
        finalBatchNorm = removed ? nil : BatchNorm2D(name: "final.bn", channels: c << 2, dtype: configuration.dtype)
        classifier = Linear(name: "classifier", inFeatures: c << 2, outFeatures: configuration.classCount,
                            dtype: configuration.dtype, using: &generator)
    }

    /// The logits [N, classes] for `input` [N, channels, H, W]; `training` selects batch statistics in BN.
    public func callAsFunction(_ input: Variable, training: Bool) -> Variable {
        var x = stem(input)
        if let stemBatchNorm { x = stemBatchNorm(x, training: training) }
        for (stage, cells) in stages.enumerated() {
            if stage > 0 { x = reductions[stage - 1](x, training: training) }
            for cell in cells { x = cell(x, training: training) }
        }
        if let finalBatchNorm { x = finalBatchNorm(x, training: training) }
        return classifier(x.relu().globalAveragePool())
    }

    /// Every trainable parameter, in initialisation order.
    public var parameters: [Parameter] {
        var result = stem.parameters + (stemBatchNorm?.parameters ?? [])
        for (stage, cells) in stages.enumerated() {
            if stage > 0 { result += reductions[stage - 1].parameters }
            result += cells.flatMap(\.parameters)
        }
        return result + (finalBatchNorm?.parameters ?? []) + classifier.parameters
    }

    /// The weights of every convolution and of the classifier: what the zero-cost estimators sum over.
    public var convolutionAndLinearWeights: [Parameter] {
        parameters.filter { $0.name.hasSuffix(".conv.weight") || $0.name.hasSuffix(".shortcut.weight") || $0.name == "classifier.weight" }
    }

    /// BN running statistics, to save with the parameters.
    public var statistics: [Parameter] {
        (stemBatchNorm?.statistics ?? []) + reductions.flatMap(\.statistics) + stages.flatMap { $0.flatMap(\.statistics) }
            + (finalBatchNorm?.statistics ?? [])
    }

    /// Number of trainable parameter values.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
}
