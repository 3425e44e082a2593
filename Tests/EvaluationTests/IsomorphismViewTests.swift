import Evaluation
import RankingMetrics
import Testing

/// The expected rows of a class view, from scripts/generate_rank_fixtures.py.
struct ViewRow: Decodable {
    let arch: String
    let members: Int
    let truth: Double
    let score: Double
    let excluded: Int?
}

/// The views fixture: NB201 rows in scrambled order with expected class views.
struct ViewsFixture: Decodable {
    let archs: [String]
    let truth: [Double]
    let scores: [Double]
    let canonical_keys: [String]
    let deiso: [ViewRow]
    let iso2deiso: [ViewRow]
    let iso_kendall_tau: Double
    let iso_spearman_rho: Double
    let deiso_kendall_tau: Double
    let deiso_spearman_rho: Double
    let iso2deiso_kendall_tau: Double
    let iso2deiso_spearman_rho: Double
}

@Suite("iso, deiso and iso2deiso views")
struct IsomorphismViewTests {
    /// Three classes, checkable by hand: A = {a1, a2, a3} (a2 preferred), B = {b1, b2}, C = {c1}.
    static func threeClasses() throws -> (RankingTable, IsomorphismClasses) {
        let table = try RankingTable(
            architectures: ["a1", "b1", "a2", "c1", "a3", "b2"], truthName: "acc",
            truth: [1, 5, 2, 4, 3, 7],
            columns: [ScoreColumn(name: "s", source: "test", values: [0.1, 0.9, 0.5, 0.25, 0.0, 0.7])])
        let classes = try IsomorphismClasses(keys: ["A", "B", "A", "C", "A", "B"], preference: [3, 0, 1, 0, 2, 5])
        return (table, classes)
    }

    @Test("deiso on three classes: representative's score against the class-mean truth, rows in representative order")
    func deisoByHand() throws {
        let (table, classes) = try Self.threeClasses()
        let view = try IsomorphismView.deiso.apply(to: table, classes: classes)
        #expect(view.view == .deiso)
        #expect(view.architectures == ["b1", "a2", "c1"])
        #expect(view.memberCounts == [2, 3, 1])
        #expect(view.truth == [6, 2, 4])
        #expect(view.columns[0].values == [0.9, 0.5, 0.25])
        // Pairs (B, A) concordant, (B, C) concordant, (A, C) discordant: tau = (2 - 1) / 3.
        let sample = try view.sample(view.columns[0])
        #expect(abs(sample.kendallTauB().value - 1.0 / 3.0) < 1e-12)
        // Ranks of scores (3, 2, 1) and truth (3, 1, 2): rho = 1 - 6 * (0 + 1 + 1) / (3 * 8) = 0.5.
        #expect(abs(sample.spearmanRho().value - 0.5) < 1e-12)
    }

    @Test("iso2deiso on three classes: class-mean scores make every pair concordant")
    func iso2deisoByHand() throws {
        let (table, classes) = try Self.threeClasses()
        let view = try IsomorphismView.iso2deiso.apply(to: table, classes: classes)
        #expect(view.architectures == ["b1", "a2", "c1"])
        #expect(view.truth == [6, 2, 4])
        let scores = view.columns[0].values
        #expect(abs(scores[0] - 0.8) < 1e-15 && abs(scores[1] - 0.2) < 1e-15 && scores[2] == 0.25)
        let sample = try view.sample(view.columns[0])
        #expect(sample.kendallTauB().value == 1)
        #expect(abs(sample.spearmanRho().value - 1) < 1e-12)
    }

    @Test("iso leaves the table as it is")
    func isoIsIdentity() throws {
        let (table, classes) = try Self.threeClasses()
        let view = try IsomorphismView.iso.apply(to: table, classes: classes)
        #expect(view.architectures == table.architectures)
        #expect(view.columns[0].values == table.columns[0].values)
        #expect(view.memberCounts == Array(repeating: 1, count: 6))
    }

