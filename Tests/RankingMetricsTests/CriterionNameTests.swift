import RankingMetrics
import Testing

/// Stable criterion names, their parsing, and the CSV / Markdown tables of a report.
@Suite struct CriterionNameTests {
    @Test func literatureNames() {
        let names = Criterion.literature.map(\.name)
        let precision = ["0.1%", "0.5%", "1%", "5%", "10%", "50%", "100%"]
        let rank = ["0.1%", "0.5%", "1%", "5%", "10%", "20%"]
        let expected = ["kendall_tau", "spearman_rho", "pearson_r"]
            + precision.map { "p_at_top_\($0)" } + precision.map { "p_at_bottom_\($0)" }
            + precision.map { "kt_at_top_\($0)" } + precision.map { "kt_at_bottom_\($0)" }
            + rank.map { "br_at_\($0)" } + rank.map { "wr_at_\($0)" }
        #expect(names == expected)
    }

    @Test(arguments: Criterion.literature)
    func namesRoundTrip(_ criterion: Criterion) {
        #expect(Criterion(name: criterion.name) == criterion)
    }

    @Test(arguments: [("p_at_top_25%", 0.25), ("br_at_0.1%", 0.001), ("kt_at_bottom_7.5%", 0.075)])
    func percentLabelsParseExactly(name: String, ratio: Double) throws {
        #expect(Criterion(name: name)?.cutoff == (try Cutoff(ratio: ratio)))
    }

    @Test func countCutoffNames() throws {
        #expect(Criterion.precisionAtTop(try Cutoff(count: 50)).name == "p_at_top_50")
        #expect(Criterion(name: "wr_at_12") == .worstRank(try Cutoff(count: 12)))
        #expect(Criterion.bestRank(try Cutoff(ratio: 0.07)).name == "br_at_7%")
    }

    @Test(arguments: ["", "kendall", "p_at_top_", "p_at_top_5", "p_at_top_0%", "p_at_top_150%", "br_at_x%",
                      "p_at_middle_5%", "p_at_top_-5%", "p_at_top_1e2%"])
    func unknownNamesAreRejected(_ name: String) {
        if name == "p_at_top_5" {
            #expect(Criterion(name: name) == .precisionAtTop(try! Cutoff(count: 5)))
        } else {
            #expect(Criterion(name: name) == nil)
        }
    }

    @Test func csvAndMarkdownTables() throws {
        let report = try RankingReport(
            scores: [0.1, 0.4, 0.4, 0.2, 0.9, 0.3], truth: [1, 3, 2, 2, 5, 4],
            criteria: [.kendallTau, .precisionAtTop(try Cutoff(ratio: 0.5)), .bestRank(try Cutoff(ratio: 0.1))]
        )
        #expect(report.csv() == """
            criterion,k,value,undefined_reason
            kendall_tau,,0.6428571428571429,
            p_at_top_50%,3,0.6666666666666666,
            br_at_10%,0,nan,cutoff_below_one

            """)
        #expect(report.markdown() == """
            | criterion | k | value | note |
            |---|---:|---:|---|
            | kendall_tau | 6 | 0.6428571428571429 |  |
            | p_at_top_50% | 3 | 0.6666666666666666 |  |
            | br_at_10% | 0 | nan | undefined: k = floor(N * ratio) < 1 |

            """)
    }
}
