/// Accumulates K_ij = Σ over observed units of [sign code of sample i == code of sample j], with code =
/// (value > 0), over any number of [B, ...] tensors: K = Σ c·cᵀ + (1 − c)(1 − c)ᵀ (the NASWOT kernel of
/// Mellor et al. 2021 when fed every ReLU input through `Tape.reluObserver`).
///
/// Each tensor's codes are packed 64 to a word and K's complement, the disagreement counts, is accumulated with
/// XOR + popcount in the kernels. A tensor observed again (the same storage: NB201 feeds one node to the ReLUs of
/// several edges) adds its remembered counts without recomputing them; a tensor whose samples all share one code
/// pattern (e.g. a node that is always zero) adds agreement only.
public final class SignAgreement {
    /// The batch size B.
    public let batchSize: Int
    /// The number of units observed so far per sample.
    public private(set) var units = 0
    /// Disagreement counts, upper triangle (i < j) of a row-major B × B matrix.
    private var disagreements: [Int]
    /// The last few distinct tensors observed and their disagreement counts.
    private var recent: [(tensor: Tensor, counts: [Int])] = []
    private var codes: [UInt64] = []
    private static let remembered = 4

    /// Creates an empty accumulator for batches of `batchSize` samples.
    public init(batchSize: Int) {
        self.batchSize = batchSize
        disagreements = [Int](repeating: 0, count: batchSize * batchSize)
    }

    /// Adds the sign codes of one [B, ...] tensor.
    public func observe(_ tensor: Tensor) {
        precondition(tensor.shape.first == batchSize, "expected a batch of \(batchSize), got \(tensor.shape)")
        let perSample = tensor.count / batchSize
        units += perSample
        if let seen = recent.first(where: { $0.tensor.buffer === tensor.buffer && $0.tensor.shape == tensor.shape }) {
            add(seen.counts)
            return
        }
        let counts = disagreementCounts(tensor, perSample: perSample)
        add(counts)
        recent.append((tensor, counts))
        if recent.count > Self.remembered { recent.removeFirst() }
    }

    /// K in row-major order (B × B agreement counts).
    public var agreements: [Double] {
        let n = batchSize
        var entries = [Double](repeating: Double(units), count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let value = Double(units - disagreements[i * n + j])
                entries[i * n + j] = value
                entries[j * n + i] = value
            }
        }
        return entries
    }

    /// K as B rows of B agreement counts.
    public var matrix: [[Double]] {
        let flat = agreements
        return (0..<batchSize).map { Array(flat[($0 * batchSize)..<(($0 + 1) * batchSize)]) }
    }

    private func add(_ counts: [Int]) {
        for index in counts.indices { disagreements[index] &+= counts[index] }
    }

    /// popcount(codes_i XOR codes_j) for i < j over this tensor's units.
    private func disagreementCounts(_ tensor: Tensor, perSample: Int) -> [Int] {
        let n = batchSize
        let words = (perSample + 63) / 64
        if codes.count < n * words { codes = [UInt64](repeating: 0, count: n * words) }
        var counts = [Int](repeating: 0, count: n * n)
        let kernels = Tensor.kernels, threads = EngineSettings.threadCount
        codes.withUnsafeMutableBufferPointer { codes in
            let packed = codes.baseAddress!
            withExtendedLifetime(tensor) {
                switch tensor.dtype {
                case .float32: kernels.packSigns(tensor.floats, batch: n, perSample: perSample, into: packed, words: words)
                case .float64: kernels.packSigns(tensor.doubles, batch: n, perSample: perSample, into: packed, words: words)
                }
            }
            let first = UnsafeBufferPointer(start: packed, count: words)
            let uniform = (1..<max(n, 1)).allSatisfy { sample in
                UnsafeBufferPointer(start: packed + sample * words, count: words).elementsEqual(first)
            }
            if !uniform {
                counts.withUnsafeMutableBufferPointer {
                    kernels.addSignDisagreements(packed, batch: n, words: words, into: $0.baseAddress!, threads: threads)
                }
            }
        }
        return counts
    }
}
