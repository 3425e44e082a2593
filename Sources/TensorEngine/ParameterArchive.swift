import Foundation

/// Saves and loads named tensors in a small self-describing binary format (all integers little-endian):
///
///     magic "NBTENSOR" (8 bytes) · version UInt32 = 1 · count UInt32
///     per tensor: name length UInt32 · name UTF-8 · dtype UInt8 (0 float32, 1 float64) · rank UInt32 ·
///                 rank × Int64 dimensions · count × element (IEEE-754 little-endian)
public enum ParameterArchive {
    /// A failure to read an archive.
    public enum ArchiveError: Error, Equatable {
        /// The file does not start with the magic bytes or has an unknown version.
        case notAnArchive
        /// The file ends before its header says it should.
        case truncated
        /// A stored tensor's name is not valid UTF-8 or its dtype is unknown.
        case malformed(String)
        /// Loading into parameters found a missing name or a different shape.
        case mismatch(String)
    }

    private static let magic = Array("NBTENSOR".utf8)

    /// Encodes named tensors.
    public static func encode(_ tensors: [(name: String, tensor: Tensor)]) -> Data {
        var data = Data(magic)
        func append<I: FixedWidthInteger>(_ value: I) { withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        append(UInt32(1))
        append(UInt32(tensors.count))
        for (name, tensor) in tensors {
            let utf8 = Array(name.utf8)
            append(UInt32(utf8.count))
            data.append(contentsOf: utf8)
            data.append(tensor.dtype.rawValue)
            append(UInt32(tensor.rank))
            for extent in tensor.shape { append(Int64(extent)) }
            switch tensor.dtype {
            case .float32: for value in tensor.scalars { append(value.bitPattern) }
            case .float64: for value in tensor.doubleScalars { append(value.bitPattern) }
            }
        }
        return data
    }

    /// Decodes named tensors, in stored order.
    public static func decode(_ data: Data) throws -> [(name: String, tensor: Tensor)] {
        let bytes = [UInt8](data)
        var offset = 0
        func read<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
            let size = MemoryLayout<I>.size
            guard offset + size <= bytes.count else { throw ArchiveError.truncated }
            var value: I = 0
            for i in 0..<size { value |= I(truncatingIfNeeded: bytes[offset + i]) << (8 * i) }
            offset += size
            return value
        }
        guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else { throw ArchiveError.notAnArchive }
        offset = magic.count
        guard try read(UInt32.self) == 1 else { throw ArchiveError.notAnArchive }
        let count = Int(try read(UInt32.self))
        var result: [(name: String, tensor: Tensor)] = []
        for _ in 0..<count {
            let length = Int(try read(UInt32.self))
            guard offset + length <= bytes.count else { throw ArchiveError.truncated }
            guard let name = String(bytes: bytes[offset..<offset + length], encoding: .utf8) else {
                throw ArchiveError.malformed("name at byte \(offset)")
            }
            offset += length
            guard offset < bytes.count else { throw ArchiveError.truncated }
            guard let dtype = DType(rawValue: bytes[offset]) else { throw ArchiveError.malformed("dtype of \(name)") }
            offset += 1
            let rank = Int(try read(UInt32.self))
            var shape: [Int] = []
            for _ in 0..<rank { shape.append(Int(try read(Int64.self))) }
            let elements = shape.reduce(1, *)
            guard elements >= 0, offset + elements * dtype.byteWidth <= bytes.count else { throw ArchiveError.truncated }
            switch dtype {
            case .float32:
                let values = try (0..<elements).map { _ in Float(bitPattern: try read(UInt32.self)) }
                result.append((name, Tensor(shape: shape, scalars: values)))
            case .float64:
                let values = try (0..<elements).map { _ in Double(bitPattern: try read(UInt64.self)) }
                result.append((name, Tensor(shape: shape, doubleScalars: values)))
            }
        }
        return result
    }

    /// Writes the parameters' values to a file, named by `Parameter.name`.
    public static func save(_ parameters: [Parameter], to url: URL) throws {
        try encode(parameters.map { ($0.name, $0.value) }).write(to: url)
    }

    /// Reads a file into parameters of the same names and shapes (extra stored tensors are ignored).
    public static func load(into parameters: [Parameter], from url: URL) throws {
        let stored = try decode(Data(contentsOf: url))
        var byName: [String: Tensor] = [:]
        for (name, tensor) in stored { byName[name] = tensor }
        for parameter in parameters {
            guard let tensor = byName[parameter.name] else { throw ArchiveError.mismatch("missing \(parameter.name)") }
            guard tensor.shape == parameter.shape else {
                throw ArchiveError.mismatch("\(parameter.name): stored \(tensor.shape), expected \(parameter.shape)")
            }
            parameter.value = tensor.converted(to: parameter.value.dtype)
        }
    }
}
