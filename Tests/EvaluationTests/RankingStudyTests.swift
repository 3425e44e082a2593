import Evaluation
import RankingMetrics
import Testing

@Suite("ranking studies: several estimators, correlation matrix, variance")
struct RankingStudyTests {
    static func table() throws -> RankingTable {
        let truth: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
        return try RankingTable(
            architectures: (0..<8).map { "a\($0)" }, truthName: "acc", truth: truth,
            columns: [
                ScoreColumn(name: "seed1", source: "test", values: [1, 3, 2, 4, 6, 5, 8, 7]),
                ScoreColumn(name: "seed2", source: "test", values: [2, 1, 3, 5, 4, 7, 6, .nan]),
                ScoreColumn(name: "seed3", source: "test", values: [8, 7, 6, 5, 4, 3, 2, 1]),
            ])
    }

    @Test("every column gets its own report; the variance entries are the mean and std of those reports")
    func variance() throws {
        let table = try Self.table()
        let study = try RankingStudy(table: table, buckets: nil, variance: true)
        #expect(study.evaluations.count == 3)
        #expect(study.evaluations[1].sample.droppedCount == 1)
        let variance = try #require(study.variance)
        for (index, criterion) in study.criteria.enumerated() {
            let values = study.evaluations.map { $0.report.entries[index].value }.filter(\.isDefined).map(\.value)
            let entry = variance.entries[index]
            #expect(entry.definedCount == values.count, "\(criterion)")
            guard values.count >= 2 else { continue }
            let mean = values.reduce(0, +) / Double(values.count)
            let std = (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
            #expect(abs(entry.mean.value - mean) < 1e-12, "\(criterion)")
            #expect(abs(entry.standardDeviation.value - std) < 1e-12, "\(criterion)")
        }
        let tau = try #require(variance["kendall_tau"])
        #expect(tau.definedCount == 3)
        #expect(abs(tau.mean.value - (study.evaluations.map { $0.report[.kendallTau]!.value }.reduce(0, +) / 3)) < 1e-15)
    }

    @Test("the correlation matrix holds Spearman rho between every pair of columns, truth last")
    func correlations() throws {
        let study = try RankingStudy(table: Self.table(), buckets: nil, variance: false)
        let matrix = study.correlations
        #expect(matrix.names == ["seed1", "seed2", "seed3", "acc"])
        for row in 0..<4 {
            #expect(abs(matrix.values[row][row].value - 1) < 1e-12)
            for column in 0..<4 { #expect(abs(matrix.values[row][column].value - matrix.values[column][row].value) < 1e-12) }
        }
        #expect(abs(matrix.values[2][3].value + 1) < 1e-12)
        #expect(matrix.values[0][3] == study.evaluations[0].report[.spearmanRho])
        #expect(matrix.pairCounts[1][3] == 7)
        #expect(study.variance == nil)
    }

    @Test("NB201 cells get operation bias; other strings do not")
    func operationBiasOnlyForNB201() throws {
        let study = try RankingStudy(table: Self.table(), buckets: nil, variance: false)
        #expect(!study.isNB201)
        #expect(study.evaluations.allSatisfy { $0.operationBias == nil && $0.complexityBias == nil })
    }
}
