#!/usr/bin/env python3
"""Writes small NASBench-layout HDF5 tables with h5py (not with NASBench) into datasets/fixtures/layout/.

good_table.h5 is a valid version-1 table (synthetic, seeded values) and good_table.json lists what it holds, so
the Swift reader is checked against an independent writer. Each bad_*.h5 breaks one rule of
docs/HDF5_LAYOUT.md. Run: python3 scripts/generate_layout_fixtures.py
"""
import json
import h5py
import numpy as np
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "datasets" / "fixtures" / "layout"
ARCHS = [
    "|nor_conv_3x3~0|+|none~0|nor_conv_3x3~1|+|skip_connect~0|none~1|none~2|",
    "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|",
    "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|",
    "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|",
]


def write(name, archs=ARCHS, version=1, benchmark="tiny-h5py", drop=None, accuracy=None, arch_index=None):
    rng = np.random.default_rng(7)
    accuracy = rng.uniform(10, 95, len(archs)).round(4) if accuracy is None else np.asarray(accuracy, float)
    seeds = rng.uniform(10, 95, (len(archs), 3)).round(4)
    latency = rng.uniform(1, 9, len(archs)).round(4)
    with h5py.File(OUT / name, "w") as f:
        f.attrs["nasbench_layout"] = "nasbench-table"
        f.attrs["layout_version"] = np.int64(version)
        if drop != "benchmark":
            f.attrs["benchmark"] = benchmark
        f.attrs["search_space"] = "nb201"
        f.attrs["source"] = "scripts/generate_layout_fixtures.py (synthetic)"
        group = f.create_group("architectures")
        group.attrs["encoding"] = "nb201-arch-string"
        if drop != "arch":
            group.create_dataset("arch", data=archs, dtype=h5py.string_dtype())
        group.create_dataset("benchmark_index", data=np.arange(100, 100 + len(archs), dtype=np.int64))
        block = f.create_group("metrics/cifar10")
        block.attrs["dataset"] = "cifar10"
        if arch_index is not None:
            block.create_dataset("arch_index", data=np.asarray(arch_index, dtype=np.int64))
        metric = block.create_dataset("test_acc", data=accuracy)
        metric.attrs.update({"role": "ground_truth", "unit": "%", "fidelity_epochs": np.int64(200),
                             "higher_is_better": np.int64(1), "sample_axis": "none"})
        per_seed = block.create_dataset("test_acc_per_seed", data=seeds)
        per_seed.attrs.update({"role": "ground_truth", "unit": "%", "sample_axis": "seed"})
        cost = block.create_dataset("latency", data=latency)
        cost.attrs.update({"role": "cost", "unit": "ms", "higher_is_better": np.int64(0)})
        scores = rng.normal(0, 1, len(archs)).round(6)
        scores[1] = np.nan
        score = block.create_dataset("proxy", data=scores)
        score.attrs.update({"role": "estimator_score", "estimator": "proxy", "settings": '{"batch":"64"}',
                            "seed": np.int64(5)})
    return {"archs": list(archs), "test_acc": accuracy.tolist(), "test_acc_per_seed": seeds.tolist(),
            "latency": latency.tolist(), "proxy": [None if np.isnan(v) else v for v in scores]}


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    expected = write("good_table.h5")
    with open(OUT / "good_table.json", "w") as handle:
        json.dump(expected, handle, indent=1)
    write("bad_layout_version.h5", version=7)
    write("bad_missing_attribute.h5", drop="benchmark")
    write("bad_missing_dataset.h5", drop="arch")
    write("bad_arch_string.h5", archs=ARCHS[:3] + ["|nor_conv_3x3~0|+|none~0|+|none~0|none~1|none~2|"])
    write("bad_duplicate_arch.h5", archs=ARCHS[:3] + [ARCHS[0]])
    write("bad_length_mismatch.h5", arch_index=[0, 1, 2])
    write("bad_nan_ground_truth.h5", accuracy=[50.0, float("nan"), 60.0, 70.0])


if __name__ == "__main__":
    main()
