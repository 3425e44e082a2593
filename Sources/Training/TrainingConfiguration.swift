import ImageData

/// How to train a network: NAS-Bench-201's recipe by default (SGD, Nesterov momentum 0.9, weight decay 5e-4,
/// learning rate 0.1 annealed by a cosine to 0 over all steps, batch 256 there; standard CIFAR augmentation).
public struct TrainingConfiguration: Sendable, Equatable {
    /// Passes over the training images.
    public var epochs: Int
    /// Images per step.
    public var batchSize = 128
    /// Learning rate at the first step.
    public var learningRate = 0.1
    /// Momentum factor.
    public var momentum = 0.9
    /// Whether the momentum is Nesterov's.
    public var nesterov = true
    /// L2 weight decay.
    public var weightDecay = 5e-4
    /// Gradient-norm clipping threshold (nil: no clipping).
    public var gradientClip: Double? = nil
    /// Augmentation of the training images.
    public var augmentation = Augmentation.standard
    /// Seed of shuffling and augmentation.
    public var seed: UInt64 = 0

    /// Creates a configuration for `epochs` epochs with the defaults above.
    public init(epochs: Int) {
        self.epochs = epochs
    }
}
