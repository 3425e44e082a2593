import CHDF5
import Foundation

/// Builds the error for a failed HDF5 call; it reads HDF5's error stack, so call it right after the failure.
typealias HDF5FailureBuilder = (_ operation: String) -> HDF5Error

/// Converts between Swift strings and HDF5's string storage. Call everything with the library lock held.
///
/// Writing uses variable-length UTF-8 strings, as h5py does for `str` (`h5py.string_dtype()`). Reading accepts
/// variable-length strings and fixed-length strings (h5py's `np.bytes_` arrays, dtype `S<n>`), whose padding is
/// removed according to the type's pad rule. Bytes that are not valid UTF-8 are decoded with replacement
/// characters.
enum HDF5StringCodec {
    /// A new variable-length string type with the character set `characterSet`, or a negative identifier on
    /// failure. The caller closes it.
    static func variableLengthType(characterSet: H5T_cset_t = H5T_CSET_UTF8) -> hid_t {
        let type = H5Tcopy(chdf5_c_string())
        guard type >= 0 else { return type }
        guard H5Tset_size(type, chdf5_variable_size()) >= 0, H5Tset_cset(type, characterSet) >= 0 else {
            _ = H5Tclose(type)
            return -1
        }
        return type
    }

    /// The first string in `strings` that cannot be stored as a C string (it contains a NUL character).
    static func firstUnstorable(_ strings: [String]) -> String? {
        strings.first { $0.utf8.contains(0) }
    }

    /// Calls `write` with a buffer of C string pointers holding UTF-8 copies of `strings` (variable-length layout).
    static func withVariableLengthBuffer(_ strings: [String], _ write: (UnsafeRawPointer) -> herr_t) -> herr_t {
        let pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return write(base)
        }
    }

    /// `strings` laid out as fixed-length elements of `size` bytes padded per `pad`, or the first string that
    /// does not fit (a null-terminated type needs one byte for the terminator).
    static func fixedLengthBytes(_ strings: [String], size: Int, pad: H5T_str_t) -> Result<[UInt8], TooLong> {
        let capacity = pad == H5T_STR_NULLTERM ? size - 1 : size
        let filler: UInt8 = pad == H5T_STR_SPACEPAD ? 0x20 : 0
        var bytes = [UInt8]()
        bytes.reserveCapacity(strings.count * size)
        for string in strings {
            let encoded = Array(string.utf8)
            guard encoded.count <= capacity else { return .failure(TooLong(string: string, capacity: capacity)) }
            bytes += encoded
            bytes += repeatElement(filler, count: size - encoded.count)
        }
        return .success(bytes)
    }

    /// A string longer than a fixed-length string type can hold.
    struct TooLong: Error {
        /// The string that does not fit.
        let string: String
        /// How many bytes of text an element holds.
        let capacity: Int
    }

    /// Reads `count` string elements stored as `fileType`, calling `read(memoryType, buffer)` to fill the buffer
    /// (an `H5Dread` or `H5Aread`); `space` describes the whole selection, for releasing variable-length memory.
    static func read(
        fileType: hid_t, space: hid_t, count: Int,
        fail: HDF5FailureBuilder,
        _ read: (hid_t, UnsafeMutableRawPointer) -> herr_t
    ) throws -> [String] {
        if H5Tis_variable_str(fileType) > 0 {
            return try readVariableLength(fileType: fileType, space: space, count: count, fail: fail, read)
        }
        return try readFixedLength(fileType: fileType, count: count, fail: fail, read)
    }

    private static func readVariableLength(
        fileType: hid_t, space: hid_t, count: Int,
        fail: HDF5FailureBuilder,
        _ read: (hid_t, UnsafeMutableRawPointer) -> herr_t
    ) throws -> [String] {
        if count == 0 { return [] }
        let memoryType = variableLengthType(characterSet: H5Tget_cset(fileType))
        guard memoryType >= 0 else { throw fail("make string type") }
        defer { _ = H5Tclose(memoryType) }
        var pointers = [UnsafeMutablePointer<CChar>?](repeating: nil, count: count)
        let status = pointers.withUnsafeMutableBytes { read(memoryType, $0.baseAddress!) }
        guard status >= 0 else { throw fail("read strings") }
        let strings = pointers.map { pointer in pointer.map { String(cString: $0) } ?? "" }
        _ = pointers.withUnsafeMutableBytes { chdf5_reclaim(memoryType, space, $0.baseAddress) }
        return strings
    }

    private static func readFixedLength(
        fileType: hid_t, count: Int,
        fail: HDF5FailureBuilder,
        _ read: (hid_t, UnsafeMutableRawPointer) -> herr_t
    ) throws -> [String] {
        let size = H5Tget_size(fileType)
        if count == 0 || size == 0 { return Array(repeating: "", count: count) }
        let memoryType = H5Tcopy(fileType)
        guard memoryType >= 0 else { throw fail("make string type") }
        defer { _ = H5Tclose(memoryType) }
        var bytes = [UInt8](repeating: 0, count: count * size)
        let status = bytes.withUnsafeMutableBytes { read(memoryType, $0.baseAddress!) }
        guard status >= 0 else { throw fail("read strings") }
        let pad = H5Tget_strpad(fileType)
        return (0..<count).map { index in
            var element = bytes[(index * size)..<((index + 1) * size)]
            if pad == H5T_STR_SPACEPAD {
                while element.last == 0x20 { element.removeLast() }
            } else if let terminator = element.firstIndex(of: 0) {
                element = element[..<terminator]
            }
            return String(decoding: element, as: UTF8.self)
        }
    }
}
