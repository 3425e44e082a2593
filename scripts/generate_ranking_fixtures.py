#!/usr/bin/env python3
"""Generate the RankingMetrics test fixtures in datasets/fixtures/ranking/ with scipy as the reference.

Usage: python3 scripts/generate_ranking_fixtures.py [--out datasets/fixtures/ranking]
Reference versions: scipy 1.17.1, numpy 2.x. Output is deterministic (fixed seeds, no wall-clock data).

Large samples are stored as seeded *recipes* instead of arrays (to keep each file small): both this script and the
Swift tests expand a recipe with the xoshiro256** generator of NASCore.SeededGenerator, using integer arithmetic and
single IEEE-754 operations only, so both sides produce bit-identical data. Recipe for item i = 0..n-1:
    a = next(); b = next()                      # two 64-bit draws per item, in this order
    t = a % truth_levels;  noise = b % noise_levels
    truth = float(t) / truth_divisor
    score = float((t + noise) // score_bucket) * score_scale
Every case also stores checks (first values and the sequential sum) so a mismatch in the data is reported as such.

The top-K criteria are computed here independently with the conventions of docs/REFERENCE.md section 2 and the
stable tie rule of RankingMetrics: estimator order = score descending, ties by input position ascending; true rank
= truth descending (0 = best), ties by input position ascending.
"""
import argparse
import json
import math
import os

import numpy as np
import scipy
from scipy import stats

MASK = (1 << 64) - 1
PRECISION_RATIOS = [(0.001, "0.1%"), (0.005, "0.5%"), (0.01, "1%"), (0.05, "5%"), (0.1, "10%"), (0.5, "50%"),
                    (1.0, "100%")]
RANK_RATIOS = [(0.001, "0.1%"), (0.005, "0.5%"), (0.01, "1%"), (0.05, "5%"), (0.1, "10%"), (0.2, "20%")]


