#!/usr/bin/env python3
"""Generate the Evaluation and `nasbench rank` test fixtures in datasets/fixtures/rank/.

Usage: python3 scripts/generate_rank_fixtures.py [--out datasets/fixtures/rank]
Reference versions: scipy 1.17.1, numpy 2.x. Output is deterministic (numpy seeds, no wall-clock data).
Every architecture, score and truth value is synthetic: nothing is read from ../shared/data.

Independent implementations (not a port of the Swift code) of:
- NB201 arch strings, the enumeration index (the 6-choice encoding read in base 5, ops none, skip_connect,
  nor_conv_1x1, nor_conv_3x3, avg_pool_3x3 = 0..4) and the canonical isomorphism key of docs/REFERENCE.md section 1;
- the views of section 2: iso; deiso = the class representative (smallest enumeration index among the rows present)
  against the mean truth of the class; iso2deiso = the mean of the finite member scores against the same truth;
  class rows ordered by the row position of their representative;
- the bias reports: stable ranks (estimator order = score descending, ties by kept position ascending; true rank =
  truth descending, ties likewise), mean normalised rank difference (estimator rank - true rank) / N over a bucket,
  shares of the estimator's and the true top k = floor(N * 0.05), Kendall tau-b and Spearman rho within a bucket
  (scipy.stats); per operation, its share of the edges of the estimator's and the true top k;
- quantile buckets: cut points numpy.quantile(finite covariate, j / Q) (type 7), bucket = number of cuts strictly
  below the value.

Files:
- views.json: a small NB201 sample in scrambled row order with expected deiso / iso2deiso rows and tau / rho.
- bias.json: 160 NB201 cells with tied scores and truth, two NaN scores; expected complexity-level (ordered by
  #1x1 + 9 #3x3, i.e. by FLOPs), quantile and operation bias.
- tiny_nb201.csv + tiny_nb201_mapping.json, tiny_nb201_seed2.csv + tiny_nb201_seed2_mapping.json: a 40-cell
  benchmark for the end-to-end tests (truth `acc`; estimator `proxy` run with seeds 1 and 2, with failures; an
  all-tied estimator `tied`), and tiny_scores.csv, the same data as a plain CSV with an empty, a nan and an inf cell.
"""
import argparse
import json
import math
import os

import numpy as np
from scipy import stats

OPS = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"]
EDGES = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)]


def arch_string(encoding):
    groups, edge = [], 0
    for target in range(1, 4):
        tokens = []
        for source in range(target):
            tokens.append(f"{OPS[encoding[edge]]}~{source}")
            edge += 1
        groups.append("|" + "|".join(tokens) + "|")
    return "+".join(groups)


def index_of(encoding):
    value = 0
    for op in encoding:
        value = value * 5 + op
    return value


def encoding_of(index):
    digits = []
    for _ in range(6):
        digits.append(index % 5)
        index //= 5
    return digits[::-1]


def canonical_key(encoding):
    nodes = ["0"]
    for target in range(1, 4):
        inputs = []
        for edge, (source, end) in enumerate(EDGES):
            if end != target:
                continue
            op = OPS[encoding[edge]]
            source_string = nodes[source]
            if op == "none" or source_string == "#":
                inputs.append("#")
            elif op == "skip_connect":
                inputs.append(source_string)
            else:
                inputs.append(f"({source_string})@{op}")
        nodes.append("+".join(sorted(inputs)))
    return nodes[3]


def number(value):
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return value


def tau_rho(scores, truth):
    scores, truth = np.asarray(scores, float), np.asarray(truth, float)
    keep = np.isfinite(scores) & np.isfinite(truth)
    s, t = scores[keep], truth[keep]
    if len(s) < 2 or np.all(s == s[0]) or np.all(t == t[0]):
        return "nan", "nan"
    return float(stats.kendalltau(s, t)[0]), float(stats.spearmanr(s, t)[0])


