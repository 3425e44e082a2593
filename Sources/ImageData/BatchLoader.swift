import NASCore

/// One batch of normalised images (NCHW, float32) and their labels.
public struct ImageBatch: Sendable, Equatable {
    /// Normalised pixels, `count × channels × height × width`.
    public let images: [Float]
    /// Class label of each image.
    public let labels: [Int32]
    /// The shape `[count, channels, height, width]`.
    public let shape: [Int]
}

/// Augmentation applied to training batches.
public struct Augmentation: Sendable, Equatable, Codable {
    /// Padding with black pixels (value 0 before normalisation, as torchvision pads) before a random crop back to size.
    public var cropPadding: Int
    /// Whether to flip each image horizontally with probability ½.
    public var horizontalFlip: Bool

    /// Creates an augmentation.
    public init(cropPadding: Int, horizontalFlip: Bool) {
        self.cropPadding = cropPadding
        self.horizontalFlip = horizontalFlip
    }

    /// No augmentation (what estimators use).
    public static let none = Augmentation(cropPadding: 0, horizontalFlip: false)
    /// The CIFAR standard: pad 4, random 32×32 crop, random horizontal flip.
    public static let standard = Augmentation(cropPadding: 4, horizontalFlip: true)
}

/// Cuts `LabeledImages` into normalised batches, shuffled per epoch and augmented, all from a seed.
///
/// Epoch e uses the generator stream `SeededGenerator(seed:stream: e)`, so any epoch can be reproduced alone.
public struct BatchLoader: Sendable {
    /// The images.
    public let data: LabeledImages
    /// Images per batch; the last batch of an epoch may be smaller unless `dropLast`.
    public let batchSize: Int
    /// Normalisation applied to every image.
    public let normalization: Normalization
    /// Augmentation applied to every image.
    public let augmentation: Augmentation
    /// Whether to shuffle the order every epoch.
    public let shuffle: Bool
    /// Whether to drop a final partial batch.
    public let dropLast: Bool
    /// Seed of shuffling and augmentation.
    public let seed: UInt64

    /// Creates a loader.
    public init(data: LabeledImages, batchSize: Int, normalization: Normalization, augmentation: Augmentation = .none,
                shuffle: Bool = false, dropLast: Bool = false, seed: UInt64 = 0) {
        precondition(batchSize >= 1, "batch size must be positive")
        precondition(normalization.mean.count == data.channels, "one normalisation statistic per channel")
        self.data = data
        self.batchSize = batchSize
        self.normalization = normalization
        self.augmentation = augmentation
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.seed = seed
    }

    /// Number of batches per epoch.
    public var batchCount: Int { dropLast ? data.count / batchSize : (data.count + batchSize - 1) / batchSize }

    /// The batches of epoch `epoch`, in order.
    public func batches(epoch: Int) -> [ImageBatch] {
        var generator = SeededGenerator(seed: seed, stream: UInt64(epoch))
        var order = Array(0..<data.count)
        if shuffle { order.shuffle(using: &generator) }
        return (0..<batchCount).map { batch in
            let indices = order[(batch * batchSize)..<min((batch + 1) * batchSize, data.count)]
            return makeBatch(indices, generator: &generator)
        }
    }

    /// The first batch of an unshuffled, unaugmented pass: the fixed batch estimators score with.
    public func firstBatch() -> ImageBatch {
        var generator = SeededGenerator(seed: seed)
        return makeBatch(0..<min(batchSize, data.count), generator: &generator)
    }

    private func makeBatch(_ indices: some Collection<Int>, generator: inout SeededGenerator) -> ImageBatch {
        let (channels, height, width) = (data.channels, data.height, data.width)
        let size = data.imageSize
        var images = [Float](repeating: 0, count: indices.count * size)
        var labels: [Int32] = []
        labels.reserveCapacity(indices.count)
        for (slot, index) in indices.enumerated() {
            let pad = augmentation.cropPadding
            let dy = pad > 0 ? Int.random(in: 0...(2 * pad), using: &generator) - pad : 0
            let dx = pad > 0 ? Int.random(in: 0...(2 * pad), using: &generator) - pad : 0
            let flip = augmentation.horizontalFlip && Bool.random(using: &generator)
            let source = index * size
            for channel in 0..<channels {
                let black = normalization.apply(0, channel: channel)
                for y in 0..<height {
                    let sy = y + dy
                    for x in 0..<width {
                        let sx = (flip ? width - 1 - x : x) + dx
                        let inside = sy >= 0 && sy < height && sx >= 0 && sx < width
                        images[slot * size + (channel * height + y) * width + x] = inside
                            ? normalization.apply(data.pixels[source + (channel * height + sy) * width + sx], channel: channel)
                            : black
                    }
                }
            }
            labels.append(data.labels[index])
        }
        return ImageBatch(images: images, labels: labels, shape: [indices.count, channels, height, width])
    }
}
