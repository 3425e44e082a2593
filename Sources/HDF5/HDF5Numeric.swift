import CHDF5

/// A Swift number type that datasets and attributes can be read into and written from.
///
/// Reading converts: a dataset stored as `int32` can be read as `Double`, and HDF5 does the conversion (values
/// outside the target type's range are clamped by HDF5's default conversion rules). The module provides the
/// conformances of `Double`, `Float`, the fixed-width integers and `Int`; a conformance elsewhere must report the
/// element type whose native layout matches the type's memory layout.
public protocol HDF5Numeric: BitwiseCopyable, Sendable {
    /// The element type values of this Swift type are stored as when written.
    static var hdf5ElementType: HDF5ElementType { get }
}

extension HDF5Numeric {
    /// The native HDF5 memory type for `Self`, checked against `Self`'s memory layout.
    static func memoryTypeID(file: String, path: String) throws -> hid_t {
        let elementType = hdf5ElementType
        let bits: Int
        switch elementType {
        case let .float(width), let .signedInteger(width), let .unsignedInteger(width): bits = width
        default: bits = 0
        }
        guard let typeID = elementType.nativeTypeID,
            bits == MemoryLayout<Self>.size * 8, MemoryLayout<Self>.size == MemoryLayout<Self>.stride
        else {
            throw HDF5Error.invalidArgument(
                file: file, path: path,
                reason: "\(Self.self) declares element type \(elementType), which does not match its memory layout")
        }
        return typeID
    }
}

extension Double: HDF5Numeric {
    /// Stored as IEEE float64.
    public static var hdf5ElementType: HDF5ElementType { .float(bits: 64) }
}

extension Float: HDF5Numeric {
    /// Stored as IEEE float32.
    public static var hdf5ElementType: HDF5ElementType { .float(bits: 32) }
}

extension Int64: HDF5Numeric {
    /// Stored as a signed 64-bit integer.
    public static var hdf5ElementType: HDF5ElementType { .signedInteger(bits: 64) }
}

extension Int32: HDF5Numeric {
    /// Stored as a signed 32-bit integer.
    public static var hdf5ElementType: HDF5ElementType { .signedInteger(bits: 32) }
}

extension Int16: HDF5Numeric {
    /// Stored as a signed 16-bit integer.
    public static var hdf5ElementType: HDF5ElementType { .signedInteger(bits: 16) }
}

extension Int8: HDF5Numeric {
    /// Stored as a signed 8-bit integer.
    public static var hdf5ElementType: HDF5ElementType { .signedInteger(bits: 8) }
}

extension UInt64: HDF5Numeric {
    /// Stored as an unsigned 64-bit integer.
    public static var hdf5ElementType: HDF5ElementType { .unsignedInteger(bits: 64) }
}

extension UInt32: HDF5Numeric {
    /// Stored as an unsigned 32-bit integer.
    public static var hdf5ElementType: HDF5ElementType { .unsignedInteger(bits: 32) }
}

extension UInt16: HDF5Numeric {
    /// Stored as an unsigned 16-bit integer.
    public static var hdf5ElementType: HDF5ElementType { .unsignedInteger(bits: 16) }
}

extension UInt8: HDF5Numeric {
    /// Stored as an unsigned 8-bit integer.
    public static var hdf5ElementType: HDF5ElementType { .unsignedInteger(bits: 8) }
}

extension Int: HDF5Numeric {
    /// Stored as a signed integer as wide as `Int` (64 bits on every platform Swift 6 supports for servers).
    public static var hdf5ElementType: HDF5ElementType { .signedInteger(bits: Int.bitWidth) }
}
