import NASCore

/// A catalogued strategy: stable id, citation, hyperparameters with their published defaults, and a factory.
///
/// The id, revision and resolved parameters identify a strategy's stored runs, so renaming a Swift type breaks
/// nothing stored; bump `revision` whenever a change alters the trajectories a seed produces.
public struct SearchStrategyDescriptor: Sendable {
    /// Stable lowercase-kebab id used on the command line and in the database (e.g. `rea`).
    public let identifier: String
    /// Human-readable name.
    public let name: String
    /// The paper the algorithm follows.
    public let citation: String
    /// Implementation revision, stored with every run.
    public let revision: Int
    /// Hyperparameters and their defaults.
    public let parameters: [StrategyParameter]
    private let factory: @Sendable ([String: Double], SeededGenerator) -> any SearchStrategy

    /// Creates a descriptor; `factory` receives every parameter resolved (defaults filled in, validated).
    public init(identifier: String, name: String, citation: String, revision: Int, parameters: [StrategyParameter],
                factory: @escaping @Sendable ([String: Double], SeededGenerator) -> any SearchStrategy) {
        self.identifier = identifier
        self.name = name
        self.citation = citation
        self.revision = revision
        self.parameters = parameters
        self.factory = factory
    }

    /// Every parameter's value: `overrides` where given, defaults elsewhere; unknown names and bad values throw.
    public func resolvedParameters(_ overrides: [String: Double] = [:]) throws(SearchStrategyError) -> [String: Double] {
        var resolved: [String: Double] = [:]
        for parameter in parameters {
            let value = overrides[parameter.name] ?? parameter.defaultValue
            try parameter.validate(value)
            resolved[parameter.name] = value
        }
        if let unknown = overrides.keys.sorted().first(where: { resolved[$0] == nil }) {
            throw .unknownParameter(unknown, strategy: identifier, available: parameters.map(\.name))
        }
        return resolved
    }

    /// A fresh strategy with `overrides` applied, drawing all its randomness from `generator`.
    public func makeStrategy(parameters overrides: [String: Double] = [:],
                             generator: SeededGenerator) throws(SearchStrategyError) -> any SearchStrategy {
        factory(try resolvedParameters(overrides), generator)
    }
}
