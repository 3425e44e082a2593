#!/usr/bin/env python3
"""Time scipy.stats.kendalltau and scipy.stats.spearmanr on the data written by `nasbench bench ranking`.

Usage: python3 scripts/bench_ranking_scipy.py DATA_FILE [--repetitions 5]
DATA_FILE (little-endian): uint64 dataset count; per dataset: uint64 n, n float64 scores, n float64 truth.
Prints one JSON list on stdout, one object per dataset in file order:
{"n", "kendall", "spearman", "kendall_seconds", "spearman_seconds"}, the times being the best of the repetitions
(wall clock, time.perf_counter), each call made exactly as a user would: stats.kendalltau(scores, truth).
"""
import argparse
import json
import time

import numpy as np
from scipy import stats


def read_datasets(path):
    raw = np.fromfile(path, dtype="<u8", count=1)
    count = int(raw[0])
    offset = 8
    datasets = []
    for _ in range(count):
        n = int(np.fromfile(path, dtype="<u8", count=1, offset=offset)[0])
        offset += 8
        scores = np.fromfile(path, dtype="<f8", count=n, offset=offset)
        offset += 8 * n
        truth = np.fromfile(path, dtype="<f8", count=n, offset=offset)
        offset += 8 * n
        datasets.append((scores, truth))
    return datasets


def best_time(function, scores, truth, repetitions):
    best, value = float("inf"), None
    for _ in range(repetitions):
        start = time.perf_counter()
        value = function(scores, truth).statistic
        best = min(best, time.perf_counter() - start)
    return float(value), best


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data_file")
    parser.add_argument("--repetitions", type=int, default=5)
    args = parser.parse_args()
    results = []
    for scores, truth in read_datasets(args.data_file):
        kendall, kendall_seconds = best_time(stats.kendalltau, scores, truth, args.repetitions)
        spearman, spearman_seconds = best_time(stats.spearmanr, scores, truth, args.repetitions)
        results.append({"n": len(scores), "kendall": kendall, "spearman": spearman,
                        "kendall_seconds": kendall_seconds, "spearman_seconds": spearman_seconds})
    print(json.dumps(results))


if __name__ == "__main__":
    main()
