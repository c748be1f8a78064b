"""torch.onnx.export of the convolution and pooling kinds of issue 18 for the ONNX import test:
python3 import-torch-conv.py DIR

For each case writes DIR/<name>.onnx (opset 13, dynamic batch), DIR/<name>.x.bin and DIR/<name>.y.bin
(float32, little-endian: a seeded input of batch 2 and PyTorch's output). Each network starts with a
convolution, so the import also carries weights.
"""
import sys
import warnings

import torch
from torch import nn

warnings.filterwarnings("ignore")
d = sys.argv[1]

CASES = {
    "convt": ([3, 5, 6], nn.Sequential(nn.ConvTranspose2d(3, 4, 3, stride=2, padding=1, output_padding=1))),
    "convt_groups_dil": ([4, 5, 6], nn.Sequential(nn.ConvTranspose2d(4, 6, (3, 2), stride=(1, 3), padding=(2, 1), output_padding=(1, 2), groups=2, dilation=(2, 3), bias=False))),
    "conv1d": ([4, 13], nn.Sequential(nn.Conv1d(4, 6, 3, stride=2, padding=1, groups=2))),
    "conv1d_dil": ([4, 13], nn.Sequential(nn.Conv1d(4, 3, 4, padding=3, dilation=2, bias=False))),
    "maxpool1d": ([4, 13], nn.Sequential(nn.Conv1d(4, 4, 1), nn.MaxPool1d(3, 2, padding=1, ceil_mode=True))),
    "maxpool1d_dil": ([4, 13], nn.Sequential(nn.Conv1d(4, 4, 1), nn.MaxPool1d(3, 1, padding=1, dilation=2))),
    "avgpool1d": ([4, 13], nn.Sequential(nn.Conv1d(4, 4, 1), nn.AvgPool1d(3, 2, padding=1, count_include_pad=False))),
    "adaptiveavg1d_global": ([4, 13], nn.Sequential(nn.Conv1d(4, 4, 1), nn.AdaptiveAvgPool1d(1))),
    "adaptivemax2d_global": ([3, 5, 6], nn.Sequential(nn.Conv2d(3, 3, 1), nn.AdaptiveMaxPool2d(1))),
    "adaptivemax2d_even": ([3, 6, 6], nn.Sequential(nn.Conv2d(3, 3, 1), nn.AdaptiveMaxPool2d((3, 2)))),
    "adaptivemax1d_global": ([4, 13], nn.Sequential(nn.Conv1d(4, 4, 1), nn.AdaptiveMaxPool1d(1))),
    "adaptivemax1d_even": ([4, 12], nn.Sequential(nn.Conv1d(4, 4, 1), nn.AdaptiveMaxPool1d(4))),
    "adaptiveavg1d_even": ([4, 12], nn.Sequential(nn.Conv1d(4, 4, 1), nn.AdaptiveAvgPool1d(3))),
}
for i, (name, (shape, m)) in enumerate(CASES.items()):
    torch.manual_seed(i)
    m = m.eval()
    x = torch.randn(2, *shape)
    torch.onnx.export(m, x, f"{d}/{name}.onnx", opset_version=13, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "N"}, "output": {0: "N"}})
    with torch.no_grad():
        y = m(x)
    x.numpy().astype("<f4").tofile(f"{d}/{name}.x.bin")
    y.numpy().astype("<f4").tofile(f"{d}/{name}.y.bin")
