import NASCore
import SearchSpaces

/// Random search: every proposal is a uniformly random cell, drawn with replacement; returns the best seen.
///
/// The baseline of every NAS benchmark (Bergstra & Bengio, "Random search for hyper-parameter optimization",
/// JMLR 2012; Li & Talwalkar, "Random search and reproducibility for NAS", UAI 2019).
public struct RandomSearch: SearchStrategy {
    /// The catalog entry.
    public static let descriptor = SearchStrategyDescriptor(
        identifier: "random-search", name: "Random search",
        citation: "Li & Talwalkar, Random search and reproducibility for neural architecture search, UAI 2019",
        revision: 1, parameters: []
    ) { _, generator in RandomSearch(generator: generator) }

    private var generator: SeededGenerator
    /// The best observation so far.
    public private(set) var recommendation: SearchObservation?

    /// Creates a random search drawing from `generator`.
    public init(generator: SeededGenerator) {
        self.generator = generator
    }

    /// A uniformly random cell.
    public mutating func ask() -> NB201Architecture {
        NB201SearchSpace.randomArchitecture(using: &generator)
    }

    /// Keeps the observation when it beats the best so far.
    public mutating func tell(_ observation: SearchObservation) {
        recommendation = SearchObservation.best(recommendation, observation)
    }
}
