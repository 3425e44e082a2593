import CHDF5
import Foundation

/// The process-wide gate in front of libhdf5.
///
/// Debian's (and most distributions') libhdf5 is built without `--enable-threadsafe`: two threads inside the
/// library at once corrupt its global state. Every call this module makes into libhdf5 therefore runs inside
/// `locked`, which holds one recursive lock for the whole process. That makes the wrapper's classes safe to share
/// across threads and tasks (they are `Sendable`), but HDF5 work is serialised: it never runs in parallel.
/// The lock is recursive because releasing a wrapper object inside a locked region closes its handle, which locks
/// again.
///
/// HDF5's advisory file locks (`flock`, HDF5 1.10.7+) are switched off for the process
/// (`HDF5_USE_FILE_LOCKING=FALSE`, unless the caller set it): NASBench writes a table to a temporary file and
/// renames it into place, so the locks protect nothing, while a descriptor inherited by a child process started
/// by another thread would keep the lock after `close()` and make the next open fail.
enum HDF5Library {
    private static let lock = NSRecursiveLock()

    /// Sets the locking switch once, before the first call into libhdf5.
    private static let disableFileLocking: Void = {
        setenv("HDF5_USE_FILE_LOCKING", "FALSE", 0)
    }()

    /// How many `locked` regions the current holder of `lock` is inside; only read or written with `lock` held.
    nonisolated(unsafe) private static var depth = 0

    /// Runs `body` with the library lock held, after making sure the library is initialised and silent.
    static func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer {
            depth -= 1
            lock.unlock()
        }
        if depth == 0 {
            _ = disableFileLocking
            // Idempotent; repeated because thread-safe builds keep the error-printing switch per thread.
            _ = chdf5_initialise()
        }
        depth += 1
        return try body()
    }

    /// The most specific message on HDF5's error stack, on one line ("no further detail" when empty).
    ///
    /// Call it, with the lock held, right after the failing HDF5 call: the next HDF5 API call clears the stack.
    static func innermostError() -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let capacity = buffer.count
        buffer.withUnsafeMutableBufferPointer { chdf5_innermost_error($0.baseAddress, capacity) }
        let message = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let line = HDF5Error.singleLine(message)
        return line.isEmpty ? "no further detail from HDF5" : line
    }
}