    @Test("missing member scores: deiso keeps the representative's state; iso2deiso averages the rest and counts them")
    func missingScores() throws {
        let table = try RankingTable(
            architectures: ["a1", "a2", "b1", "b2", "c1"], truthName: "acc", truth: [1, 2, 3, 4, 5],
            columns: [ScoreColumn(name: "s", source: "test", values: [.nan, 3, 1, 2, .infinity],
                                  statuses: [.failed, .value, .value, .value, .nonFinite])])
        let classes = try IsomorphismClasses(keys: ["A", "A", "B", "B", "C"], preference: [0, 1, 2, 3, 4])
        let deiso = try IsomorphismView.deiso.apply(to: table, classes: classes)
        #expect(deiso.columns[0].statuses == [.failed, .value, .nonFinite])
        #expect(deiso.columns[0].missing.failed == 1)
        #expect(try deiso.sample(deiso.columns[0]).droppedCount == 2)
        let mean = try IsomorphismView.iso2deiso.apply(to: table, classes: classes)
        #expect(mean.columns[0].statuses == [.value, .value, .nonFinite])
        #expect(mean.columns[0].values[0] == 3)
        #expect(mean.columns[0].values[1] == 1.5)
        #expect(mean.columns[0].missing.excludedFromClassMeans == 1)
        #expect(mean.truth == [1.5, 3.5, 5])
    }

    @Test("views of NB201 cells match the independent implementation of scripts/generate_rank_fixtures.py")
    func nb201Fixture() throws {
        let fixture: ViewsFixture = try FixtureFiles.load("views.json")
        let table = try RankingTable(architectures: fixture.archs, truthName: "truth", truth: fixture.truth,
                                     columns: [ScoreColumn(name: "s", source: "fixture", values: fixture.scores)])
        let classes = try IsomorphismClasses.nb201(fixture.archs)
        #expect(classes.keys == fixture.canonical_keys)
        for (view, expected, tau, rho) in [
            (IsomorphismView.deiso, fixture.deiso, fixture.deiso_kendall_tau, fixture.deiso_spearman_rho),
            (.iso2deiso, fixture.iso2deiso, fixture.iso2deiso_kendall_tau, fixture.iso2deiso_spearman_rho),
        ] {
            let result = try view.apply(to: table, classes: classes)
            #expect(result.architectures == expected.map(\.arch), "\(view)")
            #expect(result.memberCounts == expected.map(\.members), "\(view)")
            for (row, wanted) in expected.enumerated() {
                #expect(abs(result.truth[row] - wanted.truth) <= 1e-12 * abs(wanted.truth), "\(view) row \(row)")
                let score = result.columns[0].values[row]
                #expect(score.isNaN == wanted.score.isNaN, "\(view) row \(row)")
                if !wanted.score.isNaN { #expect(abs(score - wanted.score) <= 1e-12 * max(1, abs(wanted.score))) }
            }
            if view == .iso2deiso {
                #expect(result.columns[0].excludedFromClassMeans == expected.compactMap(\.excluded).reduce(0, +))
            }
            let sample = try result.sample(result.columns[0])
            #expect(abs(sample.kendallTauB().value - tau) < 1e-12, "\(view)")
            #expect(abs(sample.spearmanRho().value - rho) < 1e-12, "\(view)")
        }
        let iso = try table.sample(table.columns[0])
        #expect(abs(iso.kendallTauB().value - fixture.iso_kendall_tau) < 1e-12)
        #expect(abs(iso.spearmanRho().value - fixture.iso_spearman_rho) < 1e-12)
    }

    @Test("bad input: classes of the wrong length, a view of a view, a non-NB201 string")
    func badInput() throws {
        let (table, classes) = try Self.threeClasses()
        let short = try IsomorphismClasses(keys: ["A"], preference: [0])
        #expect(throws: EvaluationError.lengthMismatch(what: "table rows and isomorphism classes", expected: 6, found: 1)) {
            try IsomorphismView.deiso.apply(to: table, classes: short)
        }
        let deiso = try IsomorphismView.deiso.apply(to: table, classes: classes)
        #expect(throws: EvaluationError.notAnIsoTable("deiso")) {
            try IsomorphismView.iso2deiso.apply(to: deiso, classes: classes)
        }
        #expect(throws: EvaluationError.lengthMismatch(what: "class keys and preferences", expected: 2, found: 1)) {
            try IsomorphismClasses(keys: ["A", "B"], preference: [0])
        }
        #expect(throws: EvaluationError.notNB201(architecture: "a1", feature: "isomorphism classes")) {
            try IsomorphismClasses.nb201(["a1"])
        }
        #expect(EvaluationError.notAnIsoTable("deiso").description
            == "views apply to a table with one row per architecture, not to a 'deiso' table")
    }
}
