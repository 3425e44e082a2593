#!/usr/bin/env python3
"""PyTorch reference for the NB201 network: logits, loss and every gradient for fixed weights and inputs.

Builds NAS-Bench-201's network (REFERENCE section 1) in PyTorch with the parameter names NASBench uses, draws
weights and a batch with torch's generator, runs one training-mode forward/backward (batch statistics in BN,
mean softmax cross-entropy), and writes everything to datasets/fixtures/networks/nb201_reference.h5 (per case: input, labels, logits, loss,
and every parameter and gradient as one flat array in `parameter_names` order, `parameter_sizes` long each).
Run: python3 scripts/generate_network_fixtures.py   (needs torch and h5py)
"""
from pathlib import Path
import h5py
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

OUT = Path(__file__).resolve().parent.parent / "datasets" / "fixtures" / "networks" / "nb201_reference.h5"
EDGES = [(0, 1), (0, 2), (1, 2), (0, 3), (1, 3), (2, 3)]


class ReLUConvBN(nn.Module):
    def __init__(self, c_in, c_out, k, stride, affine):
        super().__init__()
        self.conv = nn.Conv2d(c_in, c_out, k, stride, (k - 1) // 2, bias=False)
        self.bn = nn.BatchNorm2d(c_out, affine=affine)

    def forward(self, x):
        return self.bn(self.conv(F.relu(x)))


class Cell(nn.Module):
    def __init__(self, ops, channels, affine):
        super().__init__()
        self.ops = ops
        self.units = nn.ModuleDict()
        for edge, op in enumerate(ops):
            if op in ("nor_conv_1x1", "nor_conv_3x3"):
                a, b = EDGES[edge]
                self.units[f"edge{a}to{b}"] = ReLUConvBN(channels, channels, 1 if op.endswith("1x1") else 3, 1, affine)

    def forward(self, x):
        nodes = [x]
        for target in (1, 2, 3):
            total = 0
            for edge, (a, b) in enumerate(EDGES):
                if b != target:
                    continue
                op = self.ops[edge]
                if op == "none":
                    total = total + nodes[a] * 0
                elif op == "skip_connect":
                    total = total + nodes[a]
                elif op == "avg_pool_3x3":
                    total = total + F.avg_pool2d(nodes[a], 3, 1, 1, count_include_pad=False)
                else:
                    total = total + self.units[f"edge{a}to{b}"](nodes[a])
            nodes.append(total)
        return nodes[3]


class Reduction(nn.Module):
    def __init__(self, c_in, c_out):
        super().__init__()
        self.a = ReLUConvBN(c_in, c_out, 3, 2, True)
        self.b = ReLUConvBN(c_out, c_out, 3, 1, True)
        self.shortcut = nn.Conv2d(c_in, c_out, 1, 1, 0, bias=False)

    def forward(self, x):
        return self.shortcut(F.avg_pool2d(x, 2, 2)) + self.b(self.a(x))


class Network(nn.Module):
    def __init__(self, ops, channels, cells, classes, affine):
        super().__init__()
        self.stem = nn.Module()
        self.stem.conv = nn.Conv2d(3, channels, 3, 1, 1, bias=False)
        self.stem.bn = nn.BatchNorm2d(channels)
        self.body = nn.ModuleList()
        self.names = []
        for stage in range(3):
            c = channels << stage
            if stage > 0:
                self.body.append(Reduction(c // 2, c))
                self.names.append(f"reduction{stage}")
            for index in range(cells):
                self.body.append(Cell(ops, c, affine))
                self.names.append(f"stage{stage}.cell{index}")
        self.final = nn.Module()
        self.final.bn = nn.BatchNorm2d(channels * 4)
        self.classifier = nn.Linear(channels * 4, classes)

    def forward(self, x):
        x = self.stem.bn(self.stem.conv(x))
        for block in self.body:
            x = block(x)
        x = F.relu(self.final.bn(x))
        return self.classifier(x.mean(dim=(2, 3)))

    def named_for_nasbench(self):
        """(NASBench name, parameter) pairs."""
        result = []
        for name, parameter in self.named_parameters():
            parts = name.split(".")
            if parts[0] == "body":
                block = self.names[int(parts[1])]
                rest = [p for p in parts[2:] if p != "units"]
                name = ".".join([block] + rest)
            result.append((name, parameter))
        return result


CASES = [
    ("mixed", ["nor_conv_3x3", "skip_connect", "avg_pool_3x3", "nor_conv_1x1", "none", "nor_conv_3x3"], True),
    ("all_conv3x3_nonaffine", ["nor_conv_3x3"] * 6, False),
    ("dangling", ["nor_conv_3x3", "none", "nor_conv_3x3", "skip_connect", "none", "none"], True),
]


def main():
    torch.manual_seed(201)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with h5py.File(OUT, "w") as f:
        f.attrs["generator"] = "scripts/generate_network_fixtures.py"
        f.attrs["torch_version"] = str(torch.__version__)
        for name, ops, affine in CASES:
            network = Network(ops, channels=2, cells=1, classes=10, affine=affine).double()
            for _, parameter in network.named_for_nasbench():
                with torch.no_grad():
                    # Drawn in float32 so the stored float32 values are exactly the weights used.
                    parameter.copy_(torch.randn(parameter.shape, dtype=torch.float32).double() * 0.5)
            x = torch.randn(4, 3, 8, 8, dtype=torch.float32).double()
            labels = torch.tensor([3, 1, 4, 1])
            network.train()
            logits = network(x)
            loss = F.cross_entropy(logits, labels)
            loss.backward()
            group = f.create_group(name)
            group.attrs["arch"] = "+".join("|" + "|".join(f"{ops[e]}~{a}" for e, (a, b) in enumerate(EDGES) if b == t) + "|" for t in (1, 2, 3))
            group.attrs["cell_bn_affine"] = int(affine)
            group.attrs["channels"] = 2
            group.attrs["cells_per_stage"] = 1
            group.create_dataset("input", data=x.numpy().astype(np.float32))
            group.create_dataset("labels", data=labels.numpy().astype(np.int64))
            group.create_dataset("logits", data=logits.detach().numpy())
            group.create_dataset("loss", data=np.array([loss.item()]))
            named = network.named_for_nasbench()
            group.create_dataset("parameter_names", data=[n for n, _ in named], dtype=h5py.string_dtype())
            group.create_dataset("parameter_sizes", data=np.array([p.numel() for _, p in named], dtype=np.int64))
            group.create_dataset("parameters", data=np.concatenate([p.detach().numpy().ravel() for _, p in named]).astype(np.float32))
            group.create_dataset("gradients", data=np.concatenate([
                (p.grad if p.grad is not None else torch.zeros_like(p)).numpy().ravel() for _, p in named]))


if __name__ == "__main__":
    main()
