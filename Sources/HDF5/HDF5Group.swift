import CHDF5

/// An open group: a folder of links to further groups and datasets. Paths passed to its methods are relative to
/// the group unless they start with "/", and may be nested ("datasets/cifar10/metrics").
public class HDF5Group: HDF5Object, @unchecked Sendable {
    // MARK: Navigation

    /// The links in this group, in name order, with the kind of object each leads to.
    public func children() throws -> [HDF5Child] {
        try withLibrary {
            var info = H5G_info_t()
            guard H5Gget_info(id, &info) >= 0 else { throw failure("list group") }
            return try (0..<info.nlinks).map { index in
                let length = H5Lget_name_by_idx(id, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, chdf5_default())
                guard length >= 0 else { throw failure("list group") }
                var buffer = [CChar](repeating: 0, count: Int(length) + 1)
                let copied = H5Lget_name_by_idx(
                    id, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count, chdf5_default())
                guard copied >= 0 else { throw failure("list group") }
                let objectType = chdf5_object_type(id, buffer)
                let name = String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
                return HDF5Child(name: name, kind: objectType < 0 ? .unknown : HDF5ObjectKind(objectType: objectType))
            }
        }
    }

    /// The kind of object at `path`, or nil when nothing is there.
    public func objectKind(at path: String) throws -> HDF5ObjectKind? {
        try withLibrary { try kind(atAbsolute: resolve(path)) }
    }

    /// Whether a group or dataset exists at `path`.
    public func contains(_ path: String) throws -> Bool {
        try objectKind(at: path) != nil
    }

    /// Opens the existing group at `path`; throws `missingGroup` when there is none.
    public func group(_ path: String) throws -> HDF5Group {
        try withLibrary {
            let target = try resolve(path)
            try expectKind(.group, at: target, missing: .missingGroup(file: filePath, path: target))
            let groupID = H5Gopen2(id, target, chdf5_default())
            guard groupID >= 0 else { throw failure("open group", at: target) }
            return HDF5Group(handle: handle, id: groupID, path: target)
        }
    }

    /// Opens the existing dataset at `path`; throws `missingDataset` when there is none.
    public func dataset(_ path: String) throws -> HDF5Dataset {
        try withLibrary {
            let target = try resolve(path)
            try expectKind(.dataset, at: target, missing: .missingDataset(file: filePath, path: target))
            let datasetID = H5Dopen2(id, target, chdf5_default())
            guard datasetID >= 0 else { throw failure("open dataset", at: target) }
            return HDF5Dataset(handle: handle, id: datasetID, path: target)
        }
    }

    // MARK: Creating groups

    /// Creates a group at `path`, with any missing intermediate groups; throws `alreadyExists` if it exists.
    @discardableResult
    public func createGroup(_ path: String) throws -> HDF5Group {
        try withLibrary {
            let target = try prepareNewLink(at: path)
            let linkList = try makeLinkCreationList(at: target)
            defer { _ = H5Pclose(linkList) }
            let groupID = H5Gcreate2(id, target, linkList, chdf5_default(), chdf5_default())
            guard groupID >= 0 else { throw failure("create group", at: target) }
            return HDF5Group(handle: handle, id: groupID, path: target)
        }
    }

    /// Opens the group at `path`, creating it (and missing intermediate groups) when absent, as h5py's
    /// `require_group`.
    @discardableResult
    public func requireGroup(_ path: String) throws -> HDF5Group {
        try withLibrary {
            try kind(atAbsolute: resolve(path)) == nil ? createGroup(path) : group(path)
        }
    }

    // MARK: Creating datasets

