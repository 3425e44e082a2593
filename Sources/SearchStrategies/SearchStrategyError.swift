/// Why a strategy could not be created, as a one-line message naming the input.
public enum SearchStrategyError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No catalogued strategy has this id.
    case unknownStrategy(String, available: [String])
    /// None of the named strategies has a parameter of this name.
    case unknownParameter(String, strategy: String, available: [String])
    /// A parameter value outside its allowed range or not an integer where one is required.
    case invalidParameter(String, value: Double, requirement: String)

    /// A one-line message naming the input and what is wrong with it.
    public var description: String {
        switch self {
        case let .unknownStrategy(id, available):
            "unknown strategy '\(id)'; available: \(available.joined(separator: ", "))"
        case let .unknownParameter(name, strategy, available):
            "strategy '\(strategy)' has no parameter '\(name)'"
                + (available.isEmpty ? " (it has none)" : "; its parameters: \(available.joined(separator: ", "))")
        case let .invalidParameter(name, value, requirement):
            "parameter \(name) = \(StrategyParameter.format(value)) is invalid: \(requirement)"
        }
    }
}
