"""torch.split and torch.chunk through torch.onnx.export, for the Split import test:
python3 import-split.py DIR

torch.onnx (1.13, opset 13) writes torch.split as Split and torch.chunk as one Slice per piece with
bounds computed from the input's shape (Shape, Gather, Add, Div, Mul). Random weights (seeded), a
1x6x5x5 input. Writes DIR/split.onnx, DIR/x.bin and DIR/y.bin (float32 little-endian: input, output).
"""
import sys
import warnings

import torch
import torch.nn as nn

warnings.filterwarnings("ignore")


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(6, 8, 1)
        self.conv2 = nn.Conv2d(4, 4, 3, padding=1)
        self.conv3 = nn.Conv2d(3, 5, 1)
        self.relu = nn.ReLU()

    def forward(self, x):
        x = self.conv1(x)
        a, b = x.chunk(2, dim=1)
        x = torch.cat([self.conv2(a), self.relu(b)], dim=1)
        c, d, e = torch.split(x, [3, 4, 1], dim=1)
        f, g, h = x.chunk(3, dim=2)
        return torch.cat([self.conv3(c) * e, torch.sigmoid(d).mean(1, keepdim=True)], dim=1) + torch.cat([f, h, g], dim=2)[:, :6]


d = sys.argv[1]
torch.manual_seed(0)
m = Net().eval()
x = torch.randn(1, 6, 5, 5)
torch.onnx.export(m, x, f"{d}/split.onnx", opset_version=13, input_names=["input"], output_names=["output"],
                  dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
x.numpy().astype("<f4").tofile(f"{d}/x.bin")
with torch.no_grad():
    m(x).numpy().astype("<f4").tofile(f"{d}/y.bin")
