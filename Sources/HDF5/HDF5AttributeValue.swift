/// The value of an attribute: a scalar or a small 1-D array of strings, 64-bit integers or doubles.
///
/// Written as h5py writes the matching Python values: strings as variable-length UTF-8, integers as int64 and
/// doubles as float64. Read back from any integer width (as `int64`), any float width (as `double`) and both
/// variable- and fixed-length strings; an attribute with a multi-dimensional shape reads as a flattened array.
public enum HDF5AttributeValue: Sendable, Hashable, CustomStringConvertible {
    /// A scalar string.
    case string(String)
    /// A scalar 64-bit integer.
    case int64(Int64)
    /// A scalar double.
    case double(Double)
    /// An array of strings.
    case strings([String])
    /// An array of 64-bit integers.
    case int64s([Int64])
    /// An array of doubles.
    case doubles([Double])

    /// The value as the Swift literal-like text used in messages, e.g. `"abc"`, `7`, `[0.5, 0.25]`.
    public var description: String {
        switch self {
        case let .string(value): "\"\(value)\""
        case let .int64(value): "\(value)"
        case let .double(value): "\(value)"
        case let .strings(values): "\(values)"
        case let .int64s(values): "\(values)"
        case let .doubles(values): "\(values)"
        }
    }

    /// A name for the kind of value ("string", "int64 array", ...), as error messages use it.
    var kindName: String {
        switch self {
        case .string: "string"
        case .int64: "int64"
        case .double: "double"
        case .strings: "string array"
        case .int64s: "int64 array"
        case .doubles: "double array"
        }
    }
}
