import Evaluation
import Foundation
import NASCore
import RankingMetrics
import SearchSpaces
import Testing

@Suite("views and baselines on the NB201 reference table")
struct NB201ReferenceTests {
    /// The reference table as an iso RankingTable with params and FLOPs (NB201Complexity, CIFAR-10 network).
    static func table(_ url: URL) throws -> RankingTable {
        let file = try ScoreFile(path: url.path)
        let archs = try file.texts("arch_str")
        let truth = try file.numbers("cifar10_test_acc_200ep_mean")
        let complexity = try archs.map { NB201Complexity(try NB201Architecture(archString: $0), dataset: .cifar10) }
        let columns = [
            ScoreColumn(name: "params", source: "NB201Complexity", values: complexity.map(\.parametersInMillions)),
            ScoreColumn(name: "flops", source: "NB201Complexity", values: complexity.map(\.flopsInMillions)),
        ]
        return try RankingTable(architectures: archs, truthName: "cifar10_test_acc_200ep_mean", truth: truth, columns: columns)
    }

    @Test("deiso and iso2deiso have 6,466 rows covering 15,625 cells; the largest class has 275 members")
    func classViews() throws {
        guard let url = FixtureFiles.nb201Table() else { return }
        let table = try Self.table(url)
        #expect(table.count == 15_625)
        let classes = try IsomorphismClasses.nb201(table.architectures)
        for view in [IsomorphismView.deiso, .iso2deiso] {
            let result = try view.apply(to: table, classes: classes)
            #expect(result.count == 6_466, "\(view)")
            #expect(result.memberCounts.reduce(0, +) == 15_625)
            #expect(result.memberCounts.max() == 275)
            #expect(result.memberCounts.count { $0 == 1 } == 5_116)
        }
    }

    @Test("params and flops rank like the published .56 (Kendall tau) and .75 (Spearman) on CIFAR-10")
    func publishedBaselines() throws {
        guard let url = FixtureFiles.nb201Table() else { return }
        let study = try RankingStudy(table: Self.table(url), buckets: .nb201ComplexityLevels, variance: false)
        for evaluation in study.evaluations {
            let tau = evaluation.report[.kendallTau]!.value
            let rho = evaluation.report[.spearmanRho]!.value
            #expect(abs(tau - 0.56) < 0.03, "\(evaluation.column.name) tau \(tau)")
            #expect(abs(rho - 0.75) < 0.01, "\(evaluation.column.name) rho \(rho)")
            #expect(evaluation.distinctScores == 28)
            #expect(evaluation.complexityBias?.rows.count == 28)
        }
    }
}
