import NASCore
import SearchEvaluation
import SearchSpaces
import Testing

@Suite("sample statistics, anytime curves, summaries and Pareto fronts")
struct SearchStatisticsTests {
    @Test("sample statistics match numpy (std with ddof=1, percentiles with linear interpolation)")
    func statistics() {
        let s = SampleStatistics([4, 1, 3, 2])
        #expect(s.count == 4 && s.mean == 2.5 && s.minimum == 1 && s.maximum == 4)
        #expect(abs(s.standardDeviation - (5.0 / 3).squareRoot()) < 1e-15)
        #expect(s.lowerQuartile == 1.75 && s.median == 2.5 && s.upperQuartile == 3.25)
        #expect(SampleStatistics([7]).standardDeviation == 0)
        #expect(SampleStatistics([]).mean.isNaN)
    }

    static func step(_ index: Int, signal: Double, report: Double, clock: Double, incumbent: Int, feasible: Bool = true) -> SearchStep {
        SearchStep(architecture: NB201Architecture(index: index), signal: signal, report: report, isFeasible: feasible,
                   cost: 1, clock: clock, isRepeat: false, incumbent: incumbent)
    }

    @Test("an anytime curve averages the incumbents' report metric over the runs that have one")
    func anytime() {
        let a = SearchRun(strategy: "s", repetition: 0, seed: 0, steps: [
            Self.step(1, signal: 1, report: 90, clock: 10, incumbent: 0),
            Self.step(2, signal: 2, report: 94, clock: 30, incumbent: 1),
        ], stopReason: .timeBudget, resultStep: 1)
        let b = SearchRun(strategy: "s", repetition: 1, seed: 0, steps: [
            Self.step(3, signal: 5, report: 92, clock: 20, incumbent: 0, feasible: false),
            Self.step(4, signal: 1, report: 91, clock: 25, incumbent: 1),
        ], stopReason: .timeBudget, resultStep: 1)
        let curve = AnytimeCurve(runs: [a, b], times: AnytimeCurve.grid(budget: 40, count: 5))
        #expect(curve.points.map(\.seconds) == [0, 10, 20, 30, 40])
        #expect(curve.points.map(\.statistics.count) == [0, 1, 1, 2, 2])
        #expect(curve.points[1].statistics.mean == 90)
        #expect(curve.points[2].statistics.mean == 90)  // b's incumbent at 20 s is infeasible: left out
        #expect(curve.points[3].statistics.mean == 92.5 && curve.points[4].statistics.mean == 92.5)

        let summary = SearchSummary(strategy: "s", runs: [a, b])
        #expect(summary.runs == 2 && summary.feasibleRuns == 2)
        #expect(summary.report.mean == 92.5 && summary.uniqueQueries.mean == 2)
        #expect(summary.stopReasons == [.timeBudget: 2])
    }

    @Test("a Pareto front keeps exactly the non-dominated points, by increasing cost")
    func paretoFrontByHand() {
        let cells = (0..<6).map { NB201Architecture(index: $0 * 7) }
        let points = [(90.0, 5.0), (92, 7), (91, 7), (85, 1), (92, 9), (85, 1)].enumerated().map {
            ParetoPoint(architecture: cells[$0.offset], accuracy: $0.element.0, cost: $0.element.1)
        }
        let front = ParetoFront(candidates: points)
        #expect(front.points.map(\.architecture) == [cells[3], cells[5], cells[0], cells[1]])
        #expect(front.candidateCount == 6)
        // Reference (80, 10): staircase area = (10-7)·(92-80) + (7-5)·(90-80) + (5-1)·(85-80) = 36 + 20 + 20.
        #expect(front.hypervolume(reference: (80, 10)) == 76)
    }

    @Test("on random point sets the front equals the brute-force non-dominated set")
    func paretoFrontProperty() {
        var generator = SeededGenerator(seed: 12)
        for trial in 0..<50 {
            let points = (0..<200).map { index in
                ParetoPoint(architecture: NB201Architecture(index: index),
                            accuracy: Double(Int.random(in: 0..<30, using: &generator)), cost: Double(Int.random(in: 0..<30, using: &generator)))
            }
            let front = Set(ParetoFront(candidates: points).points)
            let bruteForce = Set(points.filter { point in !points.contains { $0.dominates(point) } })
            #expect(front == bruteForce, "trial \(trial)")
        }
    }
}
