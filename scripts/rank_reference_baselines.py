#!/usr/bin/env python3
"""Kendall tau-b and Spearman rho of the params and FLOPs baselines on the NB201 reference table, with scipy.

Usage: python3 scripts/rank_reference_baselines.py ../shared/data/nb201/nb201_accuracy_latency.csv [truth column]
Prints one JSON object {"params": {"kendall_tau": .., "spearman_rho": .., "n": ..}, "flops": {...}}.

Reads the reference data at run time (nothing is written). params and FLOPs are computed here from the network of
docs/REFERENCE.md section 1 (CIFAR-10: C = 16, N = 5, 32x32 inputs, 10 classes), independently of NASBench's
NB201Complexity; the script checks the ResNet-like anchor cell (0.559386 M params, 78.56193 MFLOPs) first.
"""
import csv
import json
import sys

from scipy import stats


def complexity(arch, classes=10, side=32, channels=16, cells=5):
    ops = [token.split("~")[0] for group in arch.split("+") for token in group.strip("|").split("|")]
    params = 3 * channels * 9 + 2 * channels
    flops = 3 * channels * 9 * side * side
    for stage in range(3):
        c = channels << stage
        if stage > 0:
            side //= 2
            params += (c // 2) * c * 9 + 2 * c + c * c * 9 + 2 * c + (c // 2) * c
            flops += ((c // 2) * c * 9 + c * c * 9 + (c // 2) * c) * side * side
        for op in ops:
            kernel = {"nor_conv_1x1": 1, "nor_conv_3x3": 3}.get(op)
            if kernel:
                params += cells * (c * c * kernel * kernel + 2 * c)
                flops += cells * c * c * kernel * kernel * side * side
    features = channels << 2
    params += 2 * features + features * classes + classes
    flops += features * classes + classes
    return params / 1e6, flops / 1e6


def main():
    path = sys.argv[1]
    truth_column = sys.argv[2] if len(sys.argv) > 2 else "cifar10_test_acc_200ep_mean"
    params, flops = complexity("|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|")
    assert abs(params - 0.559386) < 1e-6 and abs(flops - 78.56193) < 1e-5, (params, flops)
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    truth = [float(row[truth_column]) for row in rows]
    values = [complexity(row["arch_str"]) for row in rows]
    result = {}
    for position, name in enumerate(["params", "flops"]):
        scores = [value[position] for value in values]
        result[name] = {"kendall_tau": float(stats.kendalltau(scores, truth)[0]),
                        "spearman_rho": float(stats.spearmanr(scores, truth)[0]), "n": len(scores)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
