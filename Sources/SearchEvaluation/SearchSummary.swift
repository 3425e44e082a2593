/// What many runs of one strategy achieved: the chosen architectures' report metric, queries, time, stops.
public struct SearchSummary: Sendable, Equatable {
    /// Strategy id.
    public let strategy: String
    /// Number of runs.
    public let runs: Int
    /// Runs whose chosen architecture meets every constraint (all runs without constraints).
    public let feasibleRuns: Int
    /// Report metric of the chosen architecture, over feasible runs.
    public let report: SampleStatistics
    /// Search signal of the chosen architecture, over feasible runs.
    public let signal: SampleStatistics
    /// Isomorphism classes evaluated per run.
    public let uniqueQueries: SampleStatistics
    /// Charged queries per run.
    public let queries: SampleStatistics
    /// Simulated seconds used per run.
    public let simulatedSeconds: SampleStatistics
    /// How many runs stopped for each reason.
    public let stopReasons: [SearchStopReason: Int]

    /// Summarises `runs` of `strategy`.
    public init(strategy: String, runs: [SearchRun]) {
        self.strategy = strategy
        self.runs = runs.count
        let results = runs.compactMap(\.result).filter(\.isFeasible)
        feasibleRuns = results.count
        report = SampleStatistics(results.map(\.report))
        signal = SampleStatistics(results.map(\.signal))
        uniqueQueries = SampleStatistics(runs.map { Double($0.uniqueQueries) })
        queries = SampleStatistics(runs.map { Double($0.queries) })
        simulatedSeconds = SampleStatistics(runs.map(\.elapsedSeconds))
        stopReasons = runs.reduce(into: [:]) { $0[$1.stopReason, default: 0] += 1 }
    }
}
