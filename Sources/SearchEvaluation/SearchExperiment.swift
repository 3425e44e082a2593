import NASCore
import SearchStrategies

/// Many seeded repetitions of one strategy on one problem, run in parallel: repetition `r` draws from
/// `SeededGenerator(seed: seed, stream: r)`, so each run is reproducible on its own and independent of the others.
public struct SearchExperiment: Sendable {
    /// The problem every run searches.
    public let problem: SearchProblem
    /// The strategy.
    public let strategy: SearchStrategyDescriptor
    /// The strategy's parameters, defaults filled in.
    public let parameters: [String: Double]
    /// The experiment's seed.
    public let seed: UInt64

    /// Creates an experiment; unknown or invalid strategy parameters throw a one-line error.
    public init(problem: SearchProblem, strategy: SearchStrategyDescriptor, parameters: [String: Double] = [:],
                seed: UInt64) throws {
        self.problem = problem
        self.strategy = strategy
        self.parameters = try strategy.resolvedParameters(parameters)
        self.seed = seed
    }

    /// The canonical settings JSON identifying this experiment's stored runs.
    public var settingsJSON: String {
        problem.specification.settingsJSON(strategy: strategy.identifier, revision: strategy.revision, parameters: parameters)
    }

    /// Runs repetition `repetition` (deterministic: the same repetition always gives the same trajectory).
    public func run(repetition: Int) -> SearchRun {
        var instance = try! strategy.makeStrategy(parameters: parameters,
                                                  generator: SeededGenerator(seed: seed, stream: UInt64(repetition)))
        return SearchLoop(problem: problem).run(&instance, name: strategy.identifier, repetition: repetition, seed: seed)
    }

    /// Runs `repetitions` on up to `workers` threads and hands each finished run to `body` on the calling task,
    /// in completion order (so `body` may use non-thread-safe resources such as a database connection).
    public func run(repetitions: [Int], workers: Int, _ body: (SearchRun) throws -> Void) async throws {
        let workers = max(1, workers)
        try await withThrowingTaskGroup(of: SearchRun.self) { group in
            var next = 0
            while next < repetitions.count && next < workers {
                let repetition = repetitions[next]
                group.addTask { self.run(repetition: repetition) }
                next += 1
            }
            while let finished = try await group.next() {
                try body(finished)
                if next < repetitions.count {
                    let repetition = repetitions[next]
                    group.addTask { self.run(repetition: repetition) }
                    next += 1
                }
            }
        }
    }
}
