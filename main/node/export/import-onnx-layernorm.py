"""ONNX LayerNormalization (opset 17) files with nn.LayerNorm's weights and outputs, for the import test:
python3 import-onnx-layernorm.py DIR

torch.onnx in PyTorch 1.13 cannot export opset 17 (it writes LayerNorm as ReduceMean/Sub/Pow/...), so each
file is built here with onnx.helper: input x [N, ...] (N symbolic) -> LayerNormalization(x, Scale, B) with
Scale and B the weight and bias of an nn.LayerNorm moved away from ones and zeros (B left out where the
case says so: then the LayerNorm's bias is zeros), checked by onnx.checker.
Per case DIR/<case>.onnx, DIR/<case>.x.bin (batch 2) and DIR/<case>.y.bin (nn.LayerNorm's output), float32
little-endian.
"""
import sys

import onnx
import torch
import torch.nn as nn
from onnx import TensorProto, helper, numpy_helper

# name, per-sample input shape, LayerNorm's normalized_shape, ONNX axis, epsilon, B given
CASES = [
    ("last1", [5, 7], [7], -1, 1e-5, True),
    ("last2", [3, 6, 7], [6, 7], -2, 1e-3, True),
    ("last1_image", [3, 6, 7], [7], 3, 1e-5, True),
    ("last2_positive", [5, 7], [5, 7], 1, 1e-6, True),
    ("no_bias", [4, 6], [6], -1, 1e-5, False),
]


def write(d, name, shape, normalized, axis, eps, with_bias, gen):
    m = nn.LayerNorm(normalized, eps=eps).eval()
    with torch.no_grad():
        m.weight.copy_(torch.rand(normalized, generator=gen) * 1.5 + 0.5)
        m.bias.copy_(torch.randn(normalized, generator=gen) if with_bias else torch.zeros(normalized))
    inits = [numpy_helper.from_array(m.weight.detach().numpy(), "ln.weight")]
    ins = ["x", "ln.weight"]
    if with_bias:
        inits.append(numpy_helper.from_array(m.bias.detach().numpy(), "ln.bias"))
        ins.append("ln.bias")
    node = helper.make_node("LayerNormalization", ins, ["y"], name="/ln/LayerNormalization", axis=axis, epsilon=eps)
    dims = ["N"] + shape
    graph = helper.make_graph([node], name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, dims)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, dims)], inits)
    model = helper.make_model(graph, producer_name="onnx.helper", opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, f"{d}/{name}.onnx")
    # Per-position offsets and scales, so that normalizing over the wrong dims shows.
    x = torch.randn([2] + shape, generator=gen) * (torch.rand(shape, generator=gen) * 3 + 0.5) + torch.randn(shape, generator=gen)
    with torch.no_grad():
        y = m(x)
    x.numpy().astype("<f4").tofile(f"{d}/{name}.x.bin")
    y.numpy().astype("<f4").tofile(f"{d}/{name}.y.bin")


d = sys.argv[1]
gen = torch.Generator().manual_seed(17)
for case in CASES:
    write(d, *case, gen)
