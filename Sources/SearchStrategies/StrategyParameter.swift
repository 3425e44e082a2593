/// A numeric hyperparameter of a search strategy, with its default and allowed range.
public struct StrategyParameter: Sendable, Equatable {
    /// The stable snake_case name used on the command line and in stored settings.
    public let name: String
    /// The value used when none is given (the published setting).
    public let defaultValue: Double
    /// The allowed values.
    public let range: ClosedRange<Double>
    /// Whether the value must be a whole number.
    public let isInteger: Bool
    /// One line saying what the parameter controls.
    public let summary: String

    /// Creates a parameter description.
    public init(name: String, defaultValue: Double, range: ClosedRange<Double>, isInteger: Bool, summary: String) {
        self.name = name
        self.defaultValue = defaultValue
        self.range = range
        self.isInteger = isInteger
        self.summary = summary
    }

    /// Checks `value` against the range and integrality, throwing a one-line error naming the parameter.
    public func validate(_ value: Double) throws(SearchStrategyError) {
        guard value.isFinite, range.contains(value) else {
            throw .invalidParameter(name, value: value,
                                    requirement: "must lie in \(Self.format(range.lowerBound))...\(Self.format(range.upperBound))")
        }
        guard !isInteger || value.rounded() == value else {
            throw .invalidParameter(name, value: value, requirement: "must be a whole number")
        }
    }

    /// A number without a trailing `.0` when it is whole.
    public static func format(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
