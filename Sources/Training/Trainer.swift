import Foundation
import ImageData
import Networks
import TensorEngine

/// What one epoch of training achieved.
public struct EpochReport: Sendable, Equatable {
    /// 1-based epoch number.
    public let epoch: Int
    /// Mean training loss over the epoch's steps.
    public let loss: Double
    /// Training accuracy (%) over the epoch (on augmented images, in training mode).
    public let accuracy: Double
    /// Training throughput.
    public let imagesPerSecond: Double
    /// Seconds the epoch took.
    public let seconds: Double
}

/// Loss and accuracy of a network on a set of images.
public struct Evaluation: Sendable, Equatable {
    /// Mean cross-entropy.
    public let loss: Double
    /// Top-1 accuracy in percent.
    public let accuracy: Double
}

/// Trains an NB201 network with SGD and a cosine schedule, and evaluates it.
public struct Trainer {
    /// The recipe.
    public let configuration: TrainingConfiguration

    /// Creates a trainer.
    public init(configuration: TrainingConfiguration) {
        self.configuration = configuration
    }

    /// Trains `network` on `data` with `normalization`, calling `onStep(step, totalSteps)` after every step and
    /// `onEpoch` after every epoch.
    public func train(_ network: NB201Network, on data: LabeledImages, normalization: Normalization,
                      onStep: (Int, Int) -> Void = { _, _ in }, onEpoch: (EpochReport) -> Void = { _ in }) {
        let loader = BatchLoader(data: data, batchSize: configuration.batchSize, normalization: normalization,
                                 augmentation: configuration.augmentation, shuffle: true, dropLast: true,
                                 seed: configuration.seed)
        let totalSteps = max(1, loader.batchCount * configuration.epochs)
        let schedule = CosineSchedule(base: configuration.learningRate, totalSteps: totalSteps)
        let optimizer = SGD(parameters: network.parameters, learningRate: configuration.learningRate,
                            momentum: configuration.momentum, weightDecay: configuration.weightDecay,
                            nesterov: configuration.nesterov)
        var step = 0
        for epoch in 1...configuration.epochs {
            let start = Date()
            var lossSum = 0.0, correct = 0, seen = 0
            for batch in loader.batches(epoch: epoch - 1) {
                optimizer.learningRate = schedule.learningRate(at: step)
                optimizer.zeroGradients()
                let tape = Tape()
                let logits = network(tape.input(Tensor(shape: batch.shape, scalars: batch.images)), training: true)
                let labels = batch.labels.map(Int.init)
                let loss = logits.softmaxCrossEntropy(labels: labels)
                tape.backward(loss)
                if let clip = configuration.gradientClip { _ = GradientClipping.clipNorm(of: network.parameters, maxNorm: clip) }
                optimizer.step()
                lossSum += loss.value.doubleScalars[0] * Double(labels.count)
                correct += Self.correctCount(logits: logits.value, labels: labels)
                seen += labels.count
                step += 1
                onStep(step, totalSteps)
            }
            let seconds = Date().timeIntervalSince(start)
            onEpoch(EpochReport(epoch: epoch, loss: lossSum / Double(max(seen, 1)),
                                accuracy: 100 * Double(correct) / Double(max(seen, 1)),
                                imagesPerSecond: Double(seen) / seconds, seconds: seconds))
        }
    }

    /// Loss and accuracy of `network` on `data` in inference mode (running BN statistics).
    public static func evaluate(_ network: NB201Network, on data: LabeledImages, normalization: Normalization,
                                batchSize: Int = 256) -> Evaluation {
        let loader = BatchLoader(data: data, batchSize: batchSize, normalization: normalization)
        var lossSum = 0.0, correct = 0
        for batch in loader.batches(epoch: 0) {
            let tape = Tape(recordsGradients: false)
            let logits = network(tape.input(Tensor(shape: batch.shape, scalars: batch.images)), training: false)
            let labels = batch.labels.map(Int.init)
            lossSum += logits.softmaxCrossEntropy(labels: labels).value.doubleScalars[0] * Double(labels.count)
            correct += correctCount(logits: logits.value, labels: labels)
        }
        return Evaluation(loss: lossSum / Double(data.count), accuracy: 100 * Double(correct) / Double(data.count))
    }

    /// How many rows of `logits` [N, classes] have their largest value at the label.
    static func correctCount(logits: Tensor, labels: [Int]) -> Int {
        let classes = logits.shape[1]
        let values = logits.scalars
        return labels.enumerated().filter { row, label in
            let slice = values[(row * classes)..<((row + 1) * classes)]
            return slice.indices.max { slice[$0] < slice[$1] }! - row * classes == label
        }.count
    }
}
