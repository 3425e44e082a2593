/// The value of one criterion: a number, or NaN together with the reason it is undefined.
///
/// Undefined results (constant input, too few pairs, an empty cutoff) are never an error and never a crash:
/// they carry `value.isNaN == true` and a non-nil `undefinedReason`.
public struct MetricValue: Sendable, Hashable, CustomStringConvertible {
    /// The criterion's value; NaN exactly when `undefinedReason` is non-nil.
    public let value: Double
    /// Why the value is undefined, or nil when it is defined.
    public let undefinedReason: UndefinedReason?

    /// A defined value.
    public init(_ value: Double) {
        self.value = value
        self.undefinedReason = nil
    }

    /// An undefined value (NaN) with its reason.
    public init(undefined reason: UndefinedReason) {
        self.value = .nan
        self.undefinedReason = reason
    }

    /// Whether the value is defined (not NaN).
    public var isDefined: Bool { undefinedReason == nil }

    /// Two values are equal when both are undefined for the same reason or both hold the same number.
    public static func == (lhs: MetricValue, rhs: MetricValue) -> Bool {
        switch (lhs.undefinedReason, rhs.undefinedReason) {
        case (nil, nil): return lhs.value == rhs.value
        case let (left?, right?): return left == right
        default: return false
        }
    }

    /// Hashes the reason, or the value when defined.
    public func hash(into hasher: inout Hasher) {
        if let undefinedReason { hasher.combine(undefinedReason) } else { hasher.combine(value) }
    }

    /// The number, or `nan (reason)` when undefined.
    public var description: String {
        if let undefinedReason { return "nan (\(undefinedReason))" }
        return "\(value)"
    }
}
