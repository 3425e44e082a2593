import Foundation

/// A mapping from data values to positions along one axis, linear or logarithmic, with tick positions.
struct ChartScale {
    /// How values map to positions.
    enum Kind {
        /// Position proportional to the value.
        case linear
        /// Position proportional to log10 of the value (values > 0).
        case log
    }

    /// Linear or logarithmic.
    let kind: Kind
    /// The smallest value on the axis.
    let lower: Double
    /// The largest value on the axis.
    let upper: Double

    /// A linear scale covering `values` with "nice" rounded ends (1, 2 or 5 times a power of ten); `including` values
    /// (e.g. 0) are always covered. A constant or empty input gets a unit-wide domain.
    static func linear(fitting values: [Double], including extra: [Double] = [], padding: Double = 0.03) -> ChartScale {
        let finite = (values + extra).filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return ChartScale(kind: .linear, lower: 0, upper: 1) }
        if low == high {
            low -= 0.5 * max(1, abs(low) * 0.1)
            high += 0.5 * max(1, abs(high) * 0.1)
        }
        let span = high - low
        if !extra.contains(low) { low -= span * padding }
        if !extra.contains(high) { high += span * padding }
        let step = niceStep(span: high - low, count: 5)
        let lower = extra.contains(low) ? low : (low / step).rounded(.down) * step
        let upper = extra.contains(high) ? high : (high / step).rounded(.up) * step
        return ChartScale(kind: .linear, lower: lower, upper: upper)
    }

    /// A linear scale from `lower` to `upper` exactly.
    static func linear(_ lower: Double, _ upper: Double) -> ChartScale {
        ChartScale(kind: .linear, lower: lower, upper: upper)
    }

    /// A logarithmic scale covering the positive `values`, widened to whole decades.
    static func log(fitting values: [Double]) -> ChartScale {
        let positive = values.filter { $0.isFinite && $0 > 0 }
        guard let low = positive.min(), let high = positive.max() else { return ChartScale(kind: .log, lower: 0.1, upper: 1) }
        let lower = pow(10, floor(log10(low)))
        var upper = pow(10, ceil(log10(high)))
        if upper <= lower { upper = lower * 10 }
        return ChartScale(kind: .log, lower: lower, upper: upper)
    }

    /// The position of `value` when the axis runs from position `start` (at `lower`) to `end` (at `upper`).
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        let fraction: Double
        switch kind {
        case .linear: fraction = (value - lower) / (upper - lower)
        case .log: fraction = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return start + (end - start) * fraction
    }

    /// Whether `value` can be placed on the axis.
    func contains(_ value: Double) -> Bool {
        value.isFinite && (kind == .linear || value > 0) && value >= lower - 1e-12 * abs(lower) && value <= upper + 1e-12 * abs(upper)
    }

    /// Tick values: multiples of a nice step (linear) or powers of ten (log).
    func ticks(count: Int = 5) -> [Double] {
        switch kind {
        case .linear:
            let step = Self.niceStep(span: upper - lower, count: count)
            var ticks: [Double] = []
            var tick = (lower / step).rounded(.up) * step
            while tick <= upper + step * 1e-9 {
                ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
                tick += step
            }
            return ticks
        case .log:
            var ticks: [Double] = []
            var tick = lower
            while tick <= upper * (1 + 1e-9) {
                ticks.append(tick)
                tick *= 10
            }
            return ticks
        }
    }

    /// Text for a tick value: as few decimals as the tick step needs.
    func label(_ value: Double) -> String {
        switch kind {
        case .log:
            return ValueText.significant(value, digits: 3)
        case .linear:
            let step = Self.niceStep(span: upper - lower, count: 5)
            if Swift.max(abs(lower), abs(upper)) >= 1e5 || step < 1e-4 { return ValueText.significant(value, digits: 3) }
            let decimals = max(0, Int(-floor(log10(step) + 1e-9)))
            return ValueText.rounded(value, digits: decimals)
        }
    }

    /// A step of 1, 2 or 5 times a power of ten giving about `count` intervals over `span`.
    static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0 && span.isFinite else { return 1 }
        let raw = span / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let normalized = raw / magnitude
        let nice: Double = normalized < 1.5 ? 1 : normalized < 3.5 ? 2 : normalized < 7.5 ? 5 : 10
        return nice * magnitude
    }
}
