import CHDF5

extension HDF5Object {
    /// The names of this object's attributes, in name order.
    public func attributeNames() throws -> [String] {
        try withLibrary {
            let count = chdf5_attribute_count(id)
            guard count >= 0 else { throw failure("list attributes") }
            return try (0..<count).map { index in
                let length = H5Aget_name_by_idx(
                    id, ".", H5_INDEX_NAME, H5_ITER_INC, hsize_t(index), nil, 0, chdf5_default())
                guard length >= 0 else { throw failure("list attributes") }
                var buffer = [CChar](repeating: 0, count: Int(length) + 1)
                let copied = H5Aget_name_by_idx(
                    id, ".", H5_INDEX_NAME, H5_ITER_INC, hsize_t(index), &buffer, buffer.count, chdf5_default())
                guard copied >= 0 else { throw failure("list attributes") }
                return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
            }
        }
    }

    /// Whether this object has an attribute called `name`.
    public func hasAttribute(_ name: String) throws -> Bool {
        try withLibrary {
            try validateAttributeName(name)
            let exists = H5Aexists(id, name)
            guard exists >= 0 else { throw failure("look up attribute", at: attributePath(name)) }
            return exists > 0
        }
    }

    /// The value of the attribute `name`; throws `missingAttribute` when there is none.
    public func attribute(_ name: String) throws -> HDF5AttributeValue {
        try withLibrary {
            guard try hasAttribute(name) else {
                throw HDF5Error.missingAttribute(file: filePath, object: path, name: name)
            }
            let location = attributePath(name)
            let attribute = H5Aopen(id, name, chdf5_default())
            guard attribute >= 0 else { throw failure("open attribute", at: location) }
            defer { _ = H5Aclose(attribute) }
            let type = H5Aget_type(attribute)
            guard type >= 0 else { throw failure("read attribute type", at: location) }
            defer { _ = H5Tclose(type) }
            let space = H5Aget_space(attribute)
            guard space >= 0 else { throw failure("read attribute shape", at: location) }
            defer { _ = H5Sclose(space) }
            guard let shape = HDF5Dataspace.shape(of: space) else { throw failure("read attribute shape", at: location) }
            let count = HDF5Dataspace.elementCount(of: shape) ?? 0
            let isScalar = shape.isEmpty
            let elementType = HDF5ElementType(typeID: type)

            switch elementType {
            case .signedInteger, .unsignedInteger:
                let values: [Int64] = try readNumericAttribute(attribute, count: count, at: location)
                return isScalar ? .int64(values[0]) : .int64s(values)
            case .float:
                let values: [Double] = try readNumericAttribute(attribute, count: count, at: location)
                return isScalar ? .double(values[0]) : .doubles(values)
            case .variableLengthString, .fixedLengthString:
                let values = try HDF5StringCodec.read(
                    fileType: type, space: space, count: count, fail: failureBuilder(at: location)
                ) { memoryType, buffer in H5Aread(attribute, memoryType, buffer) }
                return isScalar ? .string(values[0]) : .strings(values)
            case .other:
                throw HDF5Error.wrongElementType(
                    file: filePath, path: location, expected: "an attribute value (string, integer or float)",
                    actual: elementType)
            }
        }
    }

    /// Sets the attribute `name` to `value`, replacing any attribute of that name (as h5py's `attrs[name] = v`).
    public func setAttribute(_ name: String, _ value: HDF5AttributeValue) throws {
        try withLibrary {
            try handle.ensureWritable()
            try validateAttributeName(name)
            let location = attributePath(name)
            if try hasAttribute(name), H5Adelete(id, name) < 0 {
                throw failure("replace attribute", at: location)
            }
            switch value {
            case let .string(string): try writeStringAttribute(name, [string], shape: [], at: location)
            case let .strings(strings): try writeStringAttribute(name, strings, shape: [strings.count], at: location)
            case let .int64(number): try writeNumericAttribute(name, [number], shape: [], at: location)
            case let .int64s(numbers): try writeNumericAttribute(name, numbers, shape: [numbers.count], at: location)
            case let .double(number): try writeNumericAttribute(name, [number], shape: [], at: location)
            case let .doubles(numbers): try writeNumericAttribute(name, numbers, shape: [numbers.count], at: location)
            }
        }
    }

    /// Deletes the attribute `name`; throws `missingAttribute` when there is none.
    public func removeAttribute(_ name: String) throws {
        try withLibrary {
            try handle.ensureWritable()
            guard try hasAttribute(name) else {
                throw HDF5Error.missingAttribute(file: filePath, object: path, name: name)
            }
            guard H5Adelete(id, name) >= 0 else { throw failure("delete attribute", at: attributePath(name)) }
        }
    }

