import CHDF5

/// Dataspace helpers: converting between HDF5 dataspaces and Swift shapes. Call with the library lock held.
enum HDF5Dataspace {
    /// A new dataspace for `shape` (scalar when `shape` is empty), or a negative identifier on failure.
    /// The caller closes it.
    ///
    /// With `growableEmptyExtents`, zero extents get an unlimited maximum: HDF5 only accepts a chunked dataset
    /// with a zero extent when that extent may grow to hold at least one chunk.
    static func create(shape: [Int], growableEmptyExtents: Bool = false) -> hid_t {
        if shape.isEmpty { return H5Screate(H5S_SCALAR) }
        let dims = shape.map { hsize_t($0) }
        guard growableEmptyExtents, shape.contains(0) else { return H5Screate_simple(Int32(dims.count), dims, nil) }
        let maxDims = dims.map { $0 == 0 ? chdf5_unlimited() : $0 }
        return H5Screate_simple(Int32(dims.count), dims, maxDims)
    }

    /// The shape of the dataspace `space`: [] for a scalar, [0] for a null (empty) dataspace; nil on failure.
    static func shape(of space: hid_t) -> [Int]? {
        let kind = H5Sget_simple_extent_type(space)
        if kind == H5S_NULL { return [0] }
        if kind == H5S_SCALAR { return [] }
        let rank = H5Sget_simple_extent_ndims(space)
        guard rank >= 0 else { return nil }
        var dims = [hsize_t](repeating: 0, count: Int(rank))
        guard H5Sget_simple_extent_dims(space, &dims, nil) >= 0 else { return nil }
        return dims.map { Int($0) }
    }

    /// The number of elements a `shape` holds, or nil when an extent is negative or the product overflows.
    static func elementCount(of shape: [Int]) -> Int? {
        var count = 1
        for extent in shape {
            guard extent >= 0 else { return nil }
            let (product, overflow) = count.multipliedReportingOverflow(by: extent)
            if overflow { return nil }
            count = product
        }
        return count
    }
}
