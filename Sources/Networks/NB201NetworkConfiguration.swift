import NASCore
import SearchSpaces
import TensorEngine

/// How to build an NB201 network: shape, classes, input size, cell BN, precision.
public struct NB201NetworkConfiguration: Sendable, Equatable {
    /// Channels of the first stage (C) and cells per stage (N).
    public var shape: NB201NetworkShape
    /// Number of output classes.
    public var classCount: Int
    /// Colour channels of the input images.
    public var inputChannels: Int
    /// Whether the batch norms inside cells have γ and β (NB201 trains with them; the zero-cost reference
    /// implementations score without them).
    public var cellBatchNormAffine: Bool
    /// Whether batch norms are left out everywhere (synflow scores the network without them).
    public var batchNormRemoved: Bool
    /// Element type of parameters and activations.
    public var dtype: DType
    /// Whether every edge of every cell is evaluated, as the PyTorch reference implementations do (an edge whose
    /// result cannot reach the output still runs; `none` multiplies by zero), instead of only the live edges.
    /// Outputs and gradients are the same whenever cell batch norms map zeros to zeros (non-affine, or β = 0 as
    /// at initialisation); what changes is which ReLUs run (NASWOT counts every one, as the references do).
    public var evaluatesEveryEdge = false

    /// Creates a configuration.
    public init(shape: NB201NetworkShape = .benchmark, classCount: Int, inputChannels: Int = 3,
                cellBatchNormAffine: Bool = true, batchNormRemoved: Bool = false, dtype: DType = .float32) {
        self.shape = shape
        self.classCount = classCount
        self.inputChannels = inputChannels
        self.cellBatchNormAffine = cellBatchNormAffine
        self.batchNormRemoved = batchNormRemoved
        self.dtype = dtype
    }

    /// The benchmark's network for `dataset` (C = 16, N = 5, affine cell batch norms).
    public static func benchmark(for dataset: ImageDataset) -> NB201NetworkConfiguration {
        NB201NetworkConfiguration(classCount: dataset.classCount)
    }
}
