/// One of the five candidate operations on a NAS-Bench-201 cell edge, in the benchmark's own order.
public enum NB201Operation: Int, CaseIterable, Sendable, Codable, Comparable {
    /// The zero operation: the edge carries nothing.
    case none = 0
    /// Identity.
    case skipConnect = 1
    /// ReLU, 1x1 convolution (no bias), batch norm.
    case conv1x1 = 2
    /// ReLU, 3x3 convolution (no bias, padding 1), batch norm.
    case conv3x3 = 3
    /// 3x3 average pooling, stride 1, padding 1, padding excluded from the mean.
    case avgPool3x3 = 4

    /// The name used in NB201 arch strings, e.g. `nor_conv_3x3`.
    public var name: String {
        switch self {
        case .none: "none"
        case .skipConnect: "skip_connect"
        case .conv1x1: "nor_conv_1x1"
        case .conv3x3: "nor_conv_3x3"
        case .avgPool3x3: "avg_pool_3x3"
        }
    }

    /// Parses an op name as it appears in an NB201 arch string.
    public init?(name: String) {
        guard let op = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = op
    }

    /// The convolution kernel size of this op, or nil when it has no parameters.
    public var convolutionKernelSize: Int? {
        switch self {
        case .conv1x1: 1
        case .conv3x3: 3
        default: nil
        }
    }

    /// Orders ops by their benchmark index.
    public static func < (lhs: NB201Operation, rhs: NB201Operation) -> Bool { lhs.rawValue < rhs.rawValue }
}
