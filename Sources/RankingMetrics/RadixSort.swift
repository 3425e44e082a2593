/// Stable least-significant-digit radix sort of 64-bit keys, returning the permutation (internal kernel).
///
/// Doubles are mapped to order-preserving unsigned keys (`orderKey`), so sorting values costs a few linear passes
/// instead of O(N log N) comparisons. Stability makes ties keep their input order, which the tie rules rely on.
enum RadixSort {
    /// Bits per digit: 8 passes of 8 bits cover 64-bit keys; 256 buckets keep the scatter targets cache-resident
    /// (measured faster than 11- or 16-bit digits on 10^6 keys). Digits shared by every key are skipped.
    static let digitBits = 8
    /// Number of buckets per digit.
    static let bucketCount = 1 << digitBits
    /// Number of digits in a 64-bit key.
    static let digitCount = (64 + digitBits - 1) / digitBits
    /// Below this size a comparison sort is faster than building histograms.
    static let smallSize = 256

    /// Maps a finite double to a key whose unsigned order is the numeric order; -0.0 and +0.0 map to one key.
    @inline(__always)
    static func orderKey(_ value: Double) -> UInt64 {
        let bits = (value + 0.0).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The stable ascending order of `values` (ties keep input order) and the values' keys in that order.
    static func stableOrder(of values: [Double]) -> (order: [UInt32], sortedKeys: [UInt64]) {
        stableOrder(keys: values.map(orderKey))
    }

    /// The stable ascending order of `keys` (`order[j]` is the index of the j-th smallest key) and the sorted keys.
    static func stableOrder(keys: [UInt64]) -> (order: [UInt32], sortedKeys: [UInt64]) {
        let count = keys.count
        if count < smallSize {
            let order = (0..<UInt32(count)).sorted { left, right in
                let leftKey = keys[Int(left)], rightKey = keys[Int(right)]
                return leftKey < rightKey || (leftKey == rightKey && left < right)
            }
            return (order, order.map { keys[Int($0)] })
        }
        var histograms = [Int](repeating: 0, count: digitCount * bucketCount)
        let mask = UInt64(bucketCount - 1)
        histograms.withUnsafeMutableBufferPointer { histogram in
            keys.withUnsafeBufferPointer { key in
                for index in 0..<count {
                    var value = key[index]
                    for digit in 0..<digitCount {
                        histogram[digit * bucketCount + Int(value & mask)] &+= 1
                        value >>= UInt64(digitBits)
                    }
                }
            }
        }
        var sourceKeys = keys
        var targetKeys = [UInt64](repeating: 0, count: count)
        var sourceOrder = [UInt32](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count { buffer[index] = UInt32(truncatingIfNeeded: index) }
            initialized = count
        }
        var targetOrder = [UInt32](repeating: 0, count: count)
        var offsets = [Int](repeating: 0, count: bucketCount)
        for digit in 0..<digitCount {
            let base = digit * bucketCount
            var skip = false
            var running = 0
            for bucket in 0..<bucketCount {
                let size = histograms[base + bucket]
                if size == count { skip = true; break }
                offsets[bucket] = running
                running += size
            }
            if skip { continue }
            let shift = UInt64(digit * digitBits)
            offsets.withUnsafeMutableBufferPointer { offset in
                sourceKeys.withUnsafeBufferPointer { fromKey in
                    sourceOrder.withUnsafeBufferPointer { fromOrder in
                        targetKeys.withUnsafeMutableBufferPointer { toKey in
                            targetOrder.withUnsafeMutableBufferPointer { toOrder in
                                for index in 0..<count {
                                    let key = fromKey[index]
                                    let bucket = Int((key >> shift) & mask)
                                    let destination = offset[bucket]
                                    offset[bucket] = destination &+ 1
                                    toKey[destination] = key
                                    toOrder[destination] = fromOrder[index]
                                }
                            }
                        }
                    }
                }
            }
            swap(&sourceKeys, &targetKeys)
            swap(&sourceOrder, &targetOrder)
        }
        return (sourceOrder, sourceKeys)
    }
}
