/// Images with class labels, held in memory as 8-bit pixels in NCHW order.
public struct LabeledImages: Sendable, Equatable {
    /// Pixels, `count × channels × height × width`, row-major.
    public let pixels: [UInt8]
    /// One class label per image.
    public let labels: [Int32]
    /// Colour channels per image.
    public let channels: Int
    /// Image height in pixels.
    public let height: Int
    /// Image width in pixels.
    public let width: Int
    /// Number of classes.
    public let classCount: Int

    /// Creates a set of images; `pixels` must hold `labels.count × channels × height × width` values.
    public init(pixels: [UInt8], labels: [Int32], channels: Int, height: Int, width: Int, classCount: Int) {
        precondition(pixels.count == labels.count * channels * height * width, "pixel count does not match the shape")
        self.pixels = pixels
        self.labels = labels
        self.channels = channels
        self.height = height
        self.width = width
        self.classCount = classCount
    }

    /// Number of images.
    public var count: Int { labels.count }

    /// Values per image.
    public var imageSize: Int { channels * height * width }

    /// The images at `indices`, in that order.
    public func subset(_ indices: some Collection<Int>) -> LabeledImages {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(indices.count * imageSize)
        for index in indices { pixels.append(contentsOf: self.pixels[index * imageSize..<(index + 1) * imageSize]) }
        return LabeledImages(pixels: pixels, labels: indices.map { labels[$0] }, channels: channels, height: height,
                             width: width, classCount: classCount)
    }

    /// The first `count` images.
    public func prefix(_ count: Int) -> LabeledImages { subset(0..<Swift.min(count, self.count)) }

    /// Splits off a held-out set: a seeded, class-stratified choice of `validationPerClass` images of every class
    /// becomes the validation set, the rest (in their original order) the training set.
    public func split(validationPerClass: Int, seed: UInt64) -> (train: LabeledImages, validation: LabeledImages) {
        var generator = SeededGeneratorForData(seed: seed)
        var validation = Set<Int>()
        for label in 0..<classCount {
            var members = labels.indices.filter { labels[$0] == Int32(label) }
            members.shuffle(using: &generator)
            validation.formUnion(members.prefix(validationPerClass))
        }
        let held = labels.indices.filter { validation.contains($0) }
        let kept = labels.indices.filter { !validation.contains($0) }
        return (subset(kept), subset(held))
    }
}

import NASCore

/// The seeded generator used for data choices (an alias, so data code names its purpose).
typealias SeededGeneratorForData = SeededGenerator
