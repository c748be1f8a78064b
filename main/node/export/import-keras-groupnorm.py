"""Keras GroupNormalization fixtures and PyTorch's outputs, for the Keras import test:
python3 import-keras-groupnorm.py DIR

tfjs-layers has no GroupNormalization and Debian has no Keras, so each model is written here as the
TensorFlow.js layers format that tensorflowjs_converter writes for a Keras model (model.json with the
Keras topology and a weights manifest, the float32 weights in group1-shard1of1.bin), the layer's
config as Keras 3 (and tf.keras >= 2.11) documents and saves it: groups (default 32, -1 one group per
channel), axis (default -1), epsilon (default 1e-3), center, scale, the initializers, regularizers and
constraints; weights gamma then beta, [C] each, only those that center/scale create.

Per case DIR/<case>/model.json (+ .bin), DIR/<case>.x.bin (the input in PyTorch's layout: channels
first) and DIR/<case>.y.bin (nn.GroupNorm's output on it with gamma and beta as weight and bias,
PyTorch's layout), float32 little-endian. Keras's own computation (its channels-last reshape to
[..., groups, C / groups] and the moments over all but the batch and group axes) is written out in numpy
below and must give PyTorch's output, so the reference does not rest on the mapping under test alone.
"""
import json
import os
import sys

import numpy as np
import torch
import torch.nn as nn

# name, Keras per-sample input shape (channels last), GroupNormalization config overrides, functional
CASES = [
    ("image", [5, 4, 6], {"groups": 3}, False),
    ("image_instance", [6, 5, 4], {"groups": -1, "axis": 3, "epsilon": 1e-5}, True),
    ("sequence", [7, 8], {"groups": 2, "center": False}, False),
    ("features", [12], {"groups": 4, "scale": False, "epsilon": 0.01}, True),
    ("noaffine", [4, 4, 6], {"groups": 2, "center": False, "scale": False, "epsilon": 0.1}, False),
]


def keras_config(name, over):
    init = lambda cls: {"module": "keras.initializers", "class_name": cls, "config": {}, "registered_name": None}  # noqa: E731
    c = {
        "name": name,
        "trainable": True,
        "dtype": "float32",
        "groups": 32,
        "axis": -1,
        "epsilon": 0.001,
        "center": True,
        "scale": True,
        "beta_initializer": init("Zeros"),
        "gamma_initializer": init("Ones"),
        "beta_regularizer": None,
        "gamma_regularizer": None,
        "beta_constraint": None,
        "gamma_constraint": None,
    }
    c.update(over)
    return c


def keras_group_norm(x, groups, eps, gamma, beta):
    """Keras's GroupNormalization on channels-last x [N, ..., C] (numpy, float64)."""
    c = x.shape[-1]
    g = c if groups == -1 else groups
    r = x.reshape(x.shape[:-1] + (g, c // g))
    axes = tuple(range(1, r.ndim - 2)) + (r.ndim - 1,)
    mean = r.mean(axis=axes, keepdims=True)
    var = r.var(axis=axes, keepdims=True)
    y = ((r - mean) / np.sqrt(var + eps)).reshape(x.shape)
    return y * gamma + beta


def write(d, name, shape, over, functional, rng):
    cfg = keras_config("gn", over)
    c = shape[-1]
    gamma = rng.uniform(0.5, 2.0, c).astype("<f4")
    beta = rng.normal(0.0, 1.0, c).astype("<f4")
    weights = [("gamma", gamma)] if cfg["scale"] else []
    weights += [("beta", beta)] if cfg["center"] else []
    inp = {"class_name": "InputLayer", "config": {"name": "input", "batch_input_shape": [None] + shape, "dtype": "float32"}}
    gn = {"class_name": "GroupNormalization", "config": cfg}
    if functional:
        inp["name"] = "input"
        inp["inbound_nodes"] = []
        gn["name"] = "gn"
        gn["inbound_nodes"] = [[["input", 0, 0, {}]]]
        topology = {"class_name": "Functional", "config": {"name": name, "layers": [inp, gn],
                                                          "input_layers": [["input", 0, 0]],
                                                          "output_layers": [["gn", 0, 0]]}}
    else:
        topology = {"class_name": "Sequential", "config": {"name": name, "layers": [inp, gn]}}
    model = {
        "format": "layers-model",
        "generatedBy": "import-keras-groupnorm.py (Keras 3 GroupNormalization config)",
        "convertedBy": None,
        "modelTopology": {"class_name": topology["class_name"], "config": topology["config"],
                          "keras_version": "3.3.3", "backend": "tensorflow"},
        "weightsManifest": [{"paths": ["group1-shard1of1.bin"],
                             "weights": [{"name": f"gn/{k}", "shape": [c], "dtype": "float32"} for k, _ in weights]}],
    }
    os.makedirs(f"{d}/{name}", exist_ok=True)
    with open(f"{d}/{name}/model.json", "w") as f:
        json.dump(model, f, indent=1)
    with open(f"{d}/{name}/group1-shard1of1.bin", "wb") as f:
        for _, v in weights:
            f.write(v.tobytes())

    # Channel offsets and scales that differ per channel, so that a wrong grouping shows.
    x = (rng.normal(0.0, 1.0, [2] + shape) * rng.uniform(0.5, 3.0, c) + rng.normal(0.0, 2.0, c)).astype("<f4")
    groups = c if cfg["groups"] == -1 else cfg["groups"]
    affine = cfg["scale"] or cfg["center"]
    m = nn.GroupNorm(groups, c, eps=cfg["epsilon"], affine=affine).eval()
    with torch.no_grad():
        if affine:
            m.weight.copy_(torch.from_numpy(gamma if cfg["scale"] else np.ones(c, "<f4")))
            m.bias.copy_(torch.from_numpy(beta if cfg["center"] else np.zeros(c, "<f4")))
        xt = torch.from_numpy(np.ascontiguousarray(np.moveaxis(x, -1, 1)))
        y = m(xt).numpy()
    want = keras_group_norm(x.astype(np.float64), cfg["groups"], cfg["epsilon"],
                            gamma if cfg["scale"] else 1.0, beta if cfg["center"] else 0.0)
    diff = np.abs(np.moveaxis(y, 1, -1) - want).max()
    if diff > 1e-4:
        raise SystemExit(f"{name}: PyTorch's GroupNorm differs from Keras's GroupNormalization by {diff}")
    xt.numpy().astype("<f4").tofile(f"{d}/{name}.x.bin")
    y.astype("<f4").tofile(f"{d}/{name}.y.bin")


d = sys.argv[1]
rng = np.random.default_rng(18)
for case in CASES:
    write(d, *case, rng)