def views_fixture(rng):
    classes = {}
    for index in range(15625):
        encoding = encoding_of(index)
        classes.setdefault(canonical_key(encoding), []).append(index)
    multi = [members for members in classes.values() if 2 <= len(members) <= 6]
    single = [members for members in classes.values() if len(members) == 1]
    chosen = [multi[i] for i in rng.choice(len(multi), 5, replace=False)]
    chosen += [single[i] for i in rng.choice(len(single), 3, replace=False)]
    indices = [index for members in chosen for index in members]
    order = rng.permutation(len(indices))
    indices = [indices[i] for i in order]
    encodings = [encoding_of(i) for i in indices]
    archs = [arch_string(e) for e in encodings]
    truth = [float(round(rng.uniform(50, 95), 1)) for _ in archs]
    scores = [float(round(rng.normal(0, 1), 2)) for _ in archs]
    scores[3] = float("nan")
    keys = [canonical_key(e) for e in encodings]
    groups = {}
    for row, key in enumerate(keys):
        groups.setdefault(key, []).append(row)
    representatives = sorted((min(rows, key=lambda r: (indices[r], r)), rows) for rows in groups.values())
    deiso, iso2deiso = [], []
    for representative, rows in representatives:
        class_truth = float(np.mean([truth[r] for r in rows]))
        finite = [scores[r] for r in rows if math.isfinite(scores[r])]
        deiso.append({"arch": archs[representative], "members": len(rows), "truth": class_truth,
                      "score": number(scores[representative])})
        iso2deiso.append({"arch": archs[representative], "members": len(rows), "truth": class_truth,
                          "score": number(np.mean(finite)) if finite else "nan",
                          "excluded": len(rows) - len(finite) if finite else 0})
    result = {"archs": archs, "truth": truth, "scores": [number(s) for s in scores],
              "canonical_keys": keys, "deiso": deiso, "iso2deiso": iso2deiso}
    for name, rows in (("deiso", deiso), ("iso2deiso", iso2deiso)):
        tau, rho = tau_rho([number_or_nan(r["score"]) for r in rows], [r["truth"] for r in rows])
        result[f"{name}_kendall_tau"], result[f"{name}_spearman_rho"] = tau, rho
    tau, rho = tau_rho(scores, truth)
    result["iso_kendall_tau"], result["iso_spearman_rho"] = tau, rho
    return result


def number_or_nan(value):
    return float("nan") if value == "nan" else float(value)


def stable_ranks(scores, truth):
    n = len(scores)
    estimator_order = sorted(range(n), key=lambda i: (-scores[i], i))
    true_order = sorted(range(n), key=lambda i: (-truth[i], i))
    estimator_rank, true_rank = [0] * n, [0] * n
    for place, i in enumerate(estimator_order):
        estimator_rank[i] = place
    for place, i in enumerate(true_order):
        true_rank[i] = place
    return estimator_order, true_order, estimator_rank, true_rank


def bucket_rows(scores, truth, labels, k):
    n = len(scores)
    _, _, estimator_rank, true_rank = stable_ranks(scores, truth)
    rows = []
    for label in sorted(set(labels)):
        members = [i for i in range(n) if labels[i] == label]
        tau, rho = tau_rho([scores[i] for i in members], [truth[i] for i in members])
        difference = sum(estimator_rank[i] - true_rank[i] for i in members) / len(members) / n
        rows.append({"label": label, "n": len(members), "kendall_tau": tau, "spearman_rho": rho,
                     "mean_normalized_rank_difference": difference,
                     "estimator_top_share": sum(1 for i in members if estimator_rank[i] < k) / k,
                     "true_top_share": sum(1 for i in members if true_rank[i] < k) / k})
    return rows


def bias_fixture(rng):
    count = 160
    indices = [int(i) for i in rng.choice(15625, count, replace=False)]
    encodings = [encoding_of(i) for i in indices]
    n1 = [e.count(2) for e in encodings]
    n3 = [e.count(3) for e in encodings]
    truth = [float(round(70 + 3 * b + 1.5 * a + rng.normal(0, 4))) for a, b in zip(n1, n3)]
    scores = [float(a + 2 * b + int(rng.integers(0, 3))) for a, b in zip(n1, n3)]
    scores[10] = float("nan")
    scores[77] = float("nan")
    covariate = [float(a + 9 * b + round(rng.uniform(0, 2), 1)) for a, b in zip(n1, n3)]
    kept = [i for i in range(count) if math.isfinite(scores[i])]
    s = [scores[i] for i in kept]
    t = [truth[i] for i in kept]
    n = len(kept)
    k = math.floor(n * 0.05)
    levels = bucket_rows(s, t, [n1[i] + 9 * n3[i] for i in kept], k)  # FLOPs order: a 3x3 conv costs nine 1x1
    for row in levels:
        level = row.pop("label")
        row["label"] = f"({level % 9}, {level // 9})"
    quantiles = 4
    finite = sorted(covariate)
    cuts = [float(np.quantile(finite, j / quantiles)) for j in range(1, quantiles)]
    labels = [sum(1 for c in cuts if covariate[i] > c) for i in kept]
    quantile_rows = bucket_rows(s, t, labels, k)
    all_labels = [sum(1 for c in cuts if value > c) for value in covariate]
    for row in quantile_rows:
        bucket = row.pop("label")
        members = [value for value, label in zip(covariate, all_labels) if label == bucket]
        row["label"] = f"Q{bucket + 1} [{min(members):.4g}, {max(members):.4g}]"
    operations = []
    for op in range(5):
        for row in bucket_rows(s, t, [encodings[i].count(op) for i in kept], k):
            row["operation"] = OPS[op]
            row["operation_count"] = row.pop("label")
            operations.append(row)
    estimator_order, true_order, _, _ = stable_ranks(s, t)
    frequencies = []
    for op in range(5):
        def share(order):
            return sum(encodings[kept[i]].count(op) for i in order[:k]) / (6 * k)
        frequencies.append({"operation": OPS[op], "estimator_top": share(estimator_order),
                            "true_top": share(true_order)})
    return {"archs": [arch_string(e) for e in encodings], "scores": [number(x) for x in scores], "truth": truth,
            "covariate": covariate, "quantiles": quantiles, "k": k, "levels": levels, "quantile_buckets": quantile_rows,
            "operations": operations, "frequencies": frequencies}


