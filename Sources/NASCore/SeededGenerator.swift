/// A deterministic random number generator (xoshiro256**, seeded through SplitMix64).
///
/// Every random choice in NASBench flows from one of these, so a stored seed reproduces a result exactly on
/// any platform. Reference: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2021).
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// The seed this generator was created from.
    public let seed: UInt64

    /// Creates a generator whose whole stream is determined by `seed`.
    public init(seed: UInt64) {
        self.seed = seed
        var splitMix = seed
        func nextSplitMix() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (nextSplitMix(), nextSplitMix(), nextSplitMix(), nextSplitMix())
    }

    /// Creates the generator for an independent sub-stream, e.g. repetition `index` of a seeded experiment.
    public init(seed: UInt64, stream index: UInt64) {
        self.init(seed: seed ^ (index &+ 1) &* 0xD1B5_4A32_D192_ED03)
    }

    /// Returns the next 64 random bits.
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let shifted = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= shifted
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }

    /// Hashes the generator's seed, so two generators with the same seed compare equal.
    public func hash(into hasher: inout Hasher) { hasher.combine(seed) }

    /// Two generators are equal when they were created from the same seed.
    public static func == (lhs: SeededGenerator, rhs: SeededGenerator) -> Bool {
        lhs.seed == rhs.seed && lhs.state == rhs.state
    }
}
