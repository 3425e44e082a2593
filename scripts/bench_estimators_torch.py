#!/usr/bin/env python3
"""PyTorch reference implementations of NASBench's zero-cost estimators (REFERENCE.md section 3).

The NAS-Bench-201 network is built the way the reference implementations build it: nn.ReLU modules, every edge
of every cell evaluated (a `none` edge multiplies by zero, so edges whose result cannot reach the output still
run), cell batch norms non-affine, PyTorch's default initialisation. The estimators follow the published
recipes:
  relu_logdet  NASWOT repository (BayesWatch/nas-without-training, score_networks.py): a forward and backward
               pass marks the ReLUs that backward reaches, a second forward accumulates K over those ReLUs,
               score = slogdet(K)[1];
  jacob_cov    zero-cost-nas (SamsungLabs, foresight/pruners/measures/jacob_cov.py): J = d(sum logits)/dx,
               np.corrcoef, np.linalg.eig, -sum(log(l + 1e-5) + 1/(l + 1e-5));
  synflow      zero-cost-nas synflow.py: copy of the network without batch norm, |theta|, float64, input of
               ones [1, C, H, W], sum of outputs backward, sum |theta * grad|;
  snip, grad_norm, plain, fisher, grasp: zero-cost-nas's snip.py, grad_norm.py, plain.py, fisher.py, grasp.py
               (cross-entropy of one batch, batch statistics in batch norm).

Subcommands (all print JSON on stdout):
  bench  --archs FILE --data FILE --estimators relu_logdet,jacob_cov,synflow --threads 2 --repeats 3
         seconds per architecture (network construction included) for each estimator, best of --repeats
         passes over the architecture list, plus every score (to check agreement with NASBench's).
  score  the same arguments; scores only.
The data file is what `nasbench bench estimators` writes: int32 count, int32 channels, int32 height,
int32 width, then count*channels*height*width float32 images (NCHW, already normalised) and count int32 labels.
"""
import argparse
import json
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch import autograd

EDGES = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)]


def parse_arch(text):
    """Ops in edge order from an arch string such as |nor_conv_3x3~0|+|...|."""
    ops = {}
    for target, group in enumerate(text.strip().split("+"), start=1):
        for item in group.strip("|").split("|"):
            op, source = item.split("~")
            ops[(int(source), target)] = op
    return [ops[edge] for edge in EDGES]


def live_edges(ops):
    """Edges on a path from the input to the output through non-none ops (NASBench's `liveEdges`)."""
    reachable = [True, False, False, False]
    for edge, (a, b) in enumerate(EDGES):
        if ops[edge] != "none" and reachable[a]:
            reachable[b] = True
    reaches = [False, False, False, True]
    for edge in reversed(range(6)):
        a, b = EDGES[edge]
        if ops[edge] != "none" and reaches[b]:
            reaches[a] = True
    return [ops[e] != "none" and reachable[EDGES[e][0]] and reaches[EDGES[e][1]] for e in range(6)]


