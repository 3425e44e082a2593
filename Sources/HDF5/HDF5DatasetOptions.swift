/// How a new dataset is laid out on disk: contiguous, or chunked with optional gzip (deflate) compression.
///
/// A chunked dataset may have zero extents (an empty table): those extents are stored as growable, because HDF5
/// only accepts chunks that fit the maximum shape.
public struct HDF5DatasetOptions: Sendable, Hashable {
    /// The chunk shape, one extent per dimension; nil stores the dataset contiguously unless compression or
    /// shuffling is requested, in which case a chunk shape is chosen automatically.
    public var chunkShape: [Int]?
    /// The gzip (deflate) level, 0 (store) to 9 (smallest); nil for no compression.
    public var compressionLevel: Int?
    /// Whether to apply HDF5's byte-shuffle filter before compression (often better ratios for numbers).
    public var shuffle: Bool

    /// Creates options; the defaults give contiguous, uncompressed storage.
    public init(chunkShape: [Int]? = nil, compressionLevel: Int? = nil, shuffle: Bool = false) {
        self.chunkShape = chunkShape
        self.compressionLevel = compressionLevel
        self.shuffle = shuffle
    }

    /// Contiguous, uncompressed storage (HDF5's default).
    public static let contiguous = HDF5DatasetOptions()

    /// Chunked storage compressed with gzip at `level` (h5py's `compression="gzip"` defaults to level 4).
    public static func gzip(level: Int = 4, chunkShape: [Int]? = nil, shuffle: Bool = false) -> HDF5DatasetOptions {
        HDF5DatasetOptions(chunkShape: chunkShape, compressionLevel: level, shuffle: shuffle)
    }

    /// Whether the options ask for chunked storage.
    var isChunked: Bool { chunkShape != nil || compressionLevel != nil || shuffle }

    /// The chunk shape to use for a dataset of `shape` whose elements take `elementSize` bytes.
    ///
    /// The automatic choice starts from the whole shape and halves the largest extent until a chunk holds at most
    /// 256 KiB, which keeps chunks inside HDF5's default 1 MiB chunk cache.
    func resolvedChunkShape(for shape: [Int], elementSize: Int) -> [Int] {
        if let chunkShape { return chunkShape }
        var chunk = shape.map { max($0, 1) }
        let budget = 256 * 1024
        while chunk.reduce(max(elementSize, 1), *) > budget, let largest = chunk.indices.max(by: { chunk[$0] < chunk[$1] }),
            chunk[largest] > 1
        {
            chunk[largest] = (chunk[largest] + 1) / 2
        }
        return chunk
    }
}
