import NASCore
import SearchSpaces

/// Regularized (aging) evolution: tournament selection, one-edit mutation, and removal of the oldest member.
///
/// Real, Aggarwal, Huang & Le, "Regularized evolution for image classifier architecture search", AAAI 2019
/// (Algorithm 1), with NAS-Bench-201's settings: the population is first filled with `population` uniformly
/// random cells; then each cycle samples `tournament` members uniformly with replacement, mutates the best of
/// them (first sampled wins ties) by changing one uniformly random edge to a different uniformly random op,
/// appends the child and drops the oldest member. Returns the best architecture of the whole history, not
/// only of the final population.
public struct RegularizedEvolution: SearchStrategy {
    /// The catalog entry.
    public static let descriptor = SearchStrategyDescriptor(
        identifier: "rea", name: "Regularized evolution",
        citation: "Real et al., Regularized evolution for image classifier architecture search, AAAI 2019",
        revision: 1,
        parameters: [
            StrategyParameter(name: "population", defaultValue: 10, range: 1...100_000, isInteger: true,
                              summary: "population size (members alive at once)"),
            StrategyParameter(name: "tournament", defaultValue: 3, range: 1...100_000, isInteger: true,
                              summary: "members sampled (with replacement) per tournament"),
        ]
    ) { parameters, generator in
        RegularizedEvolution(populationSize: Int(parameters["population"]!), tournamentSize: Int(parameters["tournament"]!),
                             generator: generator)
    }

    /// Members alive at once.
    public let populationSize: Int
    /// Members sampled per tournament.
    public let tournamentSize: Int
    private var generator: SeededGenerator
    /// The living members, oldest first.
    public private(set) var population: [SearchObservation] = []
    /// The best observation of the whole history.
    public private(set) var recommendation: SearchObservation?

    /// Creates an evolution with the given population and tournament sizes, drawing from `generator`.
    public init(populationSize: Int, tournamentSize: Int, generator: SeededGenerator) {
        precondition(populationSize >= 1 && tournamentSize >= 1, "population and tournament must be positive")
        self.populationSize = populationSize
        self.tournamentSize = tournamentSize
        self.generator = generator
        population.reserveCapacity(populationSize + 1)
    }

    /// A random cell while the population fills, then a mutated tournament winner.
    public mutating func ask() -> NB201Architecture {
        guard population.count >= populationSize else {
            return NB201SearchSpace.randomArchitecture(using: &generator)
        }
        var parent = population[Int.random(in: 0..<population.count, using: &generator)]
        for _ in 1..<tournamentSize {
            let contender = population[Int.random(in: 0..<population.count, using: &generator)]
            if contender.isPreferred(over: parent) { parent = contender }
        }
        return NB201SearchSpace.randomNeighbour(of: parent.architecture, using: &generator)
    }

    /// Appends the child, drops the oldest member once the population is full, and updates the best.
    public mutating func tell(_ observation: SearchObservation) {
        population.append(observation)
        if population.count > populationSize { population.removeFirst() }
        recommendation = SearchObservation.best(recommendation, observation)
    }
}
