"""torchvision's efficientnet_b0 with random weights, for the template's parity test:
/usr/bin/python3 scripts/torch_ref/efficientnet_ref.py DIR

Seeded random weights and BatchNorm statistics away from their defaults, in eval mode, a 2x3x64x64
input (the network is the same at 224; 64 keeps the test fast). Writes DIR/state.json (state_dict
keys and shapes, in order), DIR/state.bin (the values, float32 little-endian, in that order),
DIR/x.bin and DIR/y.bin (the input and torchvision's output).
"""
import json
import sys

import torch
import torchvision

d = sys.argv[1]
torch.manual_seed(0)
m = torchvision.models.efficientnet_b0().eval()
with torch.no_grad():
    for mod in m.modules():
        if isinstance(mod, torch.nn.BatchNorm2d):
            mod.running_mean.uniform_(-0.2, 0.2)
            mod.running_var.uniform_(0.5, 1.5)
            mod.weight.uniform_(0.5, 1.5)
            mod.bias.uniform_(-0.2, 0.2)
    x = torch.randn(2, 3, 64, 64)
    y = m(x)
state = m.state_dict()
with open(f"{d}/state.json", "w") as f:
    json.dump([[k, list(v.shape)] for k, v in state.items()], f)
with open(f"{d}/state.bin", "wb") as f:
    for v in state.values():
        f.write(v.float().numpy().astype("<f4").tobytes())
x.numpy().astype("<f4").tofile(f"{d}/x.bin")
y.numpy().astype("<f4").tofile(f"{d}/y.bin")