class ReLUConvBN(nn.Module):
    def __init__(self, c_in, c_out, k, stride, affine, use_bn):
        super().__init__()
        self.relu = nn.ReLU(inplace=False)
        self.conv = nn.Conv2d(c_in, c_out, k, stride, (k - 1) // 2, bias=False)
        self.bn = nn.BatchNorm2d(c_out, affine=affine) if use_bn else nn.Identity()

    def forward(self, x):
        return self.bn(self.conv(self.relu(x)))


class Cell(nn.Module):
    def __init__(self, ops, channels, affine, use_bn):
        super().__init__()
        self.ops = ops
        self.units = nn.ModuleDict()
        live = live_edges(ops)
        for edge, op in enumerate(ops):
            if op in ("nor_conv_1x1", "nor_conv_3x3"):
                a, b = EDGES[edge]
                unit = ReLUConvBN(channels, channels, 1 if op.endswith("1x1") else 3, 1, affine, use_bn)
                unit.relu.live = live[edge]
                self.units[f"edge{a}to{b}"] = unit

    def forward(self, x):
        nodes = [x]
        for target in (1, 2, 3):
            total = 0
            for edge, (a, b) in enumerate(EDGES):
                if b != target:
                    continue
                op = self.ops[edge]
                if op == "none":
                    total = total + nodes[a].mul(0.0)
                elif op == "skip_connect":
                    total = total + nodes[a]
                elif op == "avg_pool_3x3":
                    total = total + F.avg_pool2d(nodes[a], 3, 1, 1, count_include_pad=False)
                else:
                    total = total + self.units[f"edge{a}to{b}"](nodes[a])
            nodes.append(total)
        return nodes[3]


class Reduction(nn.Module):
    def __init__(self, c_in, c_out, use_bn):
        super().__init__()
        self.a = ReLUConvBN(c_in, c_out, 3, 2, True, use_bn)
        self.b = ReLUConvBN(c_out, c_out, 3, 1, True, use_bn)
        self.shortcut = nn.Conv2d(c_in, c_out, 1, 1, 0, bias=False)

    def forward(self, x):
        return self.shortcut(F.avg_pool2d(x, 2, 2)) + self.b(self.a(x))


class Network(nn.Module):
    """NB201 network; parameter names map to NASBench's with `named_for_nasbench`."""

    def __init__(self, ops, channels=16, cells=5, classes=10, affine=False, use_bn=True):
        super().__init__()
        self.stem = nn.Module()
        self.stem.conv = nn.Conv2d(3, channels, 3, 1, 1, bias=False)
        self.stem.bn = nn.BatchNorm2d(channels) if use_bn else nn.Identity()
        self.body = nn.ModuleList()
        self.names = []
        for stage in range(3):
            c = channels << stage
            if stage > 0:
                self.body.append(Reduction(c // 2, c, use_bn))
                self.names.append(f"reduction{stage}")
            for index in range(cells):
                self.body.append(Cell(ops, c, affine, use_bn))
                self.names.append(f"stage{stage}.cell{index}")
        self.final = nn.Module()
        self.final.bn = nn.BatchNorm2d(channels * 4) if use_bn else nn.Identity()
        self.final.relu = nn.ReLU(inplace=False)
        self.classifier = nn.Linear(channels * 4, classes)

    def forward(self, x):
        x = self.stem.bn(self.stem.conv(x))
        for block in self.body:
            x = block(x)
        x = self.final.relu(self.final.bn(x))
        return self.classifier(x.mean(dim=(2, 3)))

    def named_for_nasbench(self):
        """(NASBench parameter name, parameter) pairs, in PyTorch's registration order."""
        result = []
        for name, parameter in self.named_parameters():
            parts = name.split(".")
            if parts[0] == "body":
                rest = [p for p in parts[2:] if p != "units"]
                name = ".".join([self.names[int(parts[1])]] + rest)
            result.append((name, parameter))
        return result

    def weights(self):
        """Every Conv2d and Linear weight (what the estimators sum over), in module order."""
        return [m.weight for m in self.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]


def without_batch_norm(net, ops, channels, cells, classes):
    """The network without batch norm, with `net`'s weights (zero-cost-nas's get_prunable_copy(bn=False))."""
    copy = Network(ops, channels, cells, classes, use_bn=False).to(next(net.parameters()).dtype)
    copy.load_state_dict(net.state_dict(), strict=False)
    return copy


def relu_logdet(net, x, relus="all"):
    """NASWOT's hook_logdet. relus: 'all' (the repository's: every ReLU backward reaches, which in NB201 is
    every ReLU, since a none edge multiplies by zero and keeps the graph connected) or 'live' (only ReLUs on
    live edges, reduction blocks and the final ReLU: what NASBench's network evaluates)."""
    batch = x.shape[0]
    kernel = np.zeros((batch, batch))

    def forward_hook(module, inputs, output):
        if not getattr(module, "visited_backwards", False):
            return
        if relus == "live" and not getattr(module, "live", True):
            return
        codes = (inputs[0].reshape(batch, -1) > 0).float()
        nonlocal kernel
        kernel = kernel + (codes @ codes.t()).numpy() + ((1 - codes) @ (1 - codes).t()).numpy()

    def backward_hook(module, grad_input, grad_output):
        module.visited_backwards = True

    handles = []
    for module in net.modules():
        if isinstance(module, nn.ReLU):
            handles.append(module.register_forward_hook(forward_hook))
            handles.append(module.register_full_backward_hook(backward_hook))
    x1 = x.clone().requires_grad_(True)
    net.zero_grad()
    y = net(x1)
    y.backward(torch.ones_like(y))
    with torch.no_grad():
        net(x.clone())
    for handle in handles:
        handle.remove()
    return float(np.linalg.slogdet(kernel)[1])


def jacob_cov(net, x):
    """zero-cost-nas jacob_cov: -sum(log(l + k) + 1/(l + k)) over the eigenvalues of corrcoef(J)."""
    net.zero_grad()
    x1 = x.clone().requires_grad_(True)
    y = net(x1)
    y.backward(torch.ones_like(y))
    jacobian = x1.grad.detach().reshape(x.shape[0], -1).double().numpy()
    eigenvalues, _ = np.linalg.eig(np.corrcoef(jacobian))
    k = 1e-5
    return float(np.real(-np.sum(np.log(eigenvalues + k) + 1.0 / (eigenvalues + k))))


def synflow(net, ops, x, channels, cells, classes):
    """zero-cost-nas synflow: sum |theta * dR/dtheta| of the BN-free float64 network with |theta|, R = sum of
    the outputs for one input of ones."""
    copy = without_batch_norm(net, ops, channels, cells, classes).double()
    with torch.no_grad():
        for tensor in copy.state_dict().values():
            tensor.abs_()
    copy.zero_grad()
    output = copy(torch.ones([1] + list(x.shape[1:]), dtype=torch.float64))
    torch.sum(output).backward()
    return float(sum(float((w.detach() * w.grad).abs().sum()) for w in copy.weights() if w.grad is not None))


def gradient_measures(net, x, labels):
    """snip, grad_norm and plain from one forward/backward of the cross-entropy (zero-cost-nas)."""
    net.zero_grad()
    F.cross_entropy(net(x), labels).backward()
    result = {"snip": 0.0, "grad_norm": 0.0, "plain": 0.0}
    for w in net.weights():
        if w.grad is None:
            continue
        result["snip"] += float((w.detach() * w.grad).abs().sum())
        result["grad_norm"] += float(w.grad.norm())
        result["plain"] += float((w.grad * w.detach()).sum())
    return result


def fisher(net, x, labels):
    """zero-cost-nas fisher: per output channel k of every Conv/Linear, F_k = 0.5 * mean_n (sum_spatial a*delta)^2,
    broadcast over the channel's weights (times in_channels*k*k) and summed."""
    layers = [m for m in net.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    total = [0.0]
    handles = []

    def make_hook(layer):
        def forward_hook(module, inputs, output):
            def gradient_hook(gradient):
                act = output.detach()
                g = gradient.detach()
                g_nk = (act * g).sum(dim=tuple(range(2, act.dim()))) if act.dim() > 2 else act * g
                per_channel = g_nk.pow(2).mean(0).mul(0.5)
                total[0] += float(per_channel.abs().sum()) * (layer.weight[0].numel())
            if output.requires_grad:
                output.register_hook(gradient_hook)
        return forward_hook

    for layer in layers:
        handles.append(layer.register_forward_hook(make_hook(layer)))
    net.zero_grad()
    F.cross_entropy(net(x), labels).backward()
    for handle in handles:
        handle.remove()
    return total[0]


def grasp(net, x, labels):
    """zero-cost-nas grasp: sum(-theta * Hg) with g = dL/dtheta over Conv/Linear weights, Hg from a second
    backward through the gradient."""
    weights = net.weights()
    net.zero_grad()
    first = autograd.grad(F.cross_entropy(net(x), labels), weights, allow_unused=True)
    second = autograd.grad(F.cross_entropy(net(x), labels), weights, create_graph=True, allow_unused=True)
    z = 0
    for g, f in zip(first, second):
        if g is not None and f is not None:
            z = z + (g.detach() * f).sum()
    for w in weights:
        w.grad = None
    z.backward()
    return float(sum((-w.detach() * w.grad).sum() for w in weights if w.grad is not None))


def initialise(net, scheme, generator):
    """'pytorch' keeps the module defaults (zero-cost-nas, NASLib, NASWOT); 'nb201' redraws convolutions
    Kaiming-normal with fan-out as NAS-Bench-201's code does."""
    if scheme == "nb201":
        for m in net.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu", generator=generator)


def score(name, arch, x, labels, args, seed):
    """Builds the network (seeded) and computes one estimator, as a scan would."""
    torch.manual_seed(seed)
    ops = parse_arch(arch)
    net = Network(ops, args.channels, args.cells, args.classes)
    initialise(net, args.init, None)
    net.train()
    if name == "relu_logdet":
        return relu_logdet(net, x, args.relus)
    if name == "jacob_cov":
        return jacob_cov(net, x)
    if name == "synflow":
        return synflow(net, ops, x, args.channels, args.cells, args.classes)
    if name in ("snip", "grad_norm", "plain"):
        return gradient_measures(net, x, labels)[name]
    if name == "fisher":
        return fisher(net, x, labels)
    if name == "grasp":
        return grasp(net, x, labels)
    raise SystemExit(f"unknown estimator {name}")


def read_data(path):
    raw = np.fromfile(path, dtype=np.uint8)
    count, channels, height, width = np.frombuffer(raw[:16].tobytes(), dtype="<i4")
    size = int(count * channels * height * width)
    images = np.frombuffer(raw[16:16 + 4 * size].tobytes(), dtype="<f4").reshape(count, channels, height, width)
    labels = np.frombuffer(raw[16 + 4 * size:16 + 4 * size + 4 * count].tobytes(), dtype="<i4")
    return torch.from_numpy(images.copy()), torch.from_numpy(labels.astype(np.int64))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["bench", "score"])
    parser.add_argument("--archs", required=True, help="file with one arch string per line")
    parser.add_argument("--data", required=True, help="input batch written by nasbench bench estimators")
    parser.add_argument("--estimators", default="relu_logdet,jacob_cov,synflow")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--channels", type=int, default=16)
    parser.add_argument("--cells", type=int, default=5)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--relus", choices=["all", "live"], default="all")
    parser.add_argument("--init", choices=["pytorch", "nb201"], default="pytorch")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    archs = [line.strip() for line in open(args.archs) if line.strip()]
    x, labels = read_data(args.data)
    results = []
    for name in args.estimators.split(","):
        scores = [score(name, arch, x, labels, args, args.seed + i) for i, arch in enumerate(archs[:1])]
        best = float("inf")
        repeats = args.repeats if args.command == "bench" else 1
        for _ in range(repeats):
            start = time.perf_counter()
            scores = [score(name, arch, x, labels, args, args.seed + i) for i, arch in enumerate(archs)]
            best = min(best, time.perf_counter() - start)
        results.append({"estimator": name, "seconds_per_arch": best / len(archs), "scores": scores})
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "results": results}))


if __name__ == "__main__":
    main()
