#!/usr/bin/env python3
"""PyTorch side of `nasbench bench network`: NB201 network inference and training throughput, or peak memory.

Uses the reference NB201 network of scripts/generate_network_fixtures.py (float32, CIFAR-10 shape, 10
classes) with torch.set_num_threads(--threads). Prints one JSON object.
  python3 scripts/bench_network_torch.py --arch ARCH --channels 16 --cells 5 --batch 128 --mode inference
  ... --mode training     (SGD step: forward, cross-entropy, backward, update)
  ... --mode memory       (peak resident memory of 3 training steps, in MiB, from getrusage)
"""
import argparse, json, resource, sys, time
from pathlib import Path

import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
from generate_network_fixtures import Network  # noqa: E402


def parse_ops(arch):
    return [token.split("~")[0] for group in arch.split("+") for token in group.strip("|").split("|")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--arch", required=True)
    parser.add_argument("--channels", type=int, default=16)
    parser.add_argument("--cells", type=int, default=5)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--mode", choices=["inference", "training", "memory"], required=True)
    parser.add_argument("--seconds", type=float, default=3.0, help="minimum timed duration")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    network = Network(parse_ops(args.arch), args.channels, args.cells, 10, affine=True)
    x = torch.randn(args.batch, 3, 32, 32)
    labels = torch.randint(0, 10, (args.batch,))
    optimizer = torch.optim.SGD(network.parameters(), lr=0.01, momentum=0.9, nesterov=True, weight_decay=5e-4)

    def inference():
        # inference_mode is PyTorch's fastest path for this (no_grad measured about 4x slower here).
        with torch.inference_mode():
            network(x)

    def training():
        optimizer.zero_grad(set_to_none=True)
        F.cross_entropy(network(x), labels).backward()
        optimizer.step()

    if args.mode == "memory":
        network.train()
        for _ in range(3):
            training()
        print(json.dumps({"peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
        return
    step = inference if args.mode == "inference" else training
    network.eval() if args.mode == "inference" else network.train()
    for _ in range(3):
        step()
    best, elapsed, iterations = float("inf"), 0.0, 0
    while elapsed < args.seconds or iterations < 5:
        start = time.perf_counter()
        step()
        seconds = time.perf_counter() - start
        best, elapsed, iterations = min(best, seconds), elapsed + seconds, iterations + 1
    print(json.dumps({"images_per_second": args.batch / best, "iterations": iterations, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
