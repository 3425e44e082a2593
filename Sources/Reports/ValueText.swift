import Foundation
import RankingMetrics

/// How numbers and criterion values are written in reports: full precision in CSV, rounded for people.
enum ValueText {
    /// Shortest round-trip digits, or `nan` when undefined (CSV files).
    static func exact(_ value: MetricValue) -> String {
        value.isDefined ? exact(value.value) : "nan"
    }

    /// Shortest round-trip digits of a number (`nan`, `inf`, `-inf` for non-finite values).
    static func exact(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        return "\(value)"
    }

    /// The value with `digits` decimals, or `undefined` (tables for people; the reason is given separately).
    static func rounded(_ value: MetricValue, digits: Int = 4) -> String {
        value.isDefined ? rounded(value.value, digits: digits) : "undefined"
    }

    /// A number with `digits` decimals (negative zero written as zero).
    static func rounded(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return exact(value) }
        let text = String(format: "%.\(digits)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }

    /// A number with 4 significant digits (axis ticks, labels).
    static func significant(_ value: Double, digits: Int = 4) -> String {
        guard value.isFinite else { return exact(value) }
        if value == 0 { return "0" }
        return String(format: "%.\(digits)g", value)
    }

    /// An integer with thousands separators, e.g. `15,625`.
    static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += "," }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    /// A cutoff ratio as a percentage label, e.g. `0.1%`.
    static func percent(_ ratio: Double) -> String {
        let percent = ratio * 100
        let rounded = (percent * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() ? "\(Int(rounded))%" : "\(rounded)%"
    }
}