    /// The scalar string attribute `name`; throws `wrongElementType` when it holds something else.
    public func stringAttribute(_ name: String) throws -> String {
        let value = try attribute(name)
        guard case let .string(string) = value else { throw mismatch(name, expected: "a string", found: value) }
        return string
    }

    /// The scalar integer attribute `name`; throws `wrongElementType` when it holds something else.
    public func int64Attribute(_ name: String) throws -> Int64 {
        let value = try attribute(name)
        guard case let .int64(number) = value else { throw mismatch(name, expected: "an int64", found: value) }
        return number
    }

    /// The scalar number attribute `name` as a Double (integers convert); throws `wrongElementType` otherwise.
    public func doubleAttribute(_ name: String) throws -> Double {
        let value = try attribute(name)
        switch value {
        case let .double(number): return number
        case let .int64(number): return Double(number)
        default: throw mismatch(name, expected: "a double", found: value)
        }
    }

    // MARK: Internals (library lock held)

    /// How error messages name the attribute `name` of this object: `object@name`.
    private func attributePath(_ name: String) -> String { "\(path)@\(name)" }

    private func validateAttributeName(_ name: String) throws {
        if name.isEmpty || name.utf8.contains(0) {
            throw HDF5Error.invalidArgument(
                file: filePath, path: attributePath(name), reason: "attribute names must be non-empty, without NUL")
        }
    }

    private func mismatch(_ name: String, expected: String, found value: HDF5AttributeValue) -> HDF5Error {
        let isArray = value.kindName.hasSuffix("array")
        return .wrongElementType(
            file: filePath, path: attributePath(name), expected: "\(expected) scalar\(isArray ? " (it is an array)" : "")",
            actual: storedElementType(ofAttribute: name) ?? .other(value.kindName))
    }

    /// The element type the attribute `name` is stored with, or nil when it cannot be read.
    private func storedElementType(ofAttribute name: String) -> HDF5ElementType? {
        HDF5Library.locked {
            guard handle.isOpen else { return nil }
            let attribute = H5Aopen(id, name, chdf5_default())
            guard attribute >= 0 else { return nil }
            defer { _ = H5Aclose(attribute) }
            let type = H5Aget_type(attribute)
            guard type >= 0 else { return nil }
            defer { _ = H5Tclose(type) }
            return HDF5ElementType(typeID: type)
        }
    }

    private func readNumericAttribute<T: HDF5Numeric>(_ attribute: hid_t, count: Int, at location: String) throws
        -> [T]
    {
        let memoryType = try T.memoryTypeID(file: filePath, path: location)
        var status: herr_t = 0
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { status = H5Aread(attribute, memoryType, buffer.baseAddress!) }
            initialized = status >= 0 ? count : 0
        }
        guard status >= 0 else { throw failure("read attribute", at: location) }
        return values
    }

    private func writeNumericAttribute<T: HDF5Numeric>(_ name: String, _ values: [T], shape: [Int], at location: String)
        throws
    {
        let memoryType = try T.memoryTypeID(file: filePath, path: location)
        try createAttribute(name, type: memoryType, shape: shape, at: location) { attribute in
            values.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return 0 }
                return H5Awrite(attribute, memoryType, base)
            }
        }
    }

    private func writeStringAttribute(_ name: String, _ strings: [String], shape: [Int], at location: String) throws {
        if let bad = HDF5StringCodec.firstUnstorable(strings) {
            throw HDF5Error.invalidArgument(
                file: filePath, path: location, reason: "string \(bad.debugDescription) contains a NUL character")
        }
        let type = HDF5StringCodec.variableLengthType()
        guard type >= 0 else { throw failure("make string type", at: location) }
        defer { _ = H5Tclose(type) }
        try createAttribute(name, type: type, shape: shape, at: location) { attribute in
            HDF5StringCodec.withVariableLengthBuffer(strings) { H5Awrite(attribute, type, $0) }
        }
    }

    /// Creates the attribute `name` of `type` and `shape`, then fills it with `write`; on failure the
    /// half-made attribute is deleted.
    private func createAttribute(
        _ name: String, type: hid_t, shape: [Int], at location: String, write: (hid_t) -> herr_t
    ) throws {
        let space = HDF5Dataspace.create(shape: shape)
        guard space >= 0 else { throw failure("make attribute shape", at: location) }
        defer { _ = H5Sclose(space) }
        let attribute = H5Acreate2(id, name, type, space, chdf5_default(), chdf5_default())
        guard attribute >= 0 else { throw failure("create attribute", at: location) }
        let status = write(attribute)
        if status < 0 {
            let error = failure("write attribute", at: location)
            _ = H5Aclose(attribute)
            _ = H5Adelete(id, name)
            throw error
        }
        guard H5Aclose(attribute) >= 0 else { throw failure("write attribute", at: location) }
    }
}
