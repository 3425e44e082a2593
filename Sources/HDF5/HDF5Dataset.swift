import CHDF5

/// An open dataset: an N-dimensional array of numbers or strings, read and written whole.
public final class HDF5Dataset: HDF5Object, @unchecked Sendable {
    /// The extent of each dimension: [] for a scalar dataset, [0] for an empty (null) one.
    public var shape: [Int] {
        get throws {
            try withLibrary {
                let space = H5Dget_space(id)
                guard space >= 0 else { throw failure("read shape") }
                defer { _ = H5Sclose(space) }
                guard let shape = HDF5Dataspace.shape(of: space) else { throw failure("read shape") }
                return shape
            }
        }
    }

    /// The number of elements (the product of `shape`; 1 for a scalar).
    public var count: Int {
        get throws { HDF5Dataspace.elementCount(of: try shape) ?? 0 }
    }

    /// The type the elements are stored as in the file.
    public var elementType: HDF5ElementType {
        get throws {
            try withLibrary {
                let type = H5Dget_type(id)
                guard type >= 0 else { throw failure("read element type") }
                defer { _ = H5Tclose(type) }
                return HDF5ElementType(typeID: type)
            }
        }
    }

    /// How the dataset is stored: its chunk shape (nil when contiguous or compact), gzip level and shuffle filter.
    public var storageOptions: HDF5DatasetOptions {
        get throws {
            try withLibrary {
                let list = H5Dget_create_plist(id)
                guard list >= 0 else { throw failure("read storage layout") }
                defer { _ = H5Pclose(list) }
                var options = HDF5DatasetOptions()
                if H5Pget_layout(list) == H5D_CHUNKED {
                    let rank = try shape.count
                    var dims = [hsize_t](repeating: 0, count: rank)
                    guard H5Pget_chunk(list, Int32(rank), &dims) >= 0 else { throw failure("read chunk shape") }
                    options.chunkShape = dims.map { Int($0) }
                }
                let filterCount = H5Pget_nfilters(list)
                guard filterCount >= 0 else { throw failure("read filters") }
                for index in 0..<UInt32(filterCount) {
                    var flags: UInt32 = 0
                    var valueCount = 8
                    var values = [UInt32](repeating: 0, count: valueCount)
                    var config: UInt32 = 0
                    let filter = H5Pget_filter2(list, index, &flags, &valueCount, &values, 0, nil, &config)
                    guard filter >= 0 else { throw failure("read filters") }
                    if filter == H5Z_filter_t(chdf5_deflate_filter()) {
                        options.compressionLevel = valueCount > 0 ? Int(values[0]) : nil
                    } else if filter == H5Z_FILTER_SHUFFLE {
                        options.shuffle = true
                    }
                }
                return options
            }
        }
    }

    // MARK: Reading