    /// Creates a dataset at `path` holding `values` in row-major order with `shape` (default: 1-D, `[count]`;
    /// `[]` makes a scalar), stored as `T`'s element type. Missing intermediate groups are created.
    ///
    /// Throws `shapeMismatch` when `values.count` is not the product of `shape`, and `alreadyExists` when
    /// something is at `path`.
    @discardableResult
    public func createDataset<T: HDF5Numeric>(
        _ path: String, values: [T], shape: [Int]? = nil, options: HDF5DatasetOptions = .contiguous
    ) throws -> HDF5Dataset {
        try withLibrary {
            let target = try resolve(path)
            let dims = shape ?? [values.count]
            try checkShape(dims, valueCount: values.count, at: target)
            let memoryType = try T.memoryTypeID(file: filePath, path: target)
            let dataset = try makeDataset(at: target, type: memoryType, shape: dims, options: options)
            try rollBackOnFailure(of: target) { try dataset.writeNumeric(values, memoryType: memoryType) }
            return dataset
        }
    }

    /// Creates a dataset at `path` of variable-length UTF-8 strings (h5py's `h5py.string_dtype()`), in row-major
    /// order with `shape` (default: 1-D, `[count]`; `[]` makes a scalar).
    ///
    /// Throws `shapeMismatch` when `strings.count` is not the product of `shape`, and `alreadyExists` when
    /// something is at `path`.
    @discardableResult
    public func createDataset(
        _ path: String, strings: [String], shape: [Int]? = nil, options: HDF5DatasetOptions = .contiguous
    ) throws -> HDF5Dataset {
        try withLibrary {
            let target = try resolve(path)
            let dims = shape ?? [strings.count]
            try checkShape(dims, valueCount: strings.count, at: target)
            let type = HDF5StringCodec.variableLengthType()
            guard type >= 0 else { throw failure("make string type", at: target) }
            defer { _ = H5Tclose(type) }
            let dataset = try makeDataset(at: target, type: type, shape: dims, options: options)
            try rollBackOnFailure(of: target) { try dataset.writeStrings(strings) }
            return dataset
        }
    }

    // MARK: Internals (library lock held)

    /// The kind of object at the absolute path `target`, or nil when nothing is there.
    func kind(atAbsolute target: String) throws -> HDF5ObjectKind? {
        if target == "/" { return .group }
        let ancestors = HDF5Path.ancestors(of: target)
        for prefix in ancestors + [target] {
            let exists = H5Lexists(id, prefix, chdf5_default())
            guard exists >= 0 else { throw failure("look up", at: prefix) }
            if exists == 0 { return nil }
            let objectType = chdf5_object_type(id, prefix)
            let kind = objectType < 0 ? HDF5ObjectKind.unknown : HDF5ObjectKind(objectType: objectType)
            if prefix == target { return kind }
            if kind != .group { return nil }
        }
        return nil
    }

    /// Throws `missing` when nothing is at `target`, `wrongObjectKind` when something other than `expected` is.
    private func expectKind(_ expected: HDF5ObjectKind, at target: String, missing: HDF5Error) throws {
        guard let actual = try kind(atAbsolute: target) else { throw missing }
        guard actual == expected else {
            throw HDF5Error.wrongObjectKind(file: filePath, path: target, expected: expected, actual: actual)
        }
    }

    /// Resolves `path` for a new link: the file must be writable, nothing may exist there, and every existing
    /// ancestor must be a group.
    private func prepareNewLink(at path: String) throws -> String {
        try handle.ensureWritable()
        let target = try resolve(path)
        if try kind(atAbsolute: target) != nil { throw HDF5Error.alreadyExists(file: filePath, path: target) }
        for ancestor in HDF5Path.ancestors(of: target) {
            guard let kind = try kind(atAbsolute: ancestor) else { break }
            if kind != .group {
                throw HDF5Error.wrongObjectKind(file: filePath, path: ancestor, expected: .group, actual: kind)
            }
        }
        return target
    }

    /// A link-creation property list that creates missing intermediate groups; the caller closes it.
    private func makeLinkCreationList(at target: String) throws -> hid_t {
        let list = H5Pcreate(chdf5_link_create_class())
        guard list >= 0 else { throw failure("make link properties", at: target) }
        guard H5Pset_create_intermediate_group(list, 1) >= 0 else {
            let error = failure("make link properties", at: target)
            _ = H5Pclose(list)
            throw error
        }
        return list
    }

