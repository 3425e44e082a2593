/// The incumbent's report metric against simulated time, summarised over runs at fixed times.
///
/// At time t a run's incumbent is its best observation among the queries finished by t (REFERENCE §5's anytime
/// curve). Runs without a feasible incumbent at t are left out of that point and counted in `runs`.
public struct AnytimeCurve: Sendable, Equatable {
    /// The curve at one time.
    public struct Point: Sendable, Equatable {
        /// Simulated seconds.
        public let seconds: Double
        /// Report metric of the runs' incumbents at that time.
        public let statistics: SampleStatistics
    }

    /// The points, in time order.
    public let points: [Point]

    /// Summarises the incumbents of `runs` at each of `times`.
    public init(runs: [SearchRun], times: [Double]) {
        points = times.map { time in
            Point(seconds: time, statistics: SampleStatistics(runs.compactMap { run in
                run.incumbent(at: time).flatMap { $0.isFeasible ? $0.report : nil }
            }))
        }
    }

    /// `count` evenly spaced times from 0 to `budget`, both included.
    public static func grid(budget: Double, count: Int) -> [Double] {
        precondition(count >= 2, "a grid needs two points")
        return (0..<count).map { budget * Double($0) / Double(count - 1) }
    }
}
