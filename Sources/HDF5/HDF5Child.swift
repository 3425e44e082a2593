/// One entry of a group's listing: a link name and the kind of object it leads to.
public struct HDF5Child: Sendable, Hashable {
    /// The link name within the group (a single path component).
    public let name: String
    /// Whether the link leads to a group, a dataset or something else.
    public let kind: HDF5ObjectKind

    /// Creates a listing entry.
    public init(name: String, kind: HDF5ObjectKind) {
        self.name = name
        self.kind = kind
    }
}
