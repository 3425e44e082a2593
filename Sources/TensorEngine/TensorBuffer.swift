import Foundation

/// Reference-counted, 64-byte-aligned storage of a tensor; recycled through `BufferPool` on release.
final class TensorBuffer: @unchecked Sendable {
    /// The first byte.
    let raw: UnsafeMutableRawPointer
    /// The usable size in bytes.
    let byteCount: Int

    /// Takes uninitialised storage of at least `byteCount` bytes from the pool.
    init(byteCount: Int) {
        self.byteCount = byteCount
        raw = BufferPool.shared.take(byteCount: byteCount)
    }

    deinit { BufferPool.shared.give(raw, byteCount: byteCount) }

    /// The storage as typed elements.
    @inline(__always) func pointer<T>(_ type: T.Type) -> UnsafeMutablePointer<T> {
        raw.assumingMemoryBound(to: T.self)
    }
}

/// A cache of released tensor buffers keyed by size, so a training step reuses the previous step's memory
/// instead of faulting in fresh pages (measured: 12% of a training step went to the kernel zeroing pages
/// with a 1 GiB cap at batch 64). Holds at most `capacity` bytes (a quarter of physical memory for the
/// shared pool); small buffers are not cached.
final class BufferPool: @unchecked Sendable {
    /// The process-wide pool.
    static let shared = BufferPool(capacity: Int(min(ProcessInfo.processInfo.physicalMemory / 4, UInt64(Int.max))))

    private let lock = NSLock()
    private var free: [Int: [UnsafeMutableRawPointer]] = [:]
    private var cachedBytes = 0
    private let capacity: Int
    private let minimumCachedSize = 4096

    init(capacity: Int) { self.capacity = capacity }

    private func bucket(_ byteCount: Int) -> Int { max(64, (byteCount + 63) & ~63) }

    /// Returns storage of at least `byteCount` bytes.
    func take(byteCount: Int) -> UnsafeMutableRawPointer {
        let size = bucket(byteCount)
        if size >= minimumCachedSize {
            lock.lock()
            if var list = free[size], let pointer = list.popLast() {
                free[size] = list
                cachedBytes -= size
                lock.unlock()
                return pointer
            }
            lock.unlock()
        }
        return UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64)
    }

    /// Takes back storage obtained from `take`.
    func give(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
        let size = bucket(byteCount)
        if size >= minimumCachedSize {
            lock.lock()
            if cachedBytes + size <= capacity {
                free[size, default: []].append(pointer)
                cachedBytes += size
                lock.unlock()
                return
            }
            lock.unlock()
        }
        pointer.deallocate()
    }

    /// Frees every cached buffer.
    func drain() {
        lock.lock()
        let lists = free
        free = [:]
        cachedBytes = 0
        lock.unlock()
        for list in lists.values { for pointer in list { pointer.deallocate() } }
    }
}
