/// One ranking criterion, with a stable snake_case name used in reports, CSV headers and on the command line.
///
/// Naming scheme: `pearson_r`, `spearman_rho`, `kendall_tau`, and `<criterion>_at_<where>_<cutoff>` for the top-K
/// family: `p_at_top_5%`, `p_at_bottom_5%`, `kt_at_top_5%`, `kt_at_bottom_5%`, `br_at_1%`, `wr_at_1%`. A ratio
/// cutoff is written as a percentage (`0.1%`, `5%`, `100%`); a fixed count as a bare integer (`p_at_top_50`).
public enum Criterion: Sendable, Hashable, CustomStringConvertible {
    /// Pearson's r on the raw values.
    case pearsonR
    /// Spearman's rho (average ranks for ties).
    case spearmanRho
    /// Kendall's tau-b.
    case kendallTau
    /// P@topK: share of the estimator's top k that are in the true top k.
    case precisionAtTop(Cutoff)
    /// P@bottomK: share of the estimator's bottom k that are in the true bottom k.
    case precisionAtBottom(Cutoff)
    /// KT@topK: Kendall's tau-b within the estimator's top k.
    case kendallTauAtTop(Cutoff)
    /// KT@bottomK: Kendall's tau-b within the estimator's bottom k.
    case kendallTauAtBottom(Cutoff)
    /// BR@K: best 1-based true rank among the estimator's top k, divided by N (lower is better).
    case bestRank(Cutoff)
    /// WR@K: worst 1-based true rank among the estimator's top k, divided by N (lower is better).
    case worstRank(Cutoff)

    /// The literature's full set: r, rho, tau, then P@top, P@bottom, KT@top, KT@bottom at
    /// `Cutoff.precisionRatios`, then BR and WR at `Cutoff.rankRatios`.
    public static let literature: [Criterion] = standard(
        precisionCutoffs: Cutoff.precisionRatios, rankCutoffs: Cutoff.rankRatios
    )

    /// The three correlations followed by the top-K family at the given cutoffs, grouped by criterion.
    public static func standard(precisionCutoffs: [Cutoff], rankCutoffs: [Cutoff]) -> [Criterion] {
        [.kendallTau, .spearmanRho, .pearsonR]
            + precisionCutoffs.map { .precisionAtTop($0) } + precisionCutoffs.map { .precisionAtBottom($0) }
            + precisionCutoffs.map { .kendallTauAtTop($0) } + precisionCutoffs.map { .kendallTauAtBottom($0) }
            + rankCutoffs.map { .bestRank($0) } + rankCutoffs.map { .worstRank($0) }
    }

    /// The stable name, e.g. `kendall_tau` or `p_at_top_5%`.
    public var name: String {
        switch self {
        case .pearsonR: return "pearson_r"
        case .spearmanRho: return "spearman_rho"
        case .kendallTau: return "kendall_tau"
        case let .precisionAtTop(cutoff): return "p_at_top_\(cutoff.label)"
        case let .precisionAtBottom(cutoff): return "p_at_bottom_\(cutoff.label)"
        case let .kendallTauAtTop(cutoff): return "kt_at_top_\(cutoff.label)"
        case let .kendallTauAtBottom(cutoff): return "kt_at_bottom_\(cutoff.label)"
        case let .bestRank(cutoff): return "br_at_\(cutoff.label)"
        case let .worstRank(cutoff): return "wr_at_\(cutoff.label)"
        }
    }

    /// Parses a stable name such as `kt_at_top_5%` or `br_at_50`; nil for an unknown name.
    public init?(name: String) {
        switch name {
        case "pearson_r": self = .pearsonR; return
        case "spearman_rho": self = .spearmanRho; return
        case "kendall_tau": self = .kendallTau; return
        default: break
        }
        let families: [(String, (Cutoff) -> Criterion)] = [
            ("p_at_top_", Criterion.precisionAtTop), ("p_at_bottom_", Criterion.precisionAtBottom),
            ("kt_at_top_", Criterion.kendallTauAtTop), ("kt_at_bottom_", Criterion.kendallTauAtBottom),
            ("br_at_", Criterion.bestRank), ("wr_at_", Criterion.worstRank),
        ]
        for (prefix, make) in families where name.hasPrefix(prefix) {
            guard let cutoff = Cutoff(label: String(name.dropFirst(prefix.count))) else { return nil }
            self = make(cutoff)
            return
        }
        return nil
    }

    /// The cutoff of a top-K criterion, nil for the correlations.
    public var cutoff: Cutoff? {
        switch self {
        case .pearsonR, .spearmanRho, .kendallTau: return nil
        case let .precisionAtTop(cutoff), let .precisionAtBottom(cutoff), let .kendallTauAtTop(cutoff),
             let .kendallTauAtBottom(cutoff), let .bestRank(cutoff), let .worstRank(cutoff):
            return cutoff
        }
    }

    /// Whether larger values mean a better estimator (false for BR@K and WR@K).
    public var largerIsBetter: Bool {
        switch self {
        case .bestRank, .worstRank: return false
        default: return true
        }
    }

    /// The stable name.
    public var description: String { name }
}
