/// Per-channel normalisation: x ↦ (x / 255 − mean_c) / std_c.
public struct Normalization: Sendable, Equatable, Codable {
    /// Per-channel means of the [0, 1]-scaled pixels.
    public let mean: [Float]
    /// Per-channel standard deviations of the [0, 1]-scaled pixels.
    public let std: [Float]

    /// Creates a normalisation from per-channel means and standard deviations.
    public init(mean: [Float], std: [Float]) {
        precondition(mean.count == std.count, "one mean and one std per channel")
        self.mean = mean
        self.std = std
    }

    /// CIFAR-10's usual statistics (REFERENCE §3): mean (0.4914, 0.4822, 0.4465), std (0.2470, 0.2435, 0.2616).
    public static let cifar10 = Normalization(mean: [0.4914, 0.4822, 0.4465], std: [0.2470, 0.2435, 0.2616])

    /// Fashion-MNIST's training-set statistics: mean 0.2860, std 0.3530.
    public static let fashionMNIST = Normalization(mean: [0.2860], std: [0.3530])

    /// The normalised value of 8-bit pixel `value` in channel `channel`.
    @inlinable
    public func apply(_ value: UInt8, channel: Int) -> Float {
        (Float(value) / 255 - mean[channel]) / std[channel]
    }
}
