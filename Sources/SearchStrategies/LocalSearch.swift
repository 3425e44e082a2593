import NASCore
import SearchSpaces

/// Local search (hill climbing) over the 24 one-edit neighbours, restarting from a random cell at local optima.
///
/// White, Nolen, Neiswanger & Savani, "Exploring the loss landscape in neural architecture search" (UAI 2021;
/// arXiv 2020 as "Local search is state of the art for NAS benchmarks"), Algorithm 1: start from a uniformly
/// random cell; evaluate its whole neighbourhood (every cell one edge away, 24 in NB201), in an order shuffled
/// by the seed; move to the best neighbour if it beats the current cell (first evaluated wins ties), otherwise
/// the current cell is a local optimum and the search restarts from a new random cell. Returns the best seen.
public struct LocalSearch: SearchStrategy {
    /// The catalog entry.
    public static let descriptor = SearchStrategyDescriptor(
        identifier: "local-search", name: "Local search",
        citation: "White et al., Local search is state of the art for neural architecture search benchmarks, arXiv 2020 (UAI 2021)",
        revision: 1, parameters: []
    ) { _, generator in LocalSearch(generator: generator) }

    private var generator: SeededGenerator
    /// The cell whose neighbourhood is being evaluated, or nil when the next proposal is a (re)start.
    public private(set) var current: SearchObservation?
    private var pending: [NB201Architecture] = []
    private var bestNeighbour: SearchObservation?
    /// How many times the search reached a local optimum and restarted.
    public private(set) var restarts = 0
    /// The best observation so far.
    public private(set) var recommendation: SearchObservation?

    /// Creates a local search drawing from `generator`.
    public init(generator: SeededGenerator) {
        self.generator = generator
    }

    /// A random cell when (re)starting, otherwise the next unevaluated neighbour of the current cell.
    public mutating func ask() -> NB201Architecture {
        guard current != nil, let next = pending.last else {
            return NB201SearchSpace.randomArchitecture(using: &generator)
        }
        return next
    }

    /// Records the observation; after the last neighbour, moves to the best neighbour or restarts.
    public mutating func tell(_ observation: SearchObservation) {
        recommendation = SearchObservation.best(recommendation, observation)
        guard let centre = current else {
            start(from: observation)
            return
        }
        pending.removeLast()
        bestNeighbour = SearchObservation.best(bestNeighbour, observation)
        guard pending.isEmpty, let best = bestNeighbour else { return }
        if best.isPreferred(over: centre) {
            start(from: best)
        } else {
            current = nil
            restarts += 1
        }
    }

    private mutating func start(from observation: SearchObservation) {
        current = observation
        bestNeighbour = nil
        // Proposals are taken from the end, so the shuffled list is consumed back to front.
        pending = NB201SearchSpace.neighbours(of: observation.architecture).shuffled(using: &generator)
    }
}
