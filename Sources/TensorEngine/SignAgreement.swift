/// Accumulates K_ij = Σ over observed units of [sign code of sample i == code of sample j], with code =
/// (value > 0), over any number of [B, ...] tensors: K = Σ c·cᵀ + (1 − c)(1 − c)ᵀ (the NASWOT kernel of
/// Mellor et al. 2021 when fed every ReLU input through `Tape.reluObserver`). Codes are packed into 64-bit
/// words and compared with XOR + popcount.
public final class SignAgreement {
    /// The batch size B.
    public let batchSize: Int
    /// The number of units observed so far per sample.
    public private(set) var units = 0
    private var disagreements: [Int]

    /// Creates an empty accumulator for batches of `batchSize` samples.
    public init(batchSize: Int) {
        self.batchSize = batchSize
        disagreements = [Int](repeating: 0, count: batchSize * batchSize)
    }

    /// Adds the sign codes of one [B, ...] tensor.
    public func observe(_ tensor: Tensor) {
        precondition(tensor.shape.first == batchSize, "expected a batch of \(batchSize), got \(tensor.shape)")
        let perSample = tensor.count / batchSize
        let words = (perSample + 63) / 64
        var codes = [UInt64](repeating: 0, count: batchSize * words)
        withExtendedLifetime(tensor) {
            for sample in 0..<batchSize {
                for unit in 0..<perSample {
                    let index = sample * perSample + unit
                    let positive = tensor.dtype == .float32 ? tensor.floats[index] > 0 : tensor.doubles[index] > 0
                    if positive { codes[sample * words + unit / 64] |= 1 << UInt64(unit % 64) }
                }
            }
        }
        for i in 0..<batchSize {
            for j in (i + 1)..<max(batchSize, i + 1) {
                var count = 0
                for w in 0..<words { count += (codes[i * words + w] ^ codes[j * words + w]).nonzeroBitCount }
                disagreements[i * batchSize + j] += count
                disagreements[j * batchSize + i] += count
            }
        }
        units += perSample
    }

    /// K as B rows of B agreement counts.
    public var matrix: [[Double]] {
        (0..<batchSize).map { i in (0..<batchSize).map { j in Double(units - disagreements[i * batchSize + j]) } }
    }
}
