#!/usr/bin/env python3
"""Writes the small HDF5 fixtures that Tests/HDF5Tests read with the Swift HDF5 wrapper.

The files are written by h5py (the writer NAS-Bench tables come from), so the Swift tests check that our reader
understands h5py's choices: numeric arrays of several types and shapes, a per-arch x seed table, variable-length
UTF-8 and fixed-length byte strings, attributes of each kind, nested groups and a gzip-compressed dataset.

Every value is a small formula or literal that the Swift tests restate, and every float is exactly representable,
so the tests can compare with ==. Run from the repository root:

    python3 scripts/generate_hdf5_fixtures.py            # writes datasets/fixtures/hdf5/*.h5

Re-running with the same h5py/HDF5 versions reproduces the files byte for byte (HDF5 stores no timestamps by
default); other library versions may lay the same content out differently.
"""

import argparse
import pathlib

import h5py
import numpy as np

DEFAULT_OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "datasets" / "fixtures" / "hdf5"

# Five NAS-Bench-201 cells (arch strings) and three training seeds, as the benchmark tables index them.
ARCHS = [
    "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_3x3~2|",
    "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|",
    "|skip_connect~0|+|skip_connect~0|skip_connect~1|+|skip_connect~0|skip_connect~1|skip_connect~2|",
    "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|",
    "|nor_conv_1x1~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|none~0|nor_conv_3x3~1|nor_conv_1x1~2|",
]
SEEDS = [777, 888, 999]


def write_numeric(path: pathlib.Path) -> None:
    """Numeric arrays: one per element type the wrapper supports, in 0-D to 3-D shapes."""
    with h5py.File(path, "w") as f:
        # float64, 1-D: -1.0, -0.75, ..., 1.0 (9 values, step 0.25).
        f.create_dataset("float64_1d", data=np.arange(9, dtype=np.float64) * 0.25 - 1.0)
        # float32, 2-D 3x4: i * 0.5 in row-major order.
        f.create_dataset("float32_2d", data=(np.arange(12, dtype=np.float32) * 0.5).reshape(3, 4))
        # int64, 3-D 2x3x4: i * 1_000_000_007 - 5 (exceeds the int32 range).
        f.create_dataset("int64_3d", data=(np.arange(24, dtype=np.int64) * 1_000_000_007 - 5).reshape(2, 3, 4))
        # int32, 1-D: explicit values including the extremes.
        f.create_dataset("int32_1d", data=np.array([-2147483648, -1, 0, 1, 2147483647], dtype=np.int32))
        # uint8, 2-D 2x5: 0, 25, ..., 225 (i * 25).
        f.create_dataset("uint8_2d", data=(np.arange(10, dtype=np.uint8) * 25).reshape(2, 5))
        # int16, 1-D: read back through HDF5's conversion into wider types.
        f.create_dataset("int16_1d", data=np.array([-300, 0, 300], dtype=np.int16))
        # A 0-D (scalar) float64 dataset.
        f.create_dataset("scalar_float64", data=np.float64(3.5))
        # An empty 1-D float64 dataset.
        f.create_dataset("empty_float64", data=np.zeros((0,), dtype=np.float64))
        # gzip level 6, chunks 10x10, over a 20x20 int32 grid of i % 7 (compresses well).
        f.create_dataset(
            "compressed/int32_grid",
            data=(np.arange(400, dtype=np.int32) % 7).reshape(20, 20),
            chunks=(10, 10),
            compression="gzip",
            compression_opts=6,
        )


def write_strings(path: pathlib.Path) -> None:
    """String arrays: variable-length UTF-8 (h5py.string_dtype()) and fixed-length bytes (np.bytes_)."""
    with h5py.File(path, "w") as f:
        vlen = h5py.string_dtype()  # variable-length, UTF-8
        f.create_dataset("vlen_1d", data=np.array(["alpha", "", "naïve", "ψ-space", "🙂 ok"], dtype=vlen))
        f.create_dataset("vlen_2d", data=np.array([["a", "bb", "ccc"], ["dddd", "eeeee", "ffffff"]], dtype=vlen))
        f.create_dataset("vlen_scalar", data="single string", dtype=vlen)
        # np.bytes_ arrays become fixed-length, null-padded, ASCII strings of the longest element's size (S8).
        f.create_dataset("fixed_1d", data=np.array([b"cifar10", b"cifar100", b"", b"x"], dtype="S8"))
        f.create_dataset("fixed_2d", data=np.array([[b"ab", b"c"], [b"def", b"gh"]], dtype="S3"))
        f.create_dataset("numbers", data=np.array([1.0, 2.0]))  # a numeric dataset, to read as strings (error)


def write_benchmark(path: pathlib.Path) -> None:
    """A miniature NAS-Bench table: nested groups, a per-arch x seed array and attributes of each kind."""
    with h5py.File(path, "w") as f:
        f.attrs["format_version"] = np.int64(2)
        f.attrs["description"] = "NASBench HDF5 fixture"  # str -> variable-length UTF-8 scalar
        f.attrs["epochs"] = np.array([12, 200], dtype=np.int64)
        f.attrs["learning_rate"] = 0.1
        f.attrs["loss_weights"] = np.array([0.5, 0.25, 0.125])
        f.attrs["splits"] = np.array(["train", "valid", "test"], dtype=h5py.string_dtype())
        f.attrs["fixed_label"] = np.bytes_(b"nb201")  # fixed-length (S5) scalar
        f.attrs["int32_value"] = np.int32(-42)

        f.create_dataset("archs", data=np.array(ARCHS, dtype=h5py.string_dtype()))
        f.create_dataset("seeds", data=np.array(SEEDS, dtype=np.int64))

        for index, (name, classes) in enumerate([("cifar10", 10), ("cifar100", 100)]):
            metrics = f.create_group(f"datasets/{name}/metrics")
            f[f"datasets/{name}"].attrs["num_classes"] = np.int64(classes)
            # valid accuracy[arch][seed] = 50 + 5 * arch + 0.125 * seed_index + 10 * dataset_index
            accuracy = np.array(
                [[50.0 + 5 * a + 0.125 * s + 10 * index for s in range(len(SEEDS))] for a in range(len(ARCHS))]
            )
            ds = metrics.create_dataset("valid_accuracy", data=accuracy)
            ds.attrs["units"] = "percent"
            ds.attrs["epoch"] = np.int64(199)
            # train time[arch][seed] = 100 * (arch + 1) + seed_index, float32.
            times = np.array(
                [[100.0 * (a + 1) + s for s in range(len(SEEDS))] for a in range(len(ARCHS))], dtype=np.float32
            )
            metrics.create_dataset("train_time", data=times)
        f.create_group("empty_group")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=pathlib.Path, default=DEFAULT_OUTPUT, help="folder for the .h5 files")
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    for name, writer in [("numeric.h5", write_numeric), ("strings.h5", write_strings),
                         ("benchmark.h5", write_benchmark)]:
        target = args.output / name
        writer(target)
        print(f"wrote {target} ({target.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
