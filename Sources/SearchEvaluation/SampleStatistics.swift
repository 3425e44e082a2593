/// Mean, sample standard deviation, extremes and quartiles of a list of numbers.
public struct SampleStatistics: Codable, Equatable, Sendable {
    /// Number of values.
    public let count: Int
    /// Arithmetic mean (NaN when empty).
    public let mean: Double
    /// Sample standard deviation, divisor n − 1 (0 for one value, NaN when empty).
    public let standardDeviation: Double
    /// Smallest value.
    public let minimum: Double
    /// First quartile (linear interpolation between order statistics, as numpy's default).
    public let lowerQuartile: Double
    /// Median.
    public let median: Double
    /// Third quartile.
    public let upperQuartile: Double
    /// Largest value.
    public let maximum: Double

    /// Summarises `values`.
    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else {
            (mean, standardDeviation, minimum, lowerQuartile, median, upperQuartile, maximum) = (.nan, .nan, .nan, .nan, .nan, .nan, .nan)
            return
        }
        let sorted = values.sorted()
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        standardDeviation = values.count < 2 ? 0
            : (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
        minimum = sorted.first!
        maximum = sorted.last!
        func quantile(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let lower = Int(position.rounded(.down))
            let upper = min(lower + 1, sorted.count - 1)
            return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
        }
        lowerQuartile = quantile(0.25)
        median = quantile(0.5)
        upperQuartile = quantile(0.75)
    }
}
