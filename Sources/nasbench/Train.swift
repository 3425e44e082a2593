import ArgumentParser
import Foundation
import ImageData
import NASCore
import Networks
import SearchSpaces
import TensorEngine
import Training

/// `nasbench train`: trains one NB201 network on CIFAR-10 or Fashion-MNIST and reports its test accuracy.
struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train an NB201 network and report its test accuracy.",
        discussion: """
            Recipe: SGD with Nesterov momentum 0.9, weight decay 5e-4, learning rate --lr annealed by a cosine to 0, \
            random crop (pad 4) and horizontal flip for CIFAR-10. Data: cifar10 reads \
            ../shared/data/cifar10/train_20k.bin and test_batch.bin; fashion-mnist reads Debian's \
            dataset-fashion-mnist files. Progress (epoch, loss, accuracy, images/s, ETA) goes to standard error.

            Example:
              nasbench train --arch '|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|' \
            --data cifar10 --epochs 5 --channels 16 --cells 1
            """
    )

    /// The datasets `train` can read.
    enum DataName: String, ExpressibleByArgument, CaseIterable {
        case cifar10
        case fashionMNIST = "fashion-mnist"
    }

    @Option(help: "NB201 arch string.")
    var arch: String

    @Option(help: "cifar10 or fashion-mnist.")
    var data: DataName = .cifar10

    @Option(help: "Training epochs.")
    var epochs = 1

    @Option(help: "Channels of the first stage (C).")
    var channels = 16

    @Option(help: "Cells per stage (N).")
    var cells = 5

    @Option(help: "Images per step.")
    var batch = 128

    @Option(help: "Initial learning rate.")
    var lr = 0.1

    @Option(help: "Seed of weights, shuffling and augmentation.")
    var seed: UInt64 = 0

    @Option(help: "Use only the first N training images (class-balanced for the CIFAR-10 files).")
    var limit: Int?

    @Option(help: "Save the trained weights and BN statistics to this file.")
    var save: String?

    func validate() throws {
        guard epochs >= 1, batch >= 1, channels >= 1, cells >= 1 else {
            throw ValidationError("--epochs, --batch, --channels and --cells must be positive")
        }
    }

    func run() throws {
        let architecture = try NB201Architecture(archString: arch)
        let (train, test, normalization, augmentation) = try loadData()
        var recipe = TrainingConfiguration(epochs: epochs)
        recipe.batchSize = batch
        recipe.learningRate = lr
        recipe.seed = seed
        recipe.augmentation = augmentation
        let network = NB201Network(
            architecture: architecture,
            configuration: NB201NetworkConfiguration(
                shape: NB201NetworkShape(channels: channels, cellsPerStage: cells), classCount: train.classCount,
                inputChannels: train.channels),
            seed: seed)
        let progress = ProgressLine(label: "train", total: 0)
        let start = Date()
        Trainer(configuration: recipe).train(network, on: train, normalization: normalization, onStep: { step, total in
            progress.update(text: Self.stepText(step: step, total: total, epochs: epochs, start: start))
        }, onEpoch: { report in
            progress.finish()
            FileHandle.standardError.write(Data(String(
                format: "epoch %d/%d  loss %.4f  train acc %.2f%%  %.0f images/s  %.1f s\n", report.epoch, epochs,
                report.loss, report.accuracy, report.imagesPerSecond, report.seconds).utf8))
        })
        let evaluation = Trainer.evaluate(network, on: test, normalization: normalization)
        print(String(format: "test accuracy %.2f%%  test loss %.4f  (%d test images, %d training images, %d epochs)",
                     evaluation.accuracy, evaluation.loss, test.count, train.count, epochs))
        if let save {
            try ParameterArchive.save(network.parameters + network.statistics, to: URL(fileURLWithPath: save))
        }
    }

    private static func stepText(step: Int, total: Int, epochs: Int, start: Date) -> String {
        let seconds = Date().timeIntervalSince(start)
        let remaining = seconds / Double(step) * Double(total - step)
        return String(format: "step %d/%d  ETA %.0f s", step, total, remaining)
    }

    private func loadData() throws -> (LabeledImages, LabeledImages, Normalization, Augmentation) {
        switch data {
        case .cifar10:
            let directory = ReferenceData.directory(projectRoot: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                .appendingPathComponent("cifar10")
            let train = try CIFAR10BinaryReader.read(directory.appendingPathComponent("train_20k.bin"), limit: limit)
            let test = try CIFAR10BinaryReader.read(directory.appendingPathComponent("test_batch.bin"))
            return (train, test, .cifar10, .standard)
        case .fashionMNIST:
            let directory = IDXReader.debianFashionMNIST
            var train = try IDXReader.read(images: directory.appendingPathComponent("train-images-idx3-ubyte.gz"),
                                           labels: directory.appendingPathComponent("train-labels-idx1-ubyte.gz"))
            if let limit { train = train.prefix(limit) }
            let test = try IDXReader.read(images: directory.appendingPathComponent("t10k-images-idx3-ubyte.gz"),
                                          labels: directory.appendingPathComponent("t10k-labels-idx1-ubyte.gz"))
            return (train, test, .fashionMNIST, Augmentation(cropPadding: 2, horizontalFlip: false))
        }
    }
}