class SeededGenerator:
    """xoshiro256** seeded through SplitMix64, bit-identical to NASCore.SeededGenerator."""

    def __init__(self, seed, stream=None):
        if stream is not None:
            seed = seed ^ (((stream + 1) & MASK) * 0xD1B54A32D192ED03 & MASK)
        state = seed & MASK
        words = []
        for _ in range(4):
            state = (state + 0x9E3779B97F4A7C15) & MASK
            z = state
            z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            words.append(z ^ (z >> 31))
        self.s = words

    @staticmethod
    def _rotl(x, k):
        return ((x << k) | (x >> (64 - k))) & MASK

    def next(self):
        s = self.s
        result = (self._rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = self._rotl(s[3], 45)
        return result

    def index_below(self, bound):
        """Lemire's multiply-and-reject draw, as CorrelationBootstrap.drawIndex(below:using:)."""
        product = self.next() * bound
        if (product & MASK) < bound:
            threshold = ((1 << 64) - bound) % bound
            while (product & MASK) < threshold:
                product = self.next() * bound
        return product >> 64


def expand(recipe):
    gen = SeededGenerator(recipe["seed"])
    scores, truth = [], []
    for _ in range(recipe["n"]):
        a, b = gen.next(), gen.next()
        t = a % recipe["truth_levels"]
        noise = b % recipe["noise_levels"]
        truth.append(float(t) / recipe["truth_divisor"])
        scores.append(float((t + noise) // recipe["score_bucket"]) * recipe["score_scale"])
    return np.array(scores), np.array(truth)


def checks(scores, truth):
    total_s, total_g = 0.0, 0.0
    for value in scores:
        total_s += value
    for value in truth:
        total_g += value
    return {"first_scores": [float(v) for v in scores[:5]], "first_truth": [float(v) for v in truth[:5]],
            "sum_scores": total_s, "sum_truth": total_g}


def number(value):
    """JSON-safe float: NaN / infinities become the strings nan / inf / -inf (decoded by the tests)."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def nullable(value):
    value = float(value)
    return None if math.isnan(value) else value


def correlations(s, g):
    if len(s) < 2 or np.all(s == s[0]) or np.all(g == g[0]):
        return None, None, None
    return (nullable(stats.pearsonr(s, g).statistic), nullable(stats.spearmanr(s, g).statistic),
            nullable(stats.kendalltau(s, g).statistic))


def stable_orders(s, g):
    n = len(s)
    index = np.arange(n)
    estimator_order = np.lexsort((index, -s))
    true_order = np.lexsort((index, -g))
    true_rank = np.empty(n, dtype=np.int64)
    true_rank[true_order] = index
    estimator_rank = np.empty(n, dtype=np.int64)
    estimator_rank[estimator_order] = index
    return estimator_order, estimator_rank, true_rank


def tau_or_none(s, g):
    if len(s) < 2 or np.all(s == s[0]) or np.all(g == g[0]):
        return None
    return nullable(stats.kendalltau(s, g).statistic)


def criteria(s, g, precision_cutoffs, rank_cutoffs):
    """Every criterion by name (None = undefined), with k per top-K criterion."""
    n = len(s)
    order, _, true_rank = stable_orders(s, g)
    pearson, spearman, kendall = correlations(s, g)
    values = {"kendall_tau": kendall, "spearman_rho": spearman, "pearson_r": pearson}
    ks = {}

    def cut(cutoff):
        kind, amount, label = cutoff
        k = int(math.floor(n * amount)) if kind == "ratio" else amount
        return k, label, (1 <= k <= n)

    for cutoff in precision_cutoffs:
        k, label, ok = cut(cutoff)
        top, bottom = order[:k], order[n - k:]
        for name, value in [
            (f"p_at_top_{label}", lambda: float(np.sum(true_rank[top] < k)) / k),
            (f"p_at_bottom_{label}", lambda: float(np.sum(true_rank[bottom] >= n - k)) / k),
            (f"kt_at_top_{label}", lambda: tau_or_none(s[top], g[top])),
            (f"kt_at_bottom_{label}", lambda: tau_or_none(s[bottom], g[bottom])),
        ]:
            values[name] = value() if ok else None
            ks[name] = k
    for cutoff in rank_cutoffs:
        k, label, ok = cut(cutoff)
        top = order[:k]
        values[f"br_at_{label}"] = float(np.min(true_rank[top]) + 1) / n if ok else None
        values[f"wr_at_{label}"] = float(np.max(true_rank[top]) + 1) / n if ok else None
        ks[f"br_at_{label}"] = k
        ks[f"wr_at_{label}"] = k
    return values, ks


LITERATURE_P = [("ratio", r, label) for r, label in PRECISION_RATIOS]
LITERATURE_R = [("ratio", r, label) for r, label in RANK_RATIOS]


def recipe(seed, n, truth_levels, noise_levels, score_bucket, truth_divisor=1.0, score_scale=1.0):
    return {"seed": seed, "n": n, "truth_levels": truth_levels, "noise_levels": noise_levels,
            "score_bucket": score_bucket, "truth_divisor": truth_divisor, "score_scale": score_scale}


def explicit_cases(rng):
    cases = []
    for n in [2, 3, 5, 10, 50, 200]:
        g = rng.normal(size=n)
        s = g + rng.normal(scale=1.0, size=n)
        cases.append((f"continuous_n{n}", s, g))
    for n in [4, 12, 60, 300]:
        g = rng.integers(0, 5, size=n).astype(float)
        s = (g + rng.integers(0, 4, size=n)).astype(float)
        cases.append((f"integer_ties_n{n}", s, g))
    g = rng.normal(size=80)
    cases.append(("anticorrelated_n80", -g + rng.normal(scale=0.3, size=80), g))
    cases.append(("signed_zeros", np.array([0.0, -0.0, 1.0, -1.0, 0.0, -0.0, 2.0]),
                  np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 0.0])))
    big = rng.normal(size=40)
    cases.append(("huge_magnitudes", big * 1e200, rng.normal(size=40) * 1e-200 + big * 1e-200))
    cases.append(("scores_tied_but_two", np.array([1.0] * 9 + [2.0]), np.arange(10, dtype=float)))
    return cases


def recipe_cases():
    return [
        ("recipe_no_ties_n1000", recipe(11, 1000, 1 << 40, 1 << 39, 1)),
        ("recipe_no_ties_n20000", recipe(12, 20000, 1 << 40, 1 << 41, 1)),
        ("recipe_nb201_like_n15625_28_levels", recipe(13, 15625, 10000, 4000, 500, 100.0, 0.25)),
        ("recipe_heavy_ties_n4000", recipe(14, 4000, 7, 5, 2, 2.0, 1.5)),
        ("recipe_negative_n3000", recipe(15, 3000, 1000, 300, 3, 10.0, -0.5)),
        ("recipe_nb201_like_n100000", recipe(16, 100000, 10000, 4000, 500, 100.0, 0.25)),
    ]


def correlation_fixture(rng):
    out = []
    for name, s, g in explicit_cases(rng):
        p, r, t = correlations(s, g)
        out.append({"name": name, "scores": [number(v) for v in s], "truth": [number(v) for v in g],
                    "recipe": None, "checks": None, "pearson": p, "spearman": r, "kendall": t})
    for name, rec in recipe_cases():
        s, g = expand(rec)
        p, r, t = correlations(s, g)
        out.append({"name": name, "scores": None, "truth": None, "recipe": rec, "checks": checks(s, g),
                    "distinct_scores": int(len(np.unique(s))), "distinct_truth": int(len(np.unique(g))),
                    "pearson": p, "spearman": r, "kendall": t})
    return out


def with_missing(s, g, rng, count):
    s, g = s.copy().astype(object), g.copy().astype(object)
    positions = rng.choice(len(s), size=count, replace=False)
    bad = [float("nan"), float("inf"), float("-inf")]
    for j, position in enumerate(positions):
        if j % 2 == 0:
            s[position] = bad[j % 3]
        else:
            g[position] = bad[j % 3]
    return list(s), list(g)


def criteria_fixture(rng):
    out = []
    custom_p = [("count", 1, "1"), ("count", 3, "3"), ("count", 7, "7"), ("ratio", 0.25, "25%"),
                ("ratio", 0.3, "30%"), ("count", 100000, "100000")]
    custom_r = [("count", 2, "2"), ("ratio", 0.25, "25%"), ("count", 100000, "100000")]
    golden_s = np.array([0, 2, 1, 3, 5, 4, 6, 8, 7, 9, 19, 11, 12, 13, 14, 15, 16, 17, 18, 10], dtype=float)
    golden_g = np.arange(20, dtype=float)
    cases = [("golden_second_vector", golden_s, golden_g, None)]
    g = rng.integers(0, 6, size=57).astype(float)
    cases.append(("integer_ties_n57", (g + rng.integers(0, 3, size=57)).astype(float), g, None))
    g = rng.normal(size=333)
    cases.append(("continuous_n333", g + rng.normal(size=333), g, None))
    s_all, g_all = np.round(rng.normal(size=150), 1), np.round(rng.normal(size=150), 1)
    cases.append(("missing_values_n150", s_all, g_all, 12))
    cases.append(("constant_scores", np.full(30, 2.5), rng.normal(size=30), None))
    cases.append(("single_pair", np.array([1.0]), np.array([2.0]), None))
    for name, rec in [("recipe_heavy_ties_n4000", recipe(14, 4000, 7, 5, 2, 2.0, 1.5)),
                      ("recipe_nb201_like_n15625_28_levels", recipe(13, 15625, 10000, 4000, 500, 100.0, 0.25))]:
        s, g = expand(rec)
        cases.append((name, s, g, rec))
    for name, s, g, extra in cases:
        entry = {"name": name}
        if isinstance(extra, dict):
            entry.update({"scores": None, "truth": None, "recipe": extra, "checks": checks(s, g)})
            fs, fg = s, g
        elif extra:
            raw_s, raw_g = with_missing(s, g, rng, extra)
            entry.update({"scores": [number(v) for v in raw_s], "truth": [number(v) for v in raw_g],
                          "recipe": None, "checks": None})
            keep = np.array([math.isfinite(a) and math.isfinite(b) for a, b in zip(raw_s, raw_g)])
            fs, fg = np.array(raw_s, dtype=float)[keep], np.array(raw_g, dtype=float)[keep]
        else:
            entry.update({"scores": [number(v) for v in s], "truth": [number(v) for v in g], "recipe": None,
                          "checks": None})
            fs, fg = s, g
        entry["kept"] = int(len(fs))
        entry["literature"], entry["literature_k"] = criteria(fs, fg, LITERATURE_P, LITERATURE_R)
        custom, custom_k = criteria(fs, fg, custom_p, custom_r)
        entry["custom"] = {name: value for name, value in custom.items() if "_at_" in name}
        entry["custom_k"] = custom_k
        out.append(entry)
    return {"custom_precision_cutoffs": [[kind, amount] for kind, amount, _ in custom_p],
            "custom_rank_cutoffs": [[kind, amount] for kind, amount, _ in custom_r], "cases": out}


def quantile_pair(values, level):
    defined = np.array([v for v in values if v is not None])
    if len(defined) == 0:
        return None, None
    low, high = np.quantile(defined, [(1 - level) / 2, (1 + level) / 2])
    return float(low), float(high)


def bootstrap_fixture(rng):
    out = []
    g = rng.integers(0, 8, size=45).astype(float)
    cases = [("integer_ties_n45", (g + rng.integers(0, 4, size=45)).astype(float), g, 7, 300, 0.95)]
    g = rng.normal(size=70)
    cases.append(("continuous_n70", g + rng.normal(size=70), g, 2024, 250, 0.9))
    cases.append(("tiny_n3_with_undefined", np.array([1.0, 2.0, 2.0]), np.array([3.0, 1.0, 2.0]), 5, 200, 0.8))
    for name, s, g, seed, resamples, level in cases:
        n = len(s)
        taus, rhos = [], []
        for r in range(resamples):
            gen = SeededGenerator(seed, stream=r)
            idx = np.array([gen.index_below(n) for _ in range(n)])
            rs, rg = s[idx], g[idx]
            if np.all(rs == rs[0]) or np.all(rg == rg[0]):
                taus.append(None)
                rhos.append(None)
            else:
                taus.append(nullable(stats.kendalltau(rs, rg).statistic))
                rhos.append(nullable(stats.spearmanr(rs, rg).statistic))
        tau_low, tau_high = quantile_pair(taus, level)
        rho_low, rho_high = quantile_pair(rhos, level)
        _, rho, tau = correlations(s, g)
        out.append({"name": name, "scores": list(map(float, s)), "truth": list(map(float, g)), "seed": seed,
                    "resamples": resamples, "level": level, "tau": tau, "rho": rho,
                    "tau_lower": tau_low, "tau_upper": tau_high, "rho_lower": rho_low, "rho_upper": rho_high,
                    "tau_replicates_head": taus[:10], "rho_replicates_head": rhos[:10],
                    "undefined_replicates": sum(v is None for v in taus)})
    return out


def bucket_fixture(rng):
    out = []
    n = 240
    levels = rng.integers(0, 6, size=n)
    g = np.round(rng.normal(size=n) + 0.3 * levels, 2)
    s = np.round(g + rng.normal(size=n) - 0.5 * levels, 1)
    labels = [f"L{level}" for level in levels]
    raw_s, raw_g = with_missing(s, g, rng, 9)
    keep = np.array([math.isfinite(a) and math.isfinite(b) for a, b in zip(raw_s, raw_g)])
    fs, fg = np.array(raw_s, dtype=float)[keep], np.array(raw_g, dtype=float)[keep]
    kept_labels = [label for label, ok in zip(labels, keep) if ok]
    m = len(fs)
    _, estimator_rank, true_rank = stable_orders(fs, fg)
    for top_ratio, top_label in [(0.05, "5%"), (0.1, "10%")]:
        k = int(math.floor(m * top_ratio))
        buckets = []
        seen = []
        for label in kept_labels:
            if label not in seen:
                seen.append(label)
        for label in seen:
            members = np.array([i for i, other in enumerate(kept_labels) if other == label])
            bs, bg = fs[members], fg[members]
            _, rho, tau = correlations(bs, bg)
            buckets.append({"label": label, "count": int(len(members)), "tau": tau, "rho": rho,
                            "mean_rank_difference": float(np.mean((estimator_rank[members] - true_rank[members]) / m)),
                            "estimator_top_share": float(np.sum(estimator_rank[members] < k)) / k,
                            "true_top_share": float(np.sum(true_rank[members] < k)) / k})
        out.append({"name": f"levels_n{n}_top{top_label}", "top_ratio": top_ratio, "k": k,
                    "scores": [number(v) for v in raw_s], "truth": [number(v) for v in raw_g], "labels": labels,
                    "buckets": buckets})
    return out


def variance_fixture(rng):
    n = 180
    g = np.round(rng.normal(size=n), 2)
    columns = [np.round(g + rng.normal(scale=scale, size=n), 1) for scale in (0.5, 0.8, 1.2, 2.0)]
    columns.append(np.full(n, 1.0))
    raw_columns = []
    reports = []
    for j, column in enumerate(columns):
        if j == 1:
            raw_s, _ = with_missing(column, g, rng, 6)
        else:
            raw_s = list(column)
        raw_columns.append([number(v) for v in raw_s])
        keep = np.array([math.isfinite(v) for v in raw_s])
        values, _ = criteria(np.array(raw_s, dtype=float)[keep], g[keep], LITERATURE_P, LITERATURE_R)
        reports.append(values)
    summary = {}
    for name in reports[0]:
        defined = np.array([report[name] for report in reports if report[name] is not None])
        mean = float(np.mean(defined)) if len(defined) else None
        std = float(np.std(defined, ddof=1)) if len(defined) >= 2 else None
        summary[name] = {"defined": int(len(defined)), "mean": mean, "std": std}
    return {"truth": [float(v) for v in g], "score_columns": raw_columns, "summary": summary}


def write(path, payload):
    with open(path, "w") as handle:
        json.dump(payload, handle, indent=None, separators=(",", ":"), allow_nan=False)
        handle.write("\n")
    size = os.path.getsize(path)
    assert size < 200_000, f"{path} is {size} bytes"
    print(f"wrote {path} ({size} bytes)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                       "..", "datasets", "fixtures", "ranking")))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(20240601)
    meta = {"generator": "scripts/generate_ranking_fixtures.py", "scipy": scipy.__version__,
            "numpy": np.__version__}
    write(os.path.join(args.out, "correlations.json"), {"meta": meta, "cases": correlation_fixture(rng)})
    write(os.path.join(args.out, "criteria.json"), {"meta": meta, **criteria_fixture(rng)})
    write(os.path.join(args.out, "bootstrap.json"), {"meta": meta, "cases": bootstrap_fixture(rng)})
    write(os.path.join(args.out, "buckets.json"), {"meta": meta, "cases": bucket_fixture(rng)})
    write(os.path.join(args.out, "variance.json"), {"meta": meta, **variance_fixture(rng)})


if __name__ == "__main__":
    main()
