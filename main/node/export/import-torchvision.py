"""A torchvision model through torch.onnx.export, for the ONNX import tests:
python3 import-torchvision.py DIR NAME SIZE

Random weights (seeded) and BatchNorm statistics away from their defaults, a 3xSIZExSIZE input (the
networks are the same at 224; a small input keeps the tests fast). Writes DIR/folded.onnx
(TrainingMode.EVAL: torch folds each BatchNorm into the Conv before it), DIR/bn.onnx
(TrainingMode.PRESERVE on the model in eval mode, no constant folding: BatchNormalization nodes
kept), DIR/x.bin and DIR/y.bin (float32, little-endian: the input and PyTorch's output), and
DIR/state.txt (state_dict keys and shapes, one a line).
"""
import sys
import warnings

import torch
import torchvision

warnings.filterwarnings("ignore")
d, name, size = sys.argv[1], sys.argv[2], int(sys.argv[3])
torch.manual_seed(0)
m = getattr(torchvision.models, name)().eval()
with torch.no_grad():
    for mod in m.modules():
        if isinstance(mod, torch.nn.BatchNorm2d):
            mod.running_mean.uniform_(-0.2, 0.2)
            mod.running_var.uniform_(0.5, 1.5)
            mod.weight.uniform_(0.5, 1.5)
            mod.bias.uniform_(-0.2, 0.2)
x = torch.randn(1, 3, size, size)
common = dict(opset_version=13, input_names=["input"], output_names=["output"], dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
torch.onnx.export(m, x, f"{d}/folded.onnx", training=torch.onnx.TrainingMode.EVAL, **common)
torch.onnx.export(m, x, f"{d}/bn.onnx", training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False, **common)
x.numpy().astype("<f4").tofile(f"{d}/x.bin")
with torch.no_grad():
    m(x).numpy().astype("<f4").tofile(f"{d}/y.bin")
with open(f"{d}/state.txt", "w") as f:
    for k, v in m.state_dict().items():
        f.write(f"{k} {list(v.shape)}\n")
