#!/usr/bin/env python3
"""Generates the PyTorch reference fixtures of the tensor engine's tests.

Writes datasets/fixtures/engine/<case>.json, one file per case; each holds named tensors as
{"shape": [...], "data": [...]} (row-major, float64 values) plus scalar settings. Inputs are drawn from
torch.manual_seed(20260101 + case index), so re-running reproduces the files exactly.
Usage: python3 scripts/generate_engine_fixtures.py [output_dir]
"""
import json
import math
import os
import sys

import torch
import torch.nn.functional as F

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "datasets", "fixtures", "engine")


def tensor(t):
    t = t.detach().to(torch.float64)
    return {"shape": list(t.shape), "data": [float(f"{v:.10g}") for v in t.reshape(-1).tolist()]}


def save(name, payload):
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name + ".json"), "w") as f:
        json.dump(payload, f, separators=(",", ":"))


def conv_case(index, n, cin, h, w, cout, k, stride, padding):
    torch.manual_seed(20260101 + index)
    x = torch.randn(n, cin, h, w, requires_grad=True)
    weight = torch.randn(cout, cin, k, k, requires_grad=True)
    y = F.conv2d(x, weight, stride=stride, padding=padding)
    g = torch.randn_like(y)
    y.backward(g)
    return {"stride": stride, "padding": padding, "x": tensor(x), "weight": tensor(weight), "y": tensor(y),
            "g": tensor(g), "dx": tensor(x.grad), "dweight": tensor(weight.grad)}


def batchnorm_case(index, affine, training):
    torch.manual_seed(20260101 + index)
    bn = torch.nn.BatchNorm2d(3, affine=affine, momentum=0.1, eps=1e-5)
    if affine:
        with torch.no_grad():
            bn.weight.copy_(torch.randn(3))
            bn.bias.copy_(torch.randn(3))
    if not training:
        with torch.no_grad():
            bn.running_mean.copy_(torch.randn(3))
            bn.running_var.copy_(torch.rand(3) + 0.5)
    bn.train(training)
    x = (torch.randn(4, 3, 5, 5) * 2 + 0.5).requires_grad_(True)
    running_mean_before = bn.running_mean.clone()
    running_var_before = bn.running_var.clone()
    y = bn(x)
    g = torch.randn_like(y)
    y.backward(g)
    case = {"affine": affine, "training": training, "x": tensor(x), "y": tensor(y), "g": tensor(g),
            "dx": tensor(x.grad), "running_mean_before": tensor(running_mean_before),
            "running_var_before": tensor(running_var_before), "running_mean": tensor(bn.running_mean),
            "running_var": tensor(bn.running_var)}
    if affine:
        case.update({"weight": tensor(bn.weight), "bias": tensor(bn.bias), "dweight": tensor(bn.weight.grad),
                     "dbias": tensor(bn.bias.grad)})
    return case


def pool_case(index, shape, kernel, stride, padding, count_include_pad):
    torch.manual_seed(20260101 + index)
    x = torch.randn(*shape, requires_grad=True)
    y = F.avg_pool2d(x, kernel, stride, padding, count_include_pad=count_include_pad)
    g = torch.randn_like(y)
    y.backward(g)
    return {"kernel": kernel, "stride": stride, "padding": padding, "count_include_pad": count_include_pad,
            "x": tensor(x), "y": tensor(y), "g": tensor(g), "dx": tensor(x.grad)}


def unary_case(index, shape, fn):
    torch.manual_seed(20260101 + index)
    x = torch.randn(*shape, requires_grad=True)
    y = fn(x)
    g = torch.randn_like(y)
    y.backward(g)
    return {"x": tensor(x), "y": tensor(y), "g": tensor(g), "dx": tensor(x.grad)}


def linear_case(index):
    torch.manual_seed(20260101 + index)
    x = torch.randn(5, 7, requires_grad=True)
    weight = torch.randn(4, 7, requires_grad=True)
    bias = torch.randn(4, requires_grad=True)
    y = F.linear(x, weight, bias)
    g = torch.randn_like(y)
    y.backward(g)
    return {"x": tensor(x), "weight": tensor(weight), "bias": tensor(bias), "y": tensor(y), "g": tensor(g),
            "dx": tensor(x.grad), "dweight": tensor(weight.grad), "dbias": tensor(bias.grad)}


def cross_entropy_case(index):
    torch.manual_seed(20260101 + index)
    logits = (torch.randn(6, 5) * 3).requires_grad_(True)
    labels = torch.randint(0, 5, (6,))
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    return {"logits": tensor(logits), "labels": labels.tolist(), "loss": loss.item(), "dlogits": tensor(logits.grad)}


