import NASCore

/// The shape of an NB201 network: channels of the first stage and cells per stage.
public struct NB201NetworkShape: Sendable, Hashable, Codable {
    /// Channels of the first stage (C); stages use C, 2C, 4C.
    public var channels: Int
    /// Cells per stage (N).
    public var cellsPerStage: Int

    /// The benchmark's network: C = 16, N = 5.
    public static let benchmark = NB201NetworkShape(channels: 16, cellsPerStage: 5)

    /// Creates a shape with `channels` (C) and `cellsPerStage` (N).
    public init(channels: Int, cellsPerStage: Int) {
        self.channels = channels
        self.cellsPerStage = cellsPerStage
    }
}

/// Parameter count and FLOPs of an NB201 network, as the benchmark stores them.
///
/// Conventions (REFERENCE §1): params count every parameter (conv weights, BN scale and shift, classifier
/// weight and bias); FLOPs count multiply-accumulates of convolutions and the linear layer only (its bias
/// included). Ops on dangling edges still count. Network: stem Conv3x3(3→C)+BN; N cells at C; ResBlock(C→2C,
/// stride 2); N cells at 2C; ResBlock(2C→4C, stride 2); N cells at 4C; BN+ReLU; global pool; Linear(4C→classes).
public struct NB201Complexity: Sendable, Equatable, Codable {
    /// Number of parameters.
    public let parameters: Int
    /// Number of multiply-accumulates of one forward pass on one image.
    public let multiplyAccumulates: Int

    /// Parameters in millions, as NB201's tables report them.
    public var parametersInMillions: Double { Double(parameters) / 1e6 }
    /// FLOPs (multiply-accumulates) in millions, as NB201's tables report them.
    public var flopsInMillions: Double { Double(multiplyAccumulates) / 1e6 }

    /// Counts the network built from `architecture` for `dataset` with `shape`.
    public init(
        _ architecture: NB201Architecture, dataset: ImageDataset, shape: NB201NetworkShape = .benchmark
    ) {
        var parameters = 0
        var macs = 0
        let c = shape.channels
        var side = dataset.imageSize
        func convolution(_ input: Int, _ output: Int, kernel: Int, outputSide: Int) {
            let weights = input * output * kernel * kernel
            parameters += weights
            macs += weights * outputSide * outputSide
        }
        func batchNorm(_ channels: Int) { parameters += 2 * channels }

        convolution(dataset.channelCount, c, kernel: 3, outputSide: side)
        batchNorm(c)
        for stage in 0..<3 {
            let channels = c << stage
            if stage > 0 {
                let input = channels / 2
                side /= 2
                convolution(input, channels, kernel: 3, outputSide: side)
                batchNorm(channels)
                convolution(channels, channels, kernel: 3, outputSide: side)
                batchNorm(channels)
                convolution(input, channels, kernel: 1, outputSide: side)
            }
            for op in architecture.operations {
                guard let kernel = op.convolutionKernelSize else { continue }
                for _ in 0..<shape.cellsPerStage {
                    convolution(channels, channels, kernel: kernel, outputSide: side)
                    batchNorm(channels)
                }
            }
        }
        let features = c << 2
        batchNorm(features)
        parameters += features * dataset.classCount + dataset.classCount
        macs += features * dataset.classCount + dataset.classCount
        self.parameters = parameters
        self.multiplyAccumulates = macs
    }
}
