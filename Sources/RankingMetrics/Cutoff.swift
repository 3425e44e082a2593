/// How many items a top-K / bottom-K criterion looks at: a fraction r of N (k = floor(N * r)) or a fixed count k.
public struct Cutoff: Sendable, Hashable, CustomStringConvertible {
    /// The two ways of giving K.
    public enum Size: Sendable, Hashable {
        /// A fraction r in (0, 1] of the sample size: k = floor(N * r), as in the literature.
        case ratio(Double)
        /// A fixed number of items k >= 1.
        case count(Int)
    }

    /// The fraction or count this cutoff was made from.
    public let size: Size

    /// A cutoff at fraction `ratio` of the sample; k = floor(N * ratio) is computed in double precision.
    ///
    /// - Throws: `RankingError.invalidRatio` unless 0 < ratio <= 1.
    public init(ratio: Double) throws(RankingError) {
        guard ratio > 0 && ratio <= 1 else { throw .invalidRatio(ratio) }
        size = .ratio(ratio)
    }

    /// A cutoff at a fixed number of items.
    ///
    /// - Throws: `RankingError.invalidCount` when `count` < 1.
    public init(count: Int) throws(RankingError) {
        guard count >= 1 else { throw .invalidCount(count) }
        size = .count(count)
    }

    /// A ratio known to be valid (the literature constants).
    private init(validRatio ratio: Double) {
        size = .ratio(ratio)
    }

    /// The literature's ratios for P@K and KT@K: 0.1%, 0.5%, 1%, 5%, 10%, 50%, 100%.
    public static let precisionRatios: [Cutoff] = [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0].map {
        Cutoff(validRatio: $0)
    }

    /// The literature's ratios for BR@K and WR@K: 0.1%, 0.5%, 1%, 5%, 10%, 20%.
    public static let rankRatios: [Cutoff] = [0.001, 0.005, 0.01, 0.05, 0.1, 0.2].map { Cutoff(validRatio: $0) }

    /// The number of items k for a sample of `sampleSize` pairs: floor(N * ratio), or the fixed count.
    public func k(forSampleSize sampleSize: Int) -> Int {
        switch size {
        case let .ratio(ratio): return Int((Double(sampleSize) * ratio).rounded(.down))
        case let .count(count): return count
        }
    }

    /// The label used in criterion names: a percentage such as `5%` or `0.1%` for ratios, the bare count otherwise.
    public var label: String {
        switch size {
        case let .count(count):
            return "\(count)"
        case let .ratio(ratio):
            let percent = ratio * 100
            let rounded = (percent * 1e9).rounded() / 1e9
            let shown = (rounded - percent).magnitude <= 1e-12 * Swift.max(1, percent) ? rounded : percent
            if shown == shown.rounded() && shown < 1e15 { return "\(Int(shown))%" }
            return "\(shown)%"
        }
    }

    /// Parses a label made by `label` (`5%`, `0.1%`, `50`); the percentage is read exactly as a decimal.
    public init?(label: String) {
        if label.hasSuffix("%") {
            guard let ratio = Self.decimalPercent(String(label.dropLast())),
                  let cutoff = try? Cutoff(ratio: ratio) else { return nil }
            self = cutoff
        } else {
            guard let count = Int(label), let cutoff = try? Cutoff(count: count) else { return nil }
            self = cutoff
        }
    }

    /// The nearest double to `text` / 100 for a plain decimal such as `0.5` (one correctly rounded division).
    private static func decimalPercent(_ text: String) -> Double? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !(parts.count == 2 && fraction.isEmpty), parts[0].count + fraction.count <= 15,
              let mantissa = Int64(parts[0] + fraction) else { return nil }
        var divisor = 100.0
        for _ in 0..<fraction.count { divisor *= 10 }
        return Double(mantissa) / divisor
    }

    /// The label, e.g. `5%`.
    public var description: String { label }
}
