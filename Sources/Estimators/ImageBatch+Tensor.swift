import ImageData
import TensorEngine

extension ImageBatch {
    /// The images as a float32 tensor [N, C, H, W].
    public var imageTensor: Tensor { Tensor(shape: shape, scalars: images) }

    /// The labels as class indices.
    public var labelIndices: [Int] { labels.map(Int.init) }
}
