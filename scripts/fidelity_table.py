#!/usr/bin/env python3
"""Fidelity of our zero-cost estimators against the published NB201 zero-cost scores (docs/FIDELITY.md).

Usage: scripts/fidelity_table.py DATABASE [--dataset cifar10] [--data DIR]

DATABASE is a NASBench SQLite database (docs/STORE.md) holding estimator runs written by `nasbench score`.
For every run of an estimator that has a published counterpart, on the rows of
nb201/zero_cost_reference_725.csv for the dataset, the script prints one Markdown row with
  - Spearman rho between our score and the published column (relu_logdet->nwot, jacob_cov->jacov, ...),
  - our rho vs the published `val_accuracy` beside the published column's rho vs `val_accuracy`,
  - the same two against the 200-epoch test accuracy of nb201/nb201_accuracy_latency.csv,
  - counts of scored, failed and absent architectures,
then one row per run with its settings JSON.

Missing values: a failure row of ours (value NULL, failure set), a non-finite value, an architecture the run
did not score, and a published sentinel (-1e8, NaN, +-inf) are all missing. Every correlation of a row is
computed on the SAME architectures: those where both our score and the published score are present, so that
"ours vs accuracy" and "published vs accuracy" differ only by the estimator. The counts of what was dropped are
printed under the table.

Reference data: --data, else $NASBENCH_REFERENCE_DATA, else ../shared/data relative to the repository root.
The script reads the reference data and the database; it writes nothing.
"""
import argparse
import json
import math
import os
import sqlite3
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

# Our estimator id -> the published column of zero_cost_reference_725.csv.
PUBLISHED = {
    "relu_logdet": "nwot",
    "jacob_cov": "jacov",
    "synflow": "synflow",
    "snip": "snip",
    "grad_norm": "grad_norm",
    "grasp": "grasp",
    "fisher": "fisher",
    "plain": "plain",
}
ORDER = list(PUBLISHED)
SENTINEL = -1e8
REFERENCE_DATASET = {"cifar10": "cifar10", "cifar100": "cifar100", "imagenet16-120": "ImageNet16-120"}
TEST_ACCURACY = {
    "cifar10": "cifar10_test_acc_200ep_mean",
    "cifar100": "cifar100_test_acc_200ep_mean",
    "imagenet16-120": "imagenet16_120_test_acc_200ep_mean",
}


def reference_directory(explicit):
    if explicit:
        return Path(explicit)
    override = os.environ.get("NASBENCH_REFERENCE_DATA")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def usable(values):
    """True where a value is a real number: not NaN, not infinite, not the published -1e8 sentinel."""
    values = pd.to_numeric(values, errors="coerce")
    return values.notna() & np.isfinite(values) & (values != SENTINEL)


def rho(a, b):
    if len(a) < 3:
        return math.nan
    return spearmanr(a, b).statistic


def fmt(value):
    return "n/a" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.3f}"


def load_reference(data, dataset):
    zero_cost = data / "nb201" / "zero_cost_reference_725.csv"
    accuracy = data / "nb201" / "nb201_accuracy_latency.csv"
    for path in (zero_cost, accuracy):
        if not path.exists():
            sys.exit(f"error: {path}: reference data not found (use --data or set NASBENCH_REFERENCE_DATA)")
    reference = pd.read_csv(zero_cost)
    reference = reference[reference["dataset"] == REFERENCE_DATASET[dataset]].set_index("arch_str")
    if reference.index.has_duplicates:
        sys.exit(f"error: {zero_cost}: duplicate architectures for {dataset}")
    test = pd.read_csv(accuracy, usecols=["arch_str", TEST_ACCURACY[dataset]]).set_index("arch_str")[TEST_ACCURACY[dataset]]
    missing = reference.index.difference(test.index)
    if len(missing):
        sys.exit(f"error: {accuracy}: {len(missing)} reference architectures have no test accuracy, e.g. {missing[0]}")
    reference["test_acc"] = test.loc[reference.index].values
    return reference


