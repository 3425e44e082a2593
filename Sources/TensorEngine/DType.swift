/// The element type of a tensor: float32 for everything, float64 where precision matters (synflow, checks).
public enum DType: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// 32-bit IEEE float.
    case float32 = 0
    /// 64-bit IEEE float.
    case float64 = 1

    /// Bytes per element.
    public var byteWidth: Int { self == .float32 ? 4 : 8 }

    /// "float32" or "float64".
    public var description: String { self == .float32 ? "float32" : "float64" }
}
