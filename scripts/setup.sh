#!/usr/bin/env bash
# Sets up a fresh Debian machine for NASBench, builds the release binary and runs the main job.
#   bash scripts/setup.sh              install, build, run the main job
#   bash scripts/setup.sh --deps-only  install the system and Python packages only (what the tests need)
#   bash scripts/setup.sh --bench      also install PyTorch (CPU), which the benchmarks compare against
set -euo pipefail
cd "$(dirname "$0")/.."

deps_only=false
with_torch=false
for argument in "$@"; do
    case "$argument" in
        --deps-only) deps_only=true ;;
        --bench) with_torch=true ;;
        *) echo "setup.sh: unknown option '$argument'" >&2; exit 2 ;;
    esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

debian_packages=(libhdf5-dev hdf5-tools libsqlite3-dev sqlite3 pkg-config dataset-fashion-mnist)
missing=()
for package in "${debian_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}" >&2
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python_modules=(numpy scipy h5py nbformat pandas)
for module in "${python_modules[@]}"; do
    python3 -c "import $module" 2>/dev/null || python3 -m pip install -q "$module"
done
if $with_torch; then
    python3 -c "import torch" 2>/dev/null || python3 -m pip install -q "torch==2.13.0+cpu" \
        || python3 -m pip install -q torch
fi
$deps_only && exit 0

swift build -c release --product nasbench
bin=.build/release/nasbench
mkdir -p reports
"$bin" space info nb201
"$bin" space list nb201 --unique --dataset cifar10 --format csv > reports/nb201_unique_cifar10.csv
echo "main job: wrote reports/nb201_unique_cifar10.csv ($(($(wc -l < reports/nb201_unique_cifar10.csv) - 1)) classes)" >&2
