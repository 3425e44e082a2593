import Foundation
import ImageData
import NASCore
import Testing

@Suite("image data: CIFAR-10 binary, Fashion-MNIST IDX, batches")
struct ImageDataTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func cifarTest() -> URL? {
        ReferenceData.fileOrSkip("cifar10/test_batch.bin", projectRoot: root)
    }

    @Test("the CIFAR-10 test batch reads with numpy's counts, labels and channel means")
    func cifarTestBatch() throws {
        guard let url = Self.cifarTest() else { return }
        let images = try CIFAR10BinaryReader.read(url)
        #expect(images.count == 10_000)
        #expect(Array(images.labels.prefix(12)) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1])
        #expect(Array(images.pixels.prefix(5)) == [141, 159, 168, 187, 183])
        #expect(Array(images.pixels.suffix(5)) == [34, 58, 72, 82, 90])
        // Channel means of the [0, 1]-scaled pixels, computed with numpy: 0.494066, 0.485064, 0.450382.
        for (channel, expected) in [0.49406573184742647, 0.4850635971966912, 0.4503820094209559].enumerated() {
            var sum = 0
            for image in 0..<images.count {
                let start = image * 3_072 + channel * 1_024
                sum += images.pixels[start..<(start + 1_024)].reduce(0) { $0 + Int($1) }
            }
            #expect(abs(Double(sum) / Double(images.count * 1_024) / 255 - expected) < 1e-12)
        }
    }

    @Test("a class-stratified split holds the requested images of every class and is seeded")
    func split() throws {
        guard let url = Self.cifarTest() else { return }
        let images = try CIFAR10BinaryReader.read(url, limit: 2_000)
        let (train, validation) = images.split(validationPerClass: 50, seed: 3)
        #expect(validation.count == 500)
        #expect(train.count == 1_500)
        #expect((0..<10).allSatisfy { label in validation.labels.filter { $0 == Int32(label) }.count == 50 })
        #expect(images.split(validationPerClass: 50, seed: 3).validation == validation)
        #expect(images.split(validationPerClass: 50, seed: 4).validation != validation)
    }

    @Test("batches normalise, and crop/flip move pixels as specified")
    func augmentation() {
        // One 1-channel 4x4 image with pixel values 0...15.
        let images = LabeledImages(pixels: (0..<16).map(UInt8.init), labels: [3], channels: 1, height: 4, width: 4, classCount: 10)
        let identity = Normalization(mean: [0], std: [1])
        func scaled(_ values: [Int]) -> [Float] { values.map { Float($0) / 255 } }
        let plain = BatchLoader(data: images, batchSize: 1, normalization: identity).firstBatch()
        #expect(plain.images == scaled(Array(0..<16)))
        #expect(plain.shape == [1, 1, 4, 4])
        let flipOnly = BatchLoader(data: images, batchSize: 1, normalization: identity,
                                   augmentation: Augmentation(cropPadding: 0, horizontalFlip: true), seed: 0)
        var sawFlip = false, sawPlain = false
        for epoch in 0..<20 {
            let batch = flipOnly.batches(epoch: epoch)[0].images
            if batch == scaled(Array(0..<16)) { sawPlain = true }
            if batch == scaled([3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12]) { sawFlip = true }
        }
        #expect(sawFlip && sawPlain)
        let cropped = BatchLoader(data: images, batchSize: 1, normalization: identity,
                                  augmentation: Augmentation(cropPadding: 1, horizontalFlip: false), seed: 0)
        for epoch in 0..<20 {
            let batch = cropped.batches(epoch: epoch)[0].images
            // Every output pixel is either padding (0) or a source pixel shifted by the same (dy, dx) in -1...1.
            let shifts = (-1...1).flatMap { dy in (-1...1).map { dx in (dy, dx) } }
            #expect(shifts.contains { dy, dx in
                (0..<16).allSatisfy { position in
                    let (y, x) = (position / 4 + dy, position % 4 + dx)
                    let expected: Float = (0..<4).contains(y) && (0..<4).contains(x) ? Float(y * 4 + x) / 255 : 0
                    return batch[position] == expected
                }
            })
        }
        #expect(cropped.batches(epoch: 5) == cropped.batches(epoch: 5))
    }

    @Test("CIFAR normalisation maps pixels with the published statistics")
    func normalization() {
        #expect(abs(Double(Normalization.cifar10.apply(255, channel: 0)) - (1 - 0.4914) / 0.2470) < 1e-6)
        #expect(abs(Double(Normalization.cifar10.apply(0, channel: 2)) + 0.4465 / 0.2616) < 1e-6)
    }

    @Test("Fashion-MNIST from Debian's package reads 60,000 + 10,000 28x28 images")
    func fashionMNIST() throws {
        let directory = IDXReader.debianFashionMNIST
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent("t10k-images-idx3-ubyte.gz").path) else {
            print("SKIPPED: dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)")
            return
        }
        let test = try IDXReader.read(images: directory.appendingPathComponent("t10k-images-idx3-ubyte.gz"),
                                      labels: directory.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
        #expect(test.count == 10_000)
        #expect(test.height == 28 && test.width == 28 && test.channels == 1)
        #expect((0..<10).allSatisfy { label in test.labels.filter { $0 == Int32(label) }.count == 1_000 })
        let train = try IDXReader.read(images: directory.appendingPathComponent("train-images-idx3-ubyte.gz"),
                                       labels: directory.appendingPathComponent("train-labels-idx1-ubyte.gz"))
        #expect(train.count == 60_000)
        let mean = Double(train.pixels.reduce(0) { $0 + Int($1) }) / Double(train.pixels.count) / 255
        #expect(abs(mean - Double(Normalization.fashionMNIST.mean[0])) < 5e-4)
    }

    @Test("malformed files are one-line errors naming the file")
    func badFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("imagedata-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let short = directory.appendingPathComponent("short.bin")
        try Data(repeating: 1, count: 3_000).write(to: short)
        #expect(throws: FileError(file: short.path, problem: "3000 bytes is not a whole number of 3073-byte CIFAR-10 records")) {
            try CIFAR10BinaryReader.read(short)
        }
        let missing = directory.appendingPathComponent("none.bin")
        #expect(throws: FileError(file: missing.path, problem: "no such file")) { try CIFAR10BinaryReader.read(missing) }
        let badLabel = directory.appendingPathComponent("label.bin")
        try Data([12] + [UInt8](repeating: 0, count: 3_072)).write(to: badLabel)
        #expect(throws: FileError(file: badLabel.path, problem: "record 0 has label 12, not 0...9")) {
            try CIFAR10BinaryReader.read(badLabel)
        }
        #expect(throws: FileError(file: short.path, problem: "not an IDX image file (magic number 0x00000803 expected)")) {
            try IDXReader.read(images: short, labels: short)
        }
    }
}