def network_hvp_case(index):
    """A small float64 network (conv-BN-ReLU-avgpool-conv1x1-BN-globalpool-linear-CE, BN in training mode)
    with its gradient and the Hessian-vector product H·v from PyTorch's double backward."""
    torch.manual_seed(20260101 + index)
    dt = torch.float64
    x = torch.randn(4, 3, 6, 6, dtype=dt)
    labels = torch.randint(0, 5, (4,))
    conv1 = torch.randn(4, 3, 3, 3, dtype=dt) * 0.5
    gamma = torch.rand(4, dtype=dt) + 0.5
    beta = torch.randn(4, dtype=dt) * 0.1
    conv2 = torch.randn(6, 4, 1, 1, dtype=dt) * 0.5
    fc_w = torch.randn(5, 6, dtype=dt) * 0.5
    fc_b = torch.randn(5, dtype=dt) * 0.1
    params = [conv1, gamma, beta, conv2, fc_w, fc_b]
    for p in params:
        p.requires_grad_(True)

    def loss_fn():
        h = F.conv2d(x, conv1, padding=1)
        h = F.batch_norm(h, None, None, gamma, beta, training=True, eps=1e-5)
        h = F.relu(h)
        h = F.avg_pool2d(h, 3, 1, 1, count_include_pad=False)
        h = F.conv2d(h, conv2)
        h = F.batch_norm(h, None, None, None, None, training=True, eps=1e-5)
        h = h.mean(dim=(2, 3))
        return F.cross_entropy(F.linear(h, fc_w, fc_b), labels)

    loss = loss_fn()
    grads = torch.autograd.grad(loss, params, create_graph=True)
    vectors = [torch.randn_like(p) for p in params]
    dot = sum((g * v).sum() for g, v in zip(grads, vectors))
    hvp = torch.autograd.grad(dot, params)
    names = ["conv1", "gamma", "beta", "conv2", "fc_w", "fc_b"]
    case = {"x": tensor(x), "labels": labels.tolist(), "loss": loss.item()}
    for name, p, g, v, h in zip(names, params, grads, vectors, hvp):
        case[name] = tensor(p)
        case["grad_" + name] = tensor(g)
        case["v_" + name] = tensor(v)
        case["hvp_" + name] = tensor(h)
    return case


def optimizer_case(index):
    torch.manual_seed(20260101 + index)
    start = torch.randn(6)
    grads = [torch.randn(6) for _ in range(4)]
    case = {"start": tensor(start), "grads": [tensor(g) for g in grads]}
    settings = {
        "sgd_momentum": dict(kind="sgd", lr=0.1, momentum=0.9, weight_decay=5e-4, nesterov=False),
        "sgd_nesterov": dict(kind="sgd", lr=0.05, momentum=0.9, weight_decay=5e-4, nesterov=True),
        "sgd_plain": dict(kind="sgd", lr=0.2, momentum=0.0, weight_decay=0.0, nesterov=False),
        "adam": dict(kind="adam", lr=0.01, weight_decay=0.0),
        "adam_decay": dict(kind="adam", lr=0.01, weight_decay=1e-2),
    }
    for name, s in settings.items():
        p = torch.nn.Parameter(start.clone())
        if s["kind"] == "sgd":
            opt = torch.optim.SGD([p], lr=s["lr"], momentum=s["momentum"], weight_decay=s["weight_decay"],
                                  nesterov=s["nesterov"])
        else:
            opt = torch.optim.Adam([p], lr=s["lr"], weight_decay=s["weight_decay"])
        trajectory = []
        for g in grads:
            p.grad = g.clone()
            opt.step()
            trajectory.append(tensor(p))
        case[name] = {"settings": s, "trajectory": trajectory}
    # Cosine schedule: CosineAnnealingLR(T_max=10, eta_min=0.001) from lr 0.1 over 12 steps.
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=0.1)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=10, eta_min=0.001)
    lrs = []
    for _ in range(11):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    case["cosine"] = {"base": 0.1, "minimum": 0.001, "total": 10, "rates": lrs}
    # Gradient clipping over two parameters.
    a = torch.nn.Parameter(torch.zeros(3))
    b = torch.nn.Parameter(torch.zeros(2, 2))
    a.grad = torch.randn(3) * 3
    b.grad = torch.randn(2, 2) * 3
    before = [tensor(a.grad), tensor(b.grad)]
    norm = torch.nn.utils.clip_grad_norm_([a, b], max_norm=1.5)
    case["clip"] = {"max_norm": 1.5, "grads": before, "norm": norm.item(), "clipped": [tensor(a.grad), tensor(b.grad)]}
    return case


def main():
    torch.set_default_dtype(torch.float32)
    cases = [
        ("conv3x3_s1_p1", lambda i: conv_case(i, 2, 3, 6, 6, 4, 3, 1, 1)),
        ("conv3x3_s1_p1_wide", lambda i: conv_case(i, 1, 2, 16, 16, 17, 3, 1, 1)),
        ("conv3x3_s1_p1_8x8", lambda i: conv_case(i, 2, 3, 8, 8, 16, 3, 1, 1)),
        ("conv3x3_s2_p1", lambda i: conv_case(i, 2, 3, 7, 7, 5, 3, 2, 1)),
        ("conv1x1_s1_p0", lambda i: conv_case(i, 3, 4, 5, 5, 6, 1, 1, 0)),
        ("conv1x1_s1_p0_16x16", lambda i: conv_case(i, 1, 4, 16, 16, 16, 1, 1, 0)),
        ("batchnorm_train_affine", lambda i: batchnorm_case(i, True, True)),
        ("batchnorm_train_plain", lambda i: batchnorm_case(i, False, True)),
        ("batchnorm_eval_affine", lambda i: batchnorm_case(i, True, False)),
        ("relu", lambda i: unary_case(i, (2, 3, 4, 4), F.relu)),
        ("avgpool3x3_s1_p1_exclude", lambda i: pool_case(i, (2, 3, 5, 6), 3, 1, 1, False)),
        ("avgpool2x2_s2", lambda i: pool_case(i, (2, 3, 6, 6), 2, 2, 0, True)),
        ("global_avgpool", lambda i: unary_case(i, (3, 4, 5, 5), lambda t: t.mean(dim=(2, 3)))),
        ("linear", linear_case),
        ("cross_entropy", cross_entropy_case),
        ("network_hvp", network_hvp_case),
        ("optimizers", optimizer_case),
    ]
    for index, (name, make) in enumerate(cases):
        save(name, make(index))
    print(f"wrote {len(cases)} fixtures to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
