import CHDF5
import Foundation

/// An open HDF5 file, which is also its root group ("/"): groups, datasets and root attributes are reached
/// through it.
///
/// ```swift
/// let file = try HDF5File.open("nb201.h5")
/// let accuracy = try file.dataset("datasets/cifar10/metrics/valid_accuracy").read(Double.self)
/// try file.close()
/// ```
///
/// The file closes on `close()` (which also closes every object opened from it) or, without an explicit close,
/// once the file and all objects opened from it are released. Like every type here it serialises its HDF5 calls
/// through one process-wide lock, because the system libhdf5 is not thread-safe.
public final class HDF5File: HDF5Group, @unchecked Sendable {
    /// How an existing file is opened.
    public enum AccessMode: Sendable, Hashable {
        /// Reading only; every change throws `HDF5Error.readOnlyFile`.
        case readOnly
        /// Reading and writing.
        case readWrite
    }

    private init(handle: HDF5FileHandle, rootID: hid_t) {
        super.init(handle: handle, id: rootID, path: "/")
    }

    /// Opens the existing HDF5 file at `path`.
    ///
    /// Throws `fileNotFound` when nothing is there, `notHDF5` when the file has no HDF5 signature, and
    /// `corruptFile` when it has one but cannot be opened (for example because it is truncated).
    public static func open(_ path: String, mode: AccessMode = .readOnly) throws -> HDF5File {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw HDF5Error.fileNotFound(file: path)
        }
        if isDirectory.boolValue { throw HDF5Error.notHDF5(file: path, reason: "it is a directory") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw HDF5Error.operationFailed(file: path, path: "/", operation: "open", detail: "permission denied")
        }
        if mode == .readWrite, !FileManager.default.isWritableFile(atPath: path) {
            throw HDF5Error.operationFailed(
                file: path, path: "/", operation: "open for writing", detail: "permission denied")
        }
        return try HDF5Library.locked {
            let signature = chdf5_is_hdf5(path)
            if signature == 0 { throw HDF5Error.notHDF5(file: path, reason: "no HDF5 signature found") }
            if signature < 0 { throw HDF5Error.corruptFile(file: path, detail: HDF5Library.innermostError()) }
            let accessList = try makeFileAccessList(path: path)
            defer { _ = H5Pclose(accessList) }
            let flags = mode == .readOnly ? chdf5_acc_rdonly() : chdf5_acc_rdwr()
            let fileID = H5Fopen(path, flags, accessList)
            guard fileID >= 0 else {
                let detail = HDF5Library.innermostError()
                // A lock conflict means another handle or process has the file open, not that it is damaged.
                if detail.contains("unable to lock file") {
                    throw HDF5Error.operationFailed(file: path, path: "/", operation: "open", detail: detail)
                }
                throw HDF5Error.corruptFile(file: path, detail: detail)
            }
            return try wrap(fileID: fileID, path: path, isWritable: mode == .readWrite)
        }
    }

    /// Creates an empty HDF5 file at `path`, truncating any file already there, open for reading and writing.
    public static func create(_ path: String) throws -> HDF5File {
        try HDF5Library.locked {
            let accessList = try makeFileAccessList(path: path)
            defer { _ = H5Pclose(accessList) }
            let fileID = H5Fcreate(path, chdf5_acc_trunc(), chdf5_default(), accessList)
            guard fileID >= 0 else {
                throw HDF5Error.operationFailed(
                    file: path, path: "/", operation: "create file", detail: HDF5Library.innermostError())
            }
            return try wrap(fileID: fileID, path: path, isWritable: true)
        }
    }

    /// Whether the file is still open.
    public var isOpen: Bool { HDF5Library.locked { handle.isOpen } }

    /// Whether the file was opened for writing.
    public var isWritable: Bool { handle.isWritable }

    /// Writes buffered changes to disk without closing the file.
    public func flush() throws { try handle.flush() }

    /// Closes the file and every group and dataset opened from it; calling it again does nothing.
    public func close() throws { try handle.close() }

    // MARK: Internals (library lock held)

    /// A file-access property list with the "strong" close degree, so closing the file closes its objects too.
    private static func makeFileAccessList(path: String) throws -> hid_t {
        let list = H5Pcreate(chdf5_file_access_class())
        guard list >= 0, H5Pset_fclose_degree(list, H5F_CLOSE_STRONG) >= 0 else {
            let error = HDF5Error.operationFailed(
                file: path, path: "/", operation: "make file properties", detail: HDF5Library.innermostError())
            if list >= 0 { _ = H5Pclose(list) }
            throw error
        }
        return list
    }

    /// Wraps the open file `fileID` and its root group into an `HDF5File`; closes the file on failure.
    ///
    /// The file's descriptor is made close-on-exec first: HDF5 opens files without `O_CLOEXEC` and locks them
    /// with `flock`, so a child process spawned while the file is open would otherwise keep the lock alive after
    /// `close()` and make the next open of the file fail.
    private static func wrap(fileID: hid_t, path: String, isWritable: Bool) throws -> HDF5File {
        let handle = HDF5FileHandle(path: path, id: fileID, isWritable: isWritable)
        guard chdf5_set_close_on_exec(fileID) >= 0 else {
            throw HDF5Error.operationFailed(
                file: path, path: "/", operation: "mark file close-on-exec", detail: HDF5Library.innermostError())
        }
        let rootID = H5Gopen2(fileID, "/", chdf5_default())
        guard rootID >= 0 else {
            throw HDF5Error.corruptFile(file: path, detail: HDF5Library.innermostError())
        }
        return HDF5File(handle: handle, rootID: rootID)
    }
}
