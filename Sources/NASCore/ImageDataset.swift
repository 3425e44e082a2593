/// An image-classification dataset a NAS benchmark reports results on.
public enum ImageDataset: String, CaseIterable, Sendable, Codable {
    /// CIFAR-10: 32x32 RGB images, 10 classes.
    case cifar10
    /// CIFAR-100: 32x32 RGB images, 100 classes.
    case cifar100
    /// ImageNet16-120: ImageNet downsampled to 16x16, the 120 first classes (NAS-Bench-201's variant).
    case imagenet16_120 = "imagenet16-120"

    /// Number of output classes of a classifier for this dataset.
    public var classCount: Int {
        switch self {
        case .cifar10: 10
        case .cifar100: 100
        case .imagenet16_120: 120
        }
    }

    /// Side length in pixels of the square input images.
    public var imageSize: Int {
        switch self {
        case .cifar10, .cifar100: 32
        case .imagenet16_120: 16
        }
    }

    /// Number of colour channels of the input images.
    public var channelCount: Int { 3 }

    /// Parses a dataset name as the command line and the benchmark tables spell it (`imagenet16_120` too).
    public init?(name: String) {
        let normalized = name.lowercased().replacingOccurrences(of: "_", with: "-")
        switch normalized {
        case "cifar10", "cifar-10": self = .cifar10
        case "cifar100", "cifar-100": self = .cifar100
        case "imagenet16-120", "imagenet16": self = .imagenet16_120
        default: return nil
        }
    }
}
