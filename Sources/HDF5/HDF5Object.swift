import CHDF5

/// An open object in an HDF5 file (a group, the root group of an `HDF5File`, or a dataset); it carries attributes.
///
/// The object keeps its file open: the file closes when `HDF5File.close()` is called or when the file and every
/// object opened from it have been released. After an explicit close, using the object throws
/// `HDF5Error.fileClosed`.
///
/// Thread safety: libhdf5 as packaged by Debian is not thread-safe, so every call into it is serialised through
/// one process-wide lock. Objects may be shared between threads and tasks (`Sendable`), but their HDF5 work runs
/// one call at a time; do not expect parallel speed-ups. `@unchecked Sendable` is sound because the stored
/// properties are immutable and all HDF5 state is touched only with that lock held.
public class HDF5Object: @unchecked Sendable {
    /// The open file this object lives in.
    let handle: HDF5FileHandle
    /// The HDF5 identifier of this object, closed on deinit.
    let id: hid_t
    /// The absolute path of this object inside its file, e.g. "/datasets/cifar10".
    public let path: String

    /// Takes ownership of the open object identifier `id`.
    init(handle: HDF5FileHandle, id: hid_t, path: String) {
        self.handle = handle
        self.id = id
        self.path = path
    }

    deinit {
        HDF5Library.locked {
            if handle.isOpen { _ = H5Oclose(id) }
        }
    }

    /// The path of the file on disk that holds this object.
    public var filePath: String { handle.path }

    /// Runs `body` with the library lock held, after checking the file is still open.
    func withLibrary<T>(_ body: () throws -> T) throws -> T {
        try HDF5Library.locked {
            try handle.ensureOpen()
            return try body()
        }
    }

    /// The absolute form of `path` relative to this object.
    func resolve(_ path: String) throws -> String {
        do {
            return try HDF5Path.resolve(path, against: self.path)
        } catch {
            throw HDF5Error.invalidArgument(file: filePath, path: path, reason: error.reason)
        }
    }

    /// The error for a failed HDF5 call at `path` (this object by default), with HDF5's own message.
    ///
    /// Call it right after the failing call, with the lock still held: it reads HDF5's error stack.
    func failure(_ operation: String, at path: String? = nil) -> HDF5Error {
        .operationFailed(
            file: filePath, path: path ?? self.path, operation: operation, detail: HDF5Library.innermostError())
    }

    /// A failure builder for `path`, for helpers that report their own HDF5 failures.
    func failureBuilder(at path: String) -> HDF5FailureBuilder {
        { [self] operation in failure(operation, at: path) }
    }
}