    /// Reads every element, converted by HDF5 to `T` (e.g. an int32 dataset read as Double).
    ///
    /// Throws `wrongElementType` when the dataset does not hold numbers.
    public func read<T: HDF5Numeric>(_ type: T.Type = T.self) throws -> HDF5Array<T> {
        try withLibrary {
            let stored = try elementType
            guard stored.isNumeric else {
                throw HDF5Error.wrongElementType(file: filePath, path: path, expected: "\(T.self)", actual: stored)
            }
            let memoryType = try T.memoryTypeID(file: filePath, path: path)
            let shape = try self.shape
            let count = HDF5Dataspace.elementCount(of: shape) ?? 0
            var status: herr_t = 0
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                if count > 0 {
                    status = H5Dread(id, memoryType, chdf5_all(), chdf5_all(), chdf5_default(), buffer.baseAddress!)
                }
                initialized = status >= 0 ? count : 0
            }
            guard status >= 0 else { throw failure("read") }
            return HDF5Array(checkedShape: shape, values: values)
        }
    }

    /// Reads every element of a string dataset, variable- or fixed-length (fixed-length padding is removed).
    ///
    /// Throws `wrongElementType` when the dataset does not hold strings.
    public func readStrings() throws -> HDF5Array<String> {
        try withLibrary {
            let type = H5Dget_type(id)
            guard type >= 0 else { throw failure("read element type") }
            defer { _ = H5Tclose(type) }
            let stored = HDF5ElementType(typeID: type)
            guard stored.isString else {
                throw HDF5Error.wrongElementType(file: filePath, path: path, expected: "String", actual: stored)
            }
            let space = H5Dget_space(id)
            guard space >= 0 else { throw failure("read shape") }
            defer { _ = H5Sclose(space) }
            guard let shape = HDF5Dataspace.shape(of: space) else { throw failure("read shape") }
            let count = HDF5Dataspace.elementCount(of: shape) ?? 0
            let strings = try HDF5StringCodec.read(
                fileType: type, space: space, count: count, fail: failureBuilder(at: path)
            ) { memoryType, buffer in
                H5Dread(id, memoryType, chdf5_all(), chdf5_all(), chdf5_default(), buffer)
            }
            return HDF5Array(checkedShape: shape, values: strings)
        }
    }

    // MARK: Writing

    /// Overwrites every element with `values` (row-major), converted by HDF5 to the stored numeric type.
    ///
    /// Throws `shapeMismatch` unless `values.count` equals the dataset's element count, and `wrongElementType`
    /// when the dataset holds strings.
    public func write<T: HDF5Numeric>(_ values: [T]) throws {
        try withLibrary {
            try handle.ensureWritable()
            let stored = try elementType
            guard stored.isNumeric else {
                throw HDF5Error.wrongElementType(file: filePath, path: path, expected: "\(T.self)", actual: stored)
            }
            try checkValueCount(values.count)
            try writeNumeric(values, memoryType: T.memoryTypeID(file: filePath, path: path))
        }
    }

    /// Overwrites every element of a string dataset with `strings` (row-major).
    ///
    /// Throws `shapeMismatch` unless `strings.count` equals the dataset's element count, `wrongElementType` when
    /// the dataset holds numbers, and `invalidArgument` when a string does not fit a fixed-length dataset.
    public func write(strings: [String]) throws {
        try withLibrary {
            try handle.ensureWritable()
            let stored = try elementType
            guard stored.isString else {
                throw HDF5Error.wrongElementType(file: filePath, path: path, expected: "String", actual: stored)
            }
            try checkValueCount(strings.count)
            try writeStrings(strings)
        }
    }

    // MARK: Internals (library lock held)

    private func checkValueCount(_ valueCount: Int) throws {
        let shape = try self.shape
        guard HDF5Dataspace.elementCount(of: shape) == valueCount else {
            throw HDF5Error.shapeMismatch(file: filePath, path: path, shape: shape, valueCount: valueCount)
        }
    }

    /// Writes `values`, whose count the caller has checked, from memory of type `memoryType`.
    func writeNumeric<T: HDF5Numeric>(_ values: [T], memoryType: hid_t) throws {
        let status = values.withUnsafeBytes { buffer -> herr_t in
            guard let base = buffer.baseAddress else { return 0 }
            return H5Dwrite(id, memoryType, chdf5_all(), chdf5_all(), chdf5_default(), base)
        }
        guard status >= 0 else { throw failure("write") }
    }

    /// Writes `strings`, whose count the caller has checked, in the dataset's own string layout.
    func writeStrings(_ strings: [String]) throws {
        if let bad = HDF5StringCodec.firstUnstorable(strings) {
            throw HDF5Error.invalidArgument(
                file: filePath, path: path, reason: "string \(bad.debugDescription) contains a NUL character")
        }
        let fileType = H5Dget_type(id)
        guard fileType >= 0 else { throw failure("read element type") }
        defer { _ = H5Tclose(fileType) }
        let status: herr_t
        if H5Tis_variable_str(fileType) > 0 {
            let memoryType = HDF5StringCodec.variableLengthType(characterSet: H5Tget_cset(fileType))
            guard memoryType >= 0 else { throw failure("make string type") }
            defer { _ = H5Tclose(memoryType) }
            status = HDF5StringCodec.withVariableLengthBuffer(strings) { buffer in
                H5Dwrite(id, memoryType, chdf5_all(), chdf5_all(), chdf5_default(), buffer)
            }
        } else {
            let size = H5Tget_size(fileType)
            switch HDF5StringCodec.fixedLengthBytes(strings, size: size, pad: H5Tget_strpad(fileType)) {
            case let .failure(tooLong):
                throw HDF5Error.invalidArgument(
                    file: filePath, path: path,
                    reason: "string \(tooLong.string.debugDescription) is longer than the \(tooLong.capacity) bytes"
                        + " a fixed-length element holds")
            case let .success(bytes):
                status = bytes.withUnsafeBytes { buffer -> herr_t in
                    guard let base = buffer.baseAddress else { return 0 }
                    return H5Dwrite(id, fileType, chdf5_all(), chdf5_all(), chdf5_default(), base)
                }
            }
        }
        guard status >= 0 else { throw failure("write strings") }
    }
}
