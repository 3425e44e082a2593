/// NASWOT's binary codes: the sign pattern [x > 0] of each sample packed into 64-bit words, and the number of
/// units where two samples' codes differ (XOR + popcount), for every pair of samples.
extension KernelLoops {
    /// Packs [x > 0] of `batch` samples of `perSample` values (contiguous, sample-major) into `words` words per
    /// sample, bit u % 64 of word u / 64 for unit u; bits past `perSample` are zero.
    static func packSigns<T: KernelScalar>(
        _ x: UnsafePointer<T>, batch: Int, perSample: Int, into codes: UnsafeMutablePointer<UInt64>, words: Int
    ) {
        let lanes = T.Vector.scalarCount
        let chunks = 64 / lanes
        for sample in 0..<batch {
            let values = x + sample * perSample
            let target = codes + sample * words
            let full = perSample / 64
            for word in 0..<full {
                var bits: UInt64 = 0
                for chunk in 0..<chunks {
                    bits |= T.positiveBits(loadVector(values + word * 64 + chunk * lanes)) &<< UInt64(chunk * lanes)
                }
                target[word] = bits
            }
            if full < words {
                var bits: UInt64 = 0
                for unit in (full * 64)..<perSample where values[unit] > 0 { bits |= 1 &<< UInt64(unit - full * 64) }
                target[full] = bits
                for word in (full + 1)..<words { target[word] = 0 }
            }
        }
    }

    /// counts[i·batch + j] += popcount(codes_i XOR codes_j) for i < j (the upper triangle), over `words` words
    /// per sample; rows are dealt round-robin to the threads so each gets a similar share of the pairs.
    static func addSignDisagreements(
        _ codes: UnsafePointer<UInt64>, batch: Int, words: Int, into counts: UnsafeMutablePointer<Int>, threads: Int
    ) {
        let parts = threadsFor(work: batch * batch / 2 * words, threads: threads)
        let sharedCodes = SharedPointer(codes), sharedCounts = SharedPointer(counts)
        parallelRanges(count: parts, parts: parts) { part, _ in
            let codes = UnsafePointer(sharedCodes.pointer), counts = sharedCounts.pointer
            // Blocks of words small enough that one sample's block stays in L1 while the others stream from L2.
            let block = 512
            var start = 0
            while start < words {
                let length = min(block, words - start)
                var i = part
                while i < batch {
                    let a = codes + i * words + start
                    for j in (i + 1)..<max(batch, i + 1) {
                        let b = codes + j * words + start
                        var count = 0
                        for w in 0..<length { count &+= (a[w] ^ b[w]).nonzeroBitCount }
                        counts[i * batch + j] &+= count
                    }
                    i += parts
                }
                start += length
            }
        }
    }
}
