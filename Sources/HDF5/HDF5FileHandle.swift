import CHDF5

/// Owns one open HDF5 file identifier, shared by the `HDF5File` and every object opened from it.
///
/// Files are opened with the "strong" close degree: closing the file closes every group, dataset and attribute
/// still open in it, so `close()` really releases the file on disk. Objects that outlive the close see
/// `isOpen == false` and refuse further work with `HDF5Error.fileClosed`. When nobody closed the file explicitly,
/// it closes when the last object referencing this handle is released.
///
/// `@unchecked Sendable`: `isOpen` is the only mutable state, and it is only read or written with the
/// `HDF5Library` lock held.
final class HDF5FileHandle: @unchecked Sendable {
    /// The path the file was opened or created at.
    let path: String
    /// The HDF5 file identifier.
    let id: hid_t
    /// Whether the file was opened for writing.
    let isWritable: Bool
    /// Whether `id` is still open.
    private(set) var isOpen = true

    /// Takes ownership of the open file identifier `id`.
    init(path: String, id: hid_t, isWritable: Bool) {
        self.path = path
        self.id = id
        self.isWritable = isWritable
    }

    deinit {
        HDF5Library.locked {
            if isOpen { _ = H5Fclose(id) }
        }
    }

    /// Throws `fileClosed` unless the file is open. Call with the library lock held.
    func ensureOpen() throws {
        guard isOpen else { throw HDF5Error.fileClosed(file: path) }
    }

    /// Throws unless the file is open for writing. Call with the library lock held.
    func ensureWritable() throws {
        try ensureOpen()
        guard isWritable else { throw HDF5Error.readOnlyFile(file: path) }
    }

    /// Flushes buffered data to disk.
    func flush() throws {
        try HDF5Library.locked {
            try ensureOpen()
            if H5Fflush(id, H5F_SCOPE_GLOBAL) < 0 {
                throw HDF5Error.operationFailed(
                    file: path, path: "/", operation: "flush", detail: HDF5Library.innermostError())
            }
        }
    }

    /// Closes the file and every object still open in it; closing twice does nothing.
    func close() throws {
        try HDF5Library.locked {
            guard isOpen else { return }
            isOpen = false
            if H5Fclose(id) < 0 {
                throw HDF5Error.operationFailed(
                    file: path, path: "/", operation: "close", detail: HDF5Library.innermostError())
            }
        }
    }
}