def tiny_benchmark(rng, out):
    count = 40
    indices = sorted(int(i) for i in rng.choice(15625, count, replace=False))
    archs = [arch_string(encoding_of(i)) for i in indices]
    acc = [round(float(rng.uniform(60, 94)), 2) for _ in archs]
    proxy1 = [round(a / 10 + float(rng.normal(0, 1.5)), 3) for a in acc]
    proxy2 = [round(a / 10 + float(rng.normal(0, 1.5)), 3) for a in acc]
    proxy1[5] = "nan"
    proxy1[17] = "inf"
    proxy2[9] = "nan"
    with open(os.path.join(out, "tiny_nb201.csv"), "w") as f:
        f.write("arch_str,acc,proxy,tied\n")
        for arch, a, p in zip(archs, acc, proxy1):
            f.write(f"{arch},{a},{p},1.0\n")
    with open(os.path.join(out, "tiny_nb201_seed2.csv"), "w") as f:
        f.write("arch_str,proxy\n")
        for arch, p in zip(archs, proxy2):
            f.write(f"{arch},{p}\n")
    with open(os.path.join(out, "tiny_scores.csv"), "w") as f:
        f.write("arch_str,acc,proxy,proxy_seed2,tied\n")
        for row, (arch, a, p, q) in enumerate(zip(archs, acc, proxy1, proxy2)):
            if row == 21:
                p = ""
            f.write(f"{arch},{a},{p},{q},1.0\n")
    mapping = {
        "benchmark": "rank-tiny", "search_space": "nb201", "source": "scripts/generate_rank_fixtures.py (synthetic)",
        "licence": "CC0-1.0", "description": "synthetic 40-cell benchmark for the rank tests", "arch_column": "arch_str",
        "dataset": "cifar10",
        "columns": [
            {"column": "acc", "role": "ground_truth", "unit": "%", "higher_is_better": True,
             "description": "synthetic accuracy"},
            {"column": "proxy", "role": "estimator_score", "seed": 1, "settings": {"batch": "64"},
             "description": "synthetic proxy, seed 1"},
            {"column": "tied", "role": "estimator_score", "description": "every score equal"},
        ],
    }
    seed2 = {
        "benchmark": "rank-tiny-seed2", "search_space": "nb201", "source": mapping["source"], "licence": "CC0-1.0",
        "description": "second run of the synthetic proxy", "arch_column": "arch_str", "dataset": "cifar10",
        "columns": [{"column": "proxy", "role": "estimator_score", "seed": 2, "settings": {"batch": "64"},
                     "description": "synthetic proxy, seed 2"}],
    }
    for name, content in (("tiny_nb201_mapping.json", mapping), ("tiny_nb201_seed2_mapping.json", seed2)):
        with open(os.path.join(out, name), "w") as f:
            json.dump(content, f, indent=2)
            f.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "datasets", "fixtures", "rank"))
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    for name, make, seed in (("views.json", views_fixture, 4), ("bias.json", bias_fixture, 5)):
        with open(os.path.join(arguments.out, name), "w") as f:
            json.dump(make(np.random.default_rng(seed)), f, indent=1)
            f.write("\n")
    tiny_benchmark(np.random.default_rng(6), arguments.out)


if __name__ == "__main__":
    main()
