import Evaluation
import RankingMetrics
import SearchSpaces
import Testing

/// One expected bucket of scripts/generate_rank_fixtures.py.
struct BucketRow: Decodable {
    let label: String?
    let operation: String?
    let operation_count: Int?
    let n: Int
    let kendall_tau: Double
    let spearman_rho: Double
    let mean_normalized_rank_difference: Double
    let estimator_top_share: Double
    let true_top_share: Double
}

/// The bias fixture: NB201 cells with tied scores and truth and expected reports.
struct BiasFixture: Decodable {
    /// Expected share of an operation among the top-k edges.
    struct Frequency: Decodable {
        let operation: String
        let estimator_top: Double
        let true_top: Double
    }

    let archs: [String]
    let scores: [Double]
    let truth: [Double]
    let covariate: [Double]
    let quantiles: Int
    let k: Int
    let levels: [BucketRow]
    let quantile_buckets: [BucketRow]
    let operations: [BucketRow]
    let frequencies: [Frequency]
}

@Suite("bias by complexity bucket and by operation")
struct BiasTableTests {
    static func fixtureTable() throws -> (BiasFixture, RankingTable) {
        let fixture: BiasFixture = try FixtureFiles.load("bias.json")
        let table = try RankingTable(
            architectures: fixture.archs, truthName: "truth", truth: fixture.truth,
            columns: [ScoreColumn(name: "s", source: "fixture", values: fixture.scores)],
            covariates: [ScoreColumn(name: "flops", source: "fixture", values: fixture.covariate)])
        return (fixture, table)
    }

    /// Whether a computed value equals an expected one (both NaN counts as equal).
    static func matches(_ value: MetricValue, _ expected: Double) -> Bool {
        expected.isNaN ? !value.isDefined : abs(value.value - expected) <= 1e-12
    }

    static func check(_ rows: [BiasTable.Row], against expected: [BucketRow]) {
        #expect(rows.map(\.label) == expected.map { $0.label! })
        for (row, wanted) in zip(rows, expected) {
            #expect(row.count == wanted.n, "\(row.label)")
            #expect(matches(row.kendallTau, wanted.kendall_tau), "\(row.label) tau \(row.kendallTau)")
            #expect(matches(row.spearmanRho, wanted.spearman_rho), "\(row.label) rho \(row.spearmanRho)")
            #expect(matches(row.meanNormalizedRankDifference, wanted.mean_normalized_rank_difference), "\(row.label)")
            #expect(matches(row.estimatorTopShare, wanted.estimator_top_share), "\(row.label)")
            #expect(matches(row.trueTopShare, wanted.true_top_share), "\(row.label)")
        }
    }

    @Test("NB201 complexity levels match the independent implementation, in FLOPs order")
    func levels() throws {
        let (fixture, table) = try Self.fixtureTable()
        let sample = try table.sample(table.columns[0])
        let bias = try BiasTable(sample: sample, table: table, scheme: .nb201ComplexityLevels, top: Cutoff(ratio: 0.05))
        #expect(bias.k == fixture.k)
        #expect(bias.grouping == "(#1x1, #3x3)")
        Self.check(bias.rows, against: fixture.levels)
    }

    @Test("quantile buckets of a covariate match the independent implementation")
    func quantiles() throws {
        let (fixture, table) = try Self.fixtureTable()
        let sample = try table.sample(table.columns[0])
        let bias = try BiasTable(sample: sample, table: table,
                                 scheme: .quantiles(covariate: "flops", count: fixture.quantiles), top: Cutoff(ratio: 0.05))
        Self.check(bias.rows, against: fixture.quantile_buckets)
    }

    @Test("operation bias (per op and count) and top-k operation frequencies match the independent implementation")
    func operations() throws {
        let (fixture, table) = try Self.fixtureTable()
        let sample = try table.sample(table.columns[0])
        let cells = try fixture.archs.map { try NB201Architecture(archString: $0) }
        let bias = try OperationBias(sample: sample, architectures: cells, top: Cutoff(ratio: 0.05))
        #expect(bias.k == fixture.k)
        #expect(bias.rows.map { "\($0.operation.name) \($0.operationCount)" }
            == fixture.operations.map { "\($0.operation!) \($0.operation_count!)" })
        for (row, wanted) in zip(bias.rows, fixture.operations) {
            #expect(row.count == wanted.n)
            #expect(Self.matches(row.meanNormalizedRankDifference, wanted.mean_normalized_rank_difference))
            #expect(Self.matches(row.estimatorTopShare, wanted.estimator_top_share))
            #expect(Self.matches(row.trueTopShare, wanted.true_top_share))
        }
        #expect(bias.frequencies.map(\.operation.name) == fixture.frequencies.map(\.operation))
        for (frequency, wanted) in zip(bias.frequencies, fixture.frequencies) {
            #expect(Self.matches(frequency.estimatorTop, wanted.estimator_top), "\(wanted.operation)")
            #expect(Self.matches(frequency.trueTop, wanted.true_top), "\(wanted.operation)")
        }
        let total = bias.frequencies.reduce(0) { $0 + $1.estimatorTop.value }
        #expect(abs(total - 1) < 1e-12)
    }

    @Test("the whole NB201 space has exactly 28 complexity levels")
    func twentyEightLevels() throws {
        let space = NB201SearchSpace()
        let archs = space.architectures.map(\.archString)
        let scores = space.architectures.map { Double($0.index % 97) }
        let table = try RankingTable(architectures: archs, truthName: "t", truth: scores.map { -$0 },
                                     columns: [ScoreColumn(name: "s", source: "test", values: scores)])
        let bias = try BiasTable(sample: table.sample(table.columns[0]), table: table, scheme: .nb201ComplexityLevels,
                                 top: Cutoff(ratio: 0.05))
        #expect(bias.rows.count == 28)
        #expect(bias.rows.reduce(0) { $0 + $1.count } == 15_625)
        #expect(bias.rows.first?.label == "(0, 0)" && bias.rows.last?.label == "(0, 6)")
    }

    @Test("bad input: unknown covariate, bucket count below 1, NB201 levels of other strings, top k below 1")
    func badInput() throws {
        let table = try RankingTable(architectures: ["x", "y"], truthName: "t", truth: [1, 2],
                                     columns: [ScoreColumn(name: "s", source: "test", values: [1, 2])])
        let sample = try table.sample(table.columns[0])
        let top = try Cutoff(ratio: 0.05)
        #expect(throws: EvaluationError.unknownCovariate("flops")) {
            try BiasTable(sample: sample, table: table, scheme: .quantiles(covariate: "flops", count: 4), top: top)
        }
        #expect(throws: EvaluationError.invalidBucketCount(0)) {
            try BiasTable(sample: sample, table: table, scheme: .quantiles(covariate: "s", count: 0), top: top)
        }
        #expect(throws: EvaluationError.notNB201(architecture: "x", feature: "complexity levels")) {
            try BiasTable(sample: sample, table: table, scheme: .nb201ComplexityLevels, top: top)
        }
        let tiny = try BiasTable(sample: sample, table: table, scheme: .quantiles(covariate: "s", count: 2), top: top)
        #expect(tiny.k == 0)
        #expect(tiny.rows.allSatisfy { $0.estimatorTopShare.undefinedReason == .cutoffBelowOne })
    }
}
