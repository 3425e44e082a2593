#!/usr/bin/env python3
"""Known values of every zero-cost estimator, computed by the PyTorch reference recipes on tiny NB201 networks.

For each case: a small NB201 network (C=4, N=1, 8x8 inputs, 10 classes, non-affine cell batch norms) in float64
with weights drawn in float32 by torch's generator, a batch of 8 images and labels; then the estimators of
scripts/bench_estimators_torch.py (the zero-cost-nas / NASWOT recipes) on that network. NASBench's tests load
the same weights into its own network by parameter name and compare. relu_logdet is computed twice: over the
ReLUs NASBench's network evaluates ('live', compared exactly) and over every ReLU of the reference network
('all', stored for information). Also stores dense-matrix cases (numpy's slogdet and eigvalsh).

Writes datasets/fixtures/estimators/estimators_reference.h5.
Run: python3 scripts/generate_estimator_fixtures.py   (needs torch, numpy and h5py)
"""
import sys
from pathlib import Path

import h5py
import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_estimators_torch as reference  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "datasets" / "fixtures" / "estimators" / "estimators_reference.h5"
EDGES = reference.EDGES

CASES = [
    ("mixed", ["nor_conv_3x3", "skip_connect", "avg_pool_3x3", "nor_conv_1x1", "none", "nor_conv_3x3"]),
    ("all_conv3x3", ["nor_conv_3x3"] * 6),
    # Edge 0->1 is a convolution whose node reaches the output only through none edges: dead, as are its ReLU
    # and weights; node 2 receives only none, so the conv 2->3 sees zeros.
    ("dangling", ["nor_conv_3x3", "none", "none", "skip_connect", "none", "nor_conv_1x1"]),
    # No path from input to output: K is singular, the Jacobian is zero, synflow is 0.
    ("disconnected", ["nor_conv_3x3", "nor_conv_1x1", "skip_connect", "none", "none", "none"]),
]
CHANNELS, CELLS, SIZE, BATCH, CLASSES = 4, 1, 8, 8, 10


def arch_string(ops):
    return "+".join("|" + "|".join(f"{ops[e]}~{a}" for e, (a, b) in enumerate(EDGES) if b == t) + "|"
                    for t in (1, 2, 3))


def main():
    torch.manual_seed(2021)
    torch.set_num_threads(1)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with h5py.File(OUT, "w") as f:
        f.attrs["generator"] = "scripts/generate_estimator_fixtures.py"
        f.attrs["torch_version"] = str(torch.__version__)
        for name, ops in CASES:
            network = reference.Network(ops, CHANNELS, CELLS, CLASSES).double()
            for _, parameter in network.named_for_nasbench():
                with torch.no_grad():
                    # Drawn in float32 so the stored float32 values are exactly the weights used.
                    parameter.copy_(torch.randn(parameter.shape, dtype=torch.float32).double() * 0.5)
            network.train()
            x = torch.randn(BATCH, 3, SIZE, SIZE, dtype=torch.float32).double()
            labels = torch.randint(0, CLASSES, (BATCH,))
            group = f.create_group(name)
            group.attrs["arch"] = arch_string(ops)
            group.attrs["channels"] = CHANNELS
            group.attrs["cells_per_stage"] = CELLS
            group.create_dataset("input", data=x.numpy().astype(np.float32))
            group.create_dataset("labels", data=labels.numpy().astype(np.int64))
            named = network.named_for_nasbench()
            group.create_dataset("parameter_names", data=[n for n, _ in named], dtype=h5py.string_dtype())
            group.create_dataset("parameter_sizes", data=np.array([p.numel() for _, p in named], dtype=np.int64))
            group.create_dataset("parameters", data=np.concatenate(
                [p.detach().numpy().ravel() for _, p in named]).astype(np.float32))

            kernel = {}
            for relus in ("live", "all"):
                kernel[relus] = np.zeros((BATCH, BATCH))
                def hook(module, inputs, output, relus=relus):
                    if relus == "live" and not getattr(module, "live", True):
                        return
                    codes = (inputs[0].reshape(BATCH, -1) > 0).double()
                    kernel[relus] += (codes @ codes.t() + (1 - codes) @ (1 - codes).t()).numpy()
                handles = [m.register_forward_hook(hook) for m in network.modules() if isinstance(m, torch.nn.ReLU)]
                with torch.no_grad():
                    network(x)
                for handle in handles:
                    handle.remove()
                group.create_dataset(f"relu_kernel_{relus}", data=kernel[relus])
                group.attrs[f"relu_logdet_{relus}"] = float(np.linalg.slogdet(kernel[relus])[1])
            # The NASWOT repository's recipe (forward + backward, then a forward over backward-visited ReLUs)
            # must equal the 'all' kernel: in NB201 backward reaches every ReLU.
            assert abs(reference.relu_logdet(network, x, "all") - group.attrs["relu_logdet_all"]) < 1e-9

            jacobian_summed = jacobian(network, x, None)
            jacobian_label = jacobian(network, x, labels)
            group.create_dataset("jacobian_summed", data=jacobian_summed)
            group.attrs["jacob_cov_summed"] = jacob_cov_or_nan(jacobian_summed)
            group.attrs["jacob_cov_label"] = jacob_cov_or_nan(jacobian_label)
            group.attrs["synflow"] = reference.synflow(network, ops, x, CHANNELS, CELLS, CLASSES)
            measures = reference.gradient_measures(network, x, labels)
            for key in ("snip", "grad_norm", "plain"):
                group.attrs[key] = measures[key]
            group.attrs["fisher"] = reference.fisher(network, x, labels)
            group.attrs["grasp"] = reference.grasp(network, x, labels)

        matrices = f.create_group("matrices")
        generator = np.random.default_rng(7)
        for order in (1, 5, 40, 128):
            a = generator.normal(size=(order, order))
            symmetric = (a + a.T) / 2
            group = matrices.create_group(f"order{order}")
            group.create_dataset("general", data=a)
            group.attrs["general_logabsdet"] = float(np.linalg.slogdet(a)[1])
            group.create_dataset("symmetric", data=symmetric)
            group.create_dataset("symmetric_eigenvalues", data=np.linalg.eigvalsh(symmetric))
        singular = generator.normal(size=(6, 6))
        singular[5] = singular[0] + 2 * singular[1]
        group = matrices.create_group("singular")
        group.create_dataset("general", data=singular)
        group.attrs["general_logabsdet"] = float(np.linalg.slogdet(singular)[1])


def jacobian(network, x, labels):
    """d(sum logits)/dx (labels None) or d(logit of the label)/dx per sample, flattened [B, D]."""
    x1 = x.clone().requires_grad_(True)
    y = network(x1)
    seed = torch.ones_like(y) if labels is None else torch.nn.functional.one_hot(labels, y.shape[1]).double()
    y.backward(seed)
    return x1.grad.detach().reshape(x.shape[0], -1).numpy()


def jacob_cov_or_nan(j):
    """zero-cost-nas's score, NaN where the correlation is undefined (a constant row)."""
    with np.errstate(all="ignore"):
        corrs = np.corrcoef(j)
    if not np.all(np.isfinite(corrs)):
        return float("nan")
    eigenvalues = np.linalg.eigvalsh(corrs)
    k = 1e-5
    return float(-np.sum(np.log(eigenvalues + k) + 1.0 / (eigenvalues + k)))


if __name__ == "__main__":
    main()
