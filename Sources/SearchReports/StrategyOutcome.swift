import SearchEvaluation
import SearchStrategies

/// Everything a report shows about one strategy: its identity, its runs, their summary and anytime curve.
public struct StrategyOutcome: Sendable {
    /// The strategy.
    public let descriptor: SearchStrategyDescriptor
    /// Its resolved parameters.
    public let parameters: [String: Double]
    /// Every run, in repetition order.
    public let runs: [SearchRun]
    /// Runs computed by this invocation (the rest were reused from the database).
    public let newRuns: Int
    /// Summary of the runs.
    public let summary: SearchSummary
    /// Anytime curve of the runs.
    public let curve: AnytimeCurve

    /// Summarises `runs`; the anytime curve is sampled at `curvePoints` evenly spaced times up to `budget`.
    public init(descriptor: SearchStrategyDescriptor, parameters: [String: Double], runs: [SearchRun], newRuns: Int,
                budget: Double, curvePoints: Int = 201) {
        self.descriptor = descriptor
        self.parameters = parameters
        self.runs = runs
        self.newRuns = newRuns
        summary = SearchSummary(strategy: descriptor.identifier, runs: runs)
        curve = AnytimeCurve(runs: runs, times: AnytimeCurve.grid(budget: budget, count: curvePoints))
    }
}
