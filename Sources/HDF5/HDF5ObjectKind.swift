import CHDF5

/// What kind of object a link in an HDF5 file points at.
public enum HDF5ObjectKind: String, Sendable, Hashable, CustomStringConvertible {
    /// A group: a folder of further links.
    case group
    /// A dataset: an N-dimensional array of elements.
    case dataset
    /// A named (committed) datatype.
    case namedDatatype = "named datatype"
    /// Anything else, e.g. a link whose target cannot be resolved.
    case unknown = "object of unknown kind"

    /// The kind's name as error messages use it ("group", "dataset", ...).
    public var description: String { rawValue }

    /// The kind of an `H5O_type_t` value as `chdf5_object_type` returns it.
    init(objectType: Int32) {
        switch objectType {
        case Int32(H5O_TYPE_GROUP.rawValue): self = .group
        case Int32(H5O_TYPE_DATASET.rawValue): self = .dataset
        case Int32(H5O_TYPE_NAMED_DATATYPE.rawValue): self = .namedDatatype
        default: self = .unknown
        }
    }
}
