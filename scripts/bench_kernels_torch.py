#!/usr/bin/env python3
"""PyTorch reference timings for `nasbench bench kernels`.

Times conv2d forward, input gradient and weight gradient (no bias) on the NB201 shapes and a square
SGEMM, on 2 threads by default, reporting the best of `--repeats` runs after a warm-up, in milliseconds
(wall time, or with --clock cpu the calling thread's CPU time, which a busy shared machine does not inflate).
Prints one JSON object: {"torch": version, "threads": n, "results": [{"op", "shape", "ms"}...]}.
The shapes are passed on the command line by the Swift side so both measure exactly the same work.
"""
import argparse
import json
import time

import torch
import torch.nn.functional as F


CLOCK = time.perf_counter


def best_ms(fn, repeats):
    fn()
    fn()
    best = float("inf")
    for _ in range(repeats):
        start = CLOCK()
        fn()
        best = min(best, CLOCK() - start)
    return best * 1e3


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=10)
    parser.add_argument("--conv", action="append", default=[],
                        help="N,C,H,K: batch, channels (in = out), spatial size, kernel (stride 1, same padding)")
    parser.add_argument("--gemm", action="append", default=[], help="M,N,K for C = A @ B")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                        help="wall time, or this thread's CPU time (only meaningful with --threads 1)")
    args = parser.parse_args()
    global CLOCK
    CLOCK = time.thread_time if args.clock == "cpu" else time.perf_counter
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    results = []
    with torch.no_grad():
        for spec in args.conv:
            n, c, h, k = (int(v) for v in spec.split(","))
            x = torch.randn(n, c, h, h)
            w = torch.randn(c, c, k, k)
            pad = k // 2
            y = F.conv2d(x, w, padding=pad)
            gy = torch.randn_like(y)
            results.append({"op": "conv_forward", "shape": spec,
                            "ms": best_ms(lambda: F.conv2d(x, w, padding=pad), args.repeats)})
            results.append({"op": "conv_backward_input", "shape": spec,
                            "ms": best_ms(lambda: torch.nn.grad.conv2d_input(x.shape, w, gy, padding=pad),
                                          args.repeats)})
            results.append({"op": "conv_backward_weight", "shape": spec,
                            "ms": best_ms(lambda: torch.nn.grad.conv2d_weight(x, w.shape, gy, padding=pad),
                                          args.repeats)})
        for spec in args.gemm:
            m, n, k = (int(v) for v in spec.split(","))
            a = torch.randn(m, k)
            b = torch.randn(k, n)
            results.append({"op": "gemm", "shape": spec, "ms": best_ms(lambda: a @ b, args.repeats)})
    print(json.dumps({"torch": torch.__version__, "threads": args.threads, "results": results}))


if __name__ == "__main__":
    main()
