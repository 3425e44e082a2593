import CHDF5

/// The type of the elements of a dataset or attribute, as stored in the file.
public enum HDF5ElementType: Sendable, Hashable, CustomStringConvertible {
    /// IEEE floating point of the given width (16, 32 or 64 bits).
    case float(bits: Int)
    /// Two's-complement signed integer of the given width.
    case signedInteger(bits: Int)
    /// Unsigned integer of the given width.
    case unsignedInteger(bits: Int)
    /// Variable-length string (h5py's `h5py.string_dtype()` and Python `str`).
    case variableLengthString
    /// Fixed-length string of `bytes` bytes per element (h5py's `np.bytes_` arrays, dtype `S<n>`).
    case fixedLengthString(bytes: Int)
    /// A type this wrapper does not read (compound, enum, array, reference, ...), named by its HDF5 class.
    case other(String)

    /// Whether HDF5 can convert elements of this type to and from the numeric Swift types.
    public var isNumeric: Bool {
        switch self {
        case .float, .signedInteger, .unsignedInteger: true
        default: false
        }
    }

    /// Whether elements of this type are strings, variable- or fixed-length.
    public var isString: Bool {
        switch self {
        case .variableLengthString, .fixedLengthString: true
        default: false
        }
    }

    /// A numpy-like name: "float64", "int32", "uint8", "variable-length string", "fixed-length string (8 bytes)".
    public var description: String {
        switch self {
        case let .float(bits): "float\(bits)"
        case let .signedInteger(bits): "int\(bits)"
        case let .unsignedInteger(bits): "uint\(bits)"
        case .variableLengthString: "variable-length string"
        case let .fixedLengthString(bytes): "fixed-length string (\(bytes) bytes)"
        case let .other(name): name
        }
    }

    /// The element type an HDF5 datatype identifier describes. Call with the library lock held.
    init(typeID: hid_t) {
        let bits = Int(H5Tget_size(typeID)) * 8
        switch H5Tget_class(typeID) {
        case H5T_INTEGER:
            self = H5Tget_sign(typeID) == H5T_SGN_NONE ? .unsignedInteger(bits: bits) : .signedInteger(bits: bits)
        case H5T_FLOAT:
            self = .float(bits: bits)
        case H5T_STRING:
            self = H5Tis_variable_str(typeID) > 0 ? .variableLengthString : .fixedLengthString(bytes: bits / 8)
        case H5T_COMPOUND: self = .other("compound")
        case H5T_ENUM: self = .other("enum")
        case H5T_ARRAY: self = .other("array")
        case H5T_VLEN: self = .other("variable-length sequence")
        case H5T_OPAQUE: self = .other("opaque")
        case H5T_REFERENCE: self = .other("reference")
        case H5T_BITFIELD: self = .other("bitfield")
        case H5T_TIME: self = .other("time")
        default: self = .other("unknown type")
        }
    }

    /// The native in-memory HDF5 type for this numeric element type, or nil when there is none.
    ///
    /// The returned identifier belongs to the library and must not be closed.
    var nativeTypeID: hid_t? {
        switch self {
        case .float(32): chdf5_native_float()
        case .float(64): chdf5_native_double()
        case .signedInteger(8): chdf5_native_int8()
        case .signedInteger(16): chdf5_native_int16()
        case .signedInteger(32): chdf5_native_int32()
        case .signedInteger(64): chdf5_native_int64()
        case .unsignedInteger(8): chdf5_native_uint8()
        case .unsignedInteger(16): chdf5_native_uint16()
        case .unsignedInteger(32): chdf5_native_uint32()
        case .unsignedInteger(64): chdf5_native_uint64()
        default: nil
        }
    }
}
