#!/usr/bin/env python3
"""Writes a small synthetic NASLib zero-cost JSON file and, independently, the arch strings its keys denote.

Output: datasets/fixtures/naslib/zc_nb201_tiny.json and zc_nb201_tiny_expected.csv. The values are random
(seeded), not published data; the file exercises NaN and -Infinity scores, two datasets and partial overlap.
Run: python3 scripts/generate_naslib_fixture.py
"""
import csv, json, random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "datasets" / "fixtures" / "naslib"
NASLIB_OPS = ["skip_connect", "none", "nor_conv_3x3", "nor_conv_1x1", "avg_pool_3x3"]
NASLIB_EDGES = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]
PROXIES = ["synflow", "nwot", "jacov"]


def arch_string(key):
    op_on = {edge: NASLIB_OPS[index] for edge, index in zip(NASLIB_EDGES, key)}
    groups = ["|" + "|".join(f"{op_on[(source, target)]}~{source}" for source in range(target)) + "|"
              for target in (1, 2, 3)]
    return "+".join(groups)


def main():
    rng = random.Random(20261124)
    keys = sorted({tuple(rng.randrange(5) for _ in range(6)) for _ in range(12)})
    document, expected = {}, []
    for dataset, members in [("cifar10", keys[:10]), ("ImageNet16-120", keys[4:])]:
        entries = {}
        for number, key in enumerate(members):
            entry = {"id": keys.index(key), "val_accuracy": round(rng.uniform(10, 95), 4)}
            for proxy in PROXIES:
                score = round(rng.gauss(0, 100), 6)
                if proxy == "synflow" and number == 1:
                    score = float("nan")
                if proxy == "nwot" and number == 2:
                    score = float("-inf")
                entry[proxy] = {"score": score, "time": round(rng.uniform(0.01, 1), 5)}
            entries[str(key)] = entry
            expected.append([dataset, str(key), arch_string(key), entry["val_accuracy"]]
                            + [entry[p]["score"] for p in PROXIES])
        document[dataset] = entries
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "zc_nb201_tiny.json", "w") as handle:
        json.dump(document, handle, indent=1)
    with open(OUT / "zc_nb201_tiny_expected.csv", "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["dataset", "naslib_key", "arch_str", "val_accuracy"] + PROXIES)
        writer.writerows(expected)


if __name__ == "__main__":
    main()