    private func checkShape(_ shape: [Int], valueCount: Int, at target: String) throws {
        guard let count = HDF5Dataspace.elementCount(of: shape) else {
            throw HDF5Error.invalidArgument(
                file: filePath, path: target, reason: "shape \(shape) has a negative extent or too many elements")
        }
        guard count == valueCount else {
            throw HDF5Error.shapeMismatch(file: filePath, path: target, shape: shape, valueCount: valueCount)
        }
    }

    /// Creates an empty dataset of file type `type` and `shape` at the absolute path `target`.
    private func makeDataset(at target: String, type: hid_t, shape: [Int], options: HDF5DatasetOptions) throws
        -> HDF5Dataset
    {
        _ = try prepareNewLink(at: target)
        let creationList = try makeDatasetCreationList(at: target, type: type, shape: shape, options: options)
        defer { _ = H5Pclose(creationList) }
        let linkList = try makeLinkCreationList(at: target)
        defer { _ = H5Pclose(linkList) }
        let space = HDF5Dataspace.create(shape: shape, growableEmptyExtents: options.isChunked)
        guard space >= 0 else { throw failure("make dataset shape", at: target) }
        defer { _ = H5Sclose(space) }
        let datasetID = H5Dcreate2(id, target, type, space, linkList, creationList, chdf5_default())
        guard datasetID >= 0 else { throw failure("create dataset", at: target) }
        return HDF5Dataset(handle: handle, id: datasetID, path: target)
    }

    /// A dataset-creation property list with the chunking and filters `options` ask for; the caller closes it.
    private func makeDatasetCreationList(at target: String, type: hid_t, shape: [Int], options: HDF5DatasetOptions)
        throws -> hid_t
    {
        let list = H5Pcreate(chdf5_dataset_create_class())
        guard list >= 0 else { throw failure("make dataset properties", at: target) }
        guard options.isChunked else { return list }
        do {
            let chunk = options.resolvedChunkShape(for: shape, elementSize: Int(H5Tget_size(type)))
            try checkChunk(chunk, shape: shape, options: options, at: target)
            guard H5Pset_chunk(list, Int32(chunk.count), chunk.map { hsize_t($0) }) >= 0 else {
                throw failure("set chunk shape", at: target)
            }
            if options.shuffle, H5Pset_shuffle(list) < 0 { throw failure("set shuffle filter", at: target) }
            if let level = options.compressionLevel, H5Pset_deflate(list, UInt32(level)) < 0 {
                throw failure("set gzip filter", at: target)
            }
            return list
        } catch {
            _ = H5Pclose(list)
            throw error
        }
    }

    private func checkChunk(_ chunk: [Int], shape: [Int], options: HDF5DatasetOptions, at target: String) throws {
        func invalid(_ reason: String) -> HDF5Error {
            .invalidArgument(file: filePath, path: target, reason: reason)
        }
        if shape.isEmpty { throw invalid("a scalar dataset cannot be chunked or compressed") }
        if chunk.count != shape.count {
            throw invalid("chunk shape \(chunk) has \(chunk.count) dimensions, the data \(shape.count)")
        }
        // A zero extent is stored as growable (see HDF5Dataspace.create), so any chunk extent >= 1 fits it.
        if zip(chunk, shape).contains(where: { $0 < 1 || ($1 > 0 && $0 > $1) }) {
            throw invalid("chunk shape \(chunk) must be between 1 and the data shape \(shape) in every dimension")
        }
        if let level = options.compressionLevel {
            guard (0...9).contains(level) else { throw invalid("gzip level \(level) is outside 0...9") }
            guard H5Zfilter_avail(H5Z_filter_t(chdf5_deflate_filter())) > 0 else {
                throw invalid("this libhdf5 has no gzip (deflate) filter")
            }
        }
    }

    /// Runs `write`; if it throws, deletes the just-created link at `target` so no half-written dataset remains.
    private func rollBackOnFailure(of target: String, _ write: () throws -> Void) throws {
        do {
            try write()
        } catch {
            _ = H5Ldelete(id, target, chdf5_default())
            throw error
        }
    }
}
