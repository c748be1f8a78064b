"""ONNX files with an operator Netloom has no kind for, for import-partial.test.ts (argv[1]: folder).

erf.onnx: Conv2d -> torch.erf -> Flatten -> Linear (Erf is element-wise; torch.onnx writes no value_info).
amax.onnx: Conv2d -> amax over channels (ReduceMax, which changes the shape) -> Flatten -> Linear.
"""
import os
import sys

import torch


class ErfNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 4, 3)
        self.fc = torch.nn.Linear(4 * 6 * 6, 10)

    def forward(self, x):
        return self.fc(torch.flatten(torch.erf(self.conv(x)), 1))


class AmaxNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(1, 4, 3)
        self.fc = torch.nn.Linear(6 * 6, 10)

    def forward(self, x):
        return self.fc(torch.flatten(torch.amax(self.conv(x), dim=1), 1))


torch.manual_seed(0)
x = torch.randn(1, 1, 8, 8)
for name, net in (("erf", ErfNet()), ("amax", AmaxNet())):
    torch.onnx.export(net.eval(), x, os.path.join(sys.argv[1], f"{name}.onnx"), input_names=["x"], output_names=["y"])