def load_runs(database, dataset):
    if not Path(database).exists():
        sys.exit(f"error: {database}: no such database")
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    runs = pd.read_sql(
        """SELECT r.id, r.estimator, r.settings FROM estimator_run r
           JOIN dataset d ON d.id = r.dataset_id
           WHERE d.name = ? AND r.search_space = 'nb201' ORDER BY r.id""",
        connection, params=(dataset,))
    scores = pd.read_sql(
        """SELECT s.run_id, a.arch, s.value, s.failure FROM score s
           JOIN architecture a ON a.id = s.architecture_id""",
        connection)
    connection.close()
    return runs, scores


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("database", help="NASBench SQLite database with estimator runs")
    parser.add_argument("--dataset", default="cifar10", choices=sorted(REFERENCE_DATASET))
    parser.add_argument("--data", help="reference data folder (default: $NASBENCH_REFERENCE_DATA or ../shared/data)")
    arguments = parser.parse_args()

    reference = load_reference(reference_directory(arguments.data), arguments.dataset)
    runs, scores = load_runs(arguments.database, arguments.dataset)
    runs = runs[runs["estimator"].isin(PUBLISHED)]
    runs = runs.assign(order=runs["estimator"].map(ORDER.index)).sort_values(["order", "id"])
    if runs.empty:
        sys.exit(f"error: {arguments.database}: no run of {', '.join(ORDER)} on {arguments.dataset}")

    n_reference = len(reference)
    print(f"Spearman rho on the {n_reference} {arguments.dataset} architectures of zero_cost_reference_725.csv; "
          "every rho of a row uses the architectures where both our and the published score are present (n).")
    print()
    print("| run | ours | published | scored | failed | absent | n | ρ(ours, published) "
          "| ρ(ours, val acc) | ρ(published, val acc) | ρ(ours, test acc 200ep) | ρ(published, test acc 200ep) |")
    print("| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    notes = []
    for run in runs.itertuples():
        column = PUBLISHED[run.estimator]
        mine = scores[scores["run_id"] == run.id].set_index("arch")
        outside = mine.index.difference(reference.index)
        mine = mine.reindex(reference.index)
        stored = mine["value"].notna() | mine["failure"].notna()
        failed = mine["failure"].notna()
        nonfinite = mine["value"].notna() & ~usable(mine["value"])
        ours_ok = mine["value"].notna() & usable(mine["value"])
        published_ok = usable(reference[column])
        both = ours_ok & published_ok
        ours = mine.loc[both, "value"].astype(float)
        published = reference.loc[both, column].astype(float)
        val = reference.loc[both, "val_accuracy"]
        test = reference.loc[both, "test_acc"]
        print(f"| {run.id} | {run.estimator} | {column} | {int(ours_ok.sum())} | {int(failed.sum() + nonfinite.sum())} "
              f"| {int((~stored).sum())} | {int(both.sum())} | {fmt(rho(ours, published))} "
              f"| {fmt(rho(ours, val))} | {fmt(rho(published, val))} | {fmt(rho(ours, test))} | {fmt(rho(published, test))} |")
        dropped = []
        if failed.any():
            reasons = mine.loc[failed, "failure"].value_counts()
            dropped.append(f"{int(failed.sum())} failed ("
                           + "; ".join(f"{count}× {reason}" for reason, count in reasons.items()) + ")")
        if nonfinite.any():
            dropped.append(f"{int(nonfinite.sum())} non-finite stored values")
        if (~stored).any():
            dropped.append(f"{int((~stored).sum())} not scored in this run")
        bad = reference.loc[~published_ok, column]
        if len(bad):
            kinds = ", ".join(sorted({"NaN" if pd.isna(v) else ("-1e8" if v == SENTINEL else str(v)) for v in bad}))
            dropped.append(f"{len(bad)} published {column} missing ({kinds})")
        if len(outside):
            dropped.append(f"{len(outside)} scored architectures outside the reference set ignored")
        notes.append(f"- run {run.id} ({run.estimator}): n = {int(both.sum())} of {n_reference}"
                     + (f"; dropped: {'; '.join(dropped)}" if dropped else "; nothing dropped"))

    print()
    print("Missing values (failures, non-finite values, published sentinels -1e8/NaN/inf) are dropped:")
    print()
    print("\n".join(notes))
    print()
    print("| run | ours | settings |")
    print("| ---: | --- | --- |")
    for run in runs.itertuples():
        settings = json.dumps(json.loads(run.settings), sort_keys=True, separators=(",", ":"))
        print(f"| {run.id} | {run.estimator} | `{settings}` |")


if __name__ == "__main__":
    main()
