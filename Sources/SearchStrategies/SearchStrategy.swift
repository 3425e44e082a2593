import SearchSpaces

/// An architecture-search method in ask/tell form: it proposes architectures from its own history and learns
/// only from the observations it is told.
///
/// A strategy never touches a benchmark: the search loop (module `SearchEvaluation`) evaluates every
/// proposal, charges its cost to a simulated clock, and tells the strategy what it observed. The loop calls
/// `ask()` and then `tell(_:)` with the observation of exactly that proposal before the next `ask()`. All
/// randomness comes from the `SeededGenerator` the strategy was created with, so a seed fixes the trajectory.
public protocol SearchStrategy {
    /// The next architecture to evaluate.
    mutating func ask() -> NB201Architecture
    /// The observation of the architecture the last `ask()` returned.
    mutating func tell(_ observation: SearchObservation)
    /// The architecture this strategy returns now: its best by search signal, or nil before the first `tell`.
    var recommendation: SearchObservation? { get }
}
