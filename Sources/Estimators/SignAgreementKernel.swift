import TensorEngine

/// NASWOT's kernel K_ij = the number of observed units where the codes [x > 0] of samples i and j agree,
/// accumulated over any number of [B, …] tensors (every ReLU input of one forward pass).
///
/// Each sample's codes are packed 64 to a word and appended to one bit string per sample (each tensor padded to
/// whole words with zeros, which agree); at the end K_ij = units − popcount(codes_i XOR codes_j), computed in
/// blocks of words that stay in cache. Same result as `TensorEngine.SignAgreement`, several times faster.
public final class SignAgreementKernel {
    /// The batch size B.
    public let batchSize: Int
    /// The number of units observed so far per sample.
    public private(set) var units = 0
    private var codes: [[UInt64]]

    /// Creates an empty kernel for batches of `batchSize` samples.
    public init(batchSize: Int) {
        self.batchSize = batchSize
        codes = Array(repeating: [], count: batchSize)
    }

    /// Appends the sign codes of one [B, …] tensor.
    public func observe(_ tensor: Tensor) {
        precondition(tensor.shape.first == batchSize, "expected a batch of \(batchSize), got \(tensor.shape)")
        let perSample = tensor.count / batchSize
        let words = (perSample + 63) / 64
        let values = tensor.scalars
        values.withUnsafeBufferPointer { buffer in
            let base = UnsafeRawPointer(buffer.baseAddress!)
            let powers = SIMD16<UInt32>(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768)
            let zeros = SIMD16<UInt32>(repeating: 0)
            for sample in 0..<batchSize {
                let offset = sample * perSample
                codes[sample].reserveCapacity(codes[sample].count + words)
                var start = offset
                let end = offset + perSample
                while start + 64 <= end {
                    var bits: UInt64 = 0
                    for part in 0..<4 {
                        let lanes = base.loadUnaligned(fromByteOffset: (start + 16 * part) * 4, as: SIMD16<Float>.self)
                        bits |= UInt64(zeros.replacing(with: powers, where: lanes .> 0).wrappedSum()) &<< UInt64(16 * part)
                    }
                    codes[sample].append(bits)
                    start += 64
                }
                if start < end {
                    var bits: UInt64 = 0
                    for index in start..<end where buffer[index] > 0 { bits |= 1 &<< UInt64(index - start) }
                    codes[sample].append(bits)
                }
            }
        }
        units += perSample
    }

    /// K as a B×B matrix.
    public var matrix: SquareMatrix {
        let n = batchSize
        let length = codes.first?.count ?? 0
        var disagreements = [Int](repeating: 0, count: n * n)
        let block = 512
        for start in stride(from: 0, to: length, by: block) {
            let end = min(start + block, length)
            for i in 0..<n {
                codes[i].withUnsafeBufferPointer { a in
                    for j in (i + 1)..<max(n, i + 1) {
                        codes[j].withUnsafeBufferPointer { b in
                            var count = 0
                            for w in start..<end { count &+= (a[w] ^ b[w]).nonzeroBitCount }
                            disagreements[i * n + j] &+= count
                        }
                    }
                }
            }
        }
        var entries = [Double](repeating: Double(units), count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let value = Double(units - disagreements[i * n + j])
                entries[i * n + j] = value
                entries[j * n + i] = value
            }
        }
        return SquareMatrix(order: n, entries: entries)
    }
}
