"""A network with torch.erf in the middle, for import-partial-weights.test.ts.

python3 import-partial-weights.py DIR          writes DIR/erf.onnx (torch.onnx.export) and DIR/ref.json: the
                                               inputs and the outputs of the same network, same weights, with
                                               nn.GELU(approximate='none') in place of torch.erf.
python3 import-partial-weights.py DIR OUT      loads OUT/model.py with OUT/model.safetensors (Netloom's PyTorch
                                               export) and prints {"max_abs", "max_ref", "repr"} of its outputs
                                               on ref.json's inputs against ref.json's outputs.
"""
import importlib.util
import json
import os
import sys

import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, 3)
        self.bn = nn.BatchNorm2d(4)
        self.act = None  # torch.erf below; nn.GELU() in the reference

    def forward(self, x):
        y = self.bn(self.conv(x))
        return self.act(y) if self.act is not None else torch.erf(y)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layer1 = Block()
        self.fc = nn.Linear(4 * 6 * 6, 10)

    def forward(self, x):
        return self.fc(torch.flatten(self.layer1(x), 1))


def make(d):
    torch.manual_seed(0)
    net = Net()
    with torch.no_grad():  # non-trivial BatchNorm statistics
        net.layer1.bn.running_mean.uniform_(-0.5, 0.5)
        net.layer1.bn.running_var.uniform_(0.5, 2.0)
        net.layer1.bn.weight.uniform_(0.5, 1.5)
        net.layer1.bn.bias.uniform_(-0.5, 0.5)
    net.eval()
    torch.onnx.export(net, torch.randn(1, 1, 8, 8), os.path.join(d, "erf.onnx"), input_names=["x"],
                      output_names=["y"], training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
    net.layer1.act = nn.GELU(approximate="none")
    x = torch.randn(3, 1, 8, 8)
    with torch.no_grad():
        y = net(x)
    with open(os.path.join(d, "ref.json"), "w") as f:
        json.dump({"x": x.flatten().tolist(), "shape": list(x.shape), "y": y.flatten().tolist()}, f)


def check(d, out):
    ref = json.load(open(os.path.join(d, "ref.json")))
    spec = importlib.util.spec_from_file_location("netloom_partial_export", os.path.join(out, "model.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    model = mod.load(os.path.join(out, "model.safetensors")).eval()
    x = torch.tensor(ref["x"]).reshape(ref["shape"])
    with torch.no_grad():
        y = model(x).flatten()
    want = torch.tensor(ref["y"])
    print(json.dumps({"max_abs": float((y - want).abs().max()), "max_ref": float(want.abs().max()),
                      "repr": repr(model)}))


if __name__ == "__main__":
    if len(sys.argv) > 2:
        check(sys.argv[1], sys.argv[2])
    else:
        make(sys.argv[1])
