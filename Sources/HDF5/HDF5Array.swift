/// An N-dimensional array read from a dataset: its shape and its elements in row-major (C) order.
public struct HDF5Array<Element: Sendable>: Sendable {
    /// The extent of each dimension; empty for a scalar (0-D) dataset, which holds one element.
    public let shape: [Int]
    /// All elements, the last dimension varying fastest (as numpy and h5py lay them out).
    public let values: [Element]

    /// Creates an array, or returns nil when `values.count` is not the product of `shape`.
    public init?(shape: [Int], values: [Element]) {
        guard HDF5Dataspace.elementCount(of: shape) == values.count else { return nil }
        self.shape = shape
        self.values = values
    }

    /// Creates an array whose shape the caller has already checked against `values`.
    init(checkedShape shape: [Int], values: [Element]) {
        self.shape = shape
        self.values = values
    }

    /// The number of elements (the product of `shape`).
    public var count: Int { values.count }

    /// The number of dimensions (0 for a scalar).
    public var rank: Int { shape.count }

    /// The element at `indices`, one index per dimension; traps when an index is out of range.
    public subscript(_ indices: Int...) -> Element {
        precondition(indices.count == shape.count, "expected \(shape.count) indices, got \(indices.count)")
        var offset = 0
        for (index, extent) in zip(indices, shape) {
            precondition(index >= 0 && index < extent, "index \(index) out of range 0..<\(extent)")
            offset = offset * extent + index
        }
        return values[offset]
    }
}

extension HDF5Array: Equatable where Element: Equatable {}
extension HDF5Array: Hashable where Element: Hashable {}
