"""torch.onnx.export of single layers for the ONNX import tests: python3 import-torch.py DIR

For each case writes DIR/<name>.onnx (opset 13, batch axis dynamic unless the name ends in _static), DIR/<name>.x.bin and
DIR/<name>.y.bin (float32, little-endian: a seeded input of batch 2 and PyTorch's output).
Each network is Conv2d(C, C, 1) followed by the layer, so the import also carries weights.
"""
import sys
import warnings

import torch
from torch import nn
from torchvision.models.shufflenetv2 import InvertedResidual

warnings.filterwarnings("ignore")
d = sys.argv[1]


class Permute(nn.Module):
    def __init__(self, *dims):
        super().__init__()
        self.dims = dims

    def forward(self, x):
        return x.permute(*self.dims)


class Shuffle(nn.Module):
    """torchvision's shufflenet_v2 channel_shuffle (nn.ChannelShuffle does not export in torch 1.13)."""

    def __init__(self, groups):
        super().__init__()
        self.groups = groups

    def forward(self, x):
        n, c, h, w = x.size()
        x = x.view(n, self.groups, c // self.groups, h, w)
        return torch.transpose(x, 1, 2).contiguous().view(n, -1, h, w)


class Split(nn.Module):
    """x.view(N, 2, 3, H, W): a Reshape that splits the channels (nn.Unflatten does not export in torch 1.13)."""

    def forward(self, x):
        return x.view(x.size(0), 2, 3, x.size(2), x.size(3))


class Mean(nn.Module):
    def __init__(self, dim, keepdim=False):
        super().__init__()
        self.dim, self.keepdim = dim, keepdim

    def forward(self, x):
        return x.mean(self.dim, keepdim=self.keepdim)


class SqueezeExcitation(nn.Module):
    """torchvision's squeeze-excitation with a sigmoid gate: x * sigmoid(fc(mean(x)))."""

    def __init__(self, c):
        super().__init__()
        self.fc = nn.Conv2d(c, c, 1)

    def forward(self, x):
        return x * torch.sigmoid(self.fc(x.mean((2, 3), keepdim=True)))


class Fn(nn.Module):
    """A forward written as a function (shape arithmetic on the live input, as old code flattens)."""

    def __init__(self, f):
        super().__init__()
        self.f = f

    def forward(self, x):
        return self.f(x)


CASES = {
    "gelu": ([3, 9, 11], nn.GELU()),
    "gelu_tanh": ([3, 9, 11], nn.GELU(approximate="tanh")),
    "lrn": ([6, 5, 5], nn.LocalResponseNorm(3)),
    "lrn_even_static": ([6, 5, 5], nn.LocalResponseNorm(4, alpha=2e-4, beta=0.5, k=2.0)),
    "up_size_nearest": ([2, 4, 5], nn.Upsample(size=(7, 9))),
    "up_size_bilinear": ([2, 4, 5], nn.Upsample(size=(6, 11), mode="bilinear")),
    "up_size_align": ([2, 4, 5], nn.Upsample(size=7, mode="bilinear", align_corners=True)),
    "up_scale_nearest": ([2, 4, 5], nn.Upsample(scale_factor=2)),
    "up_scale_bilinear": ([2, 4, 5], nn.Upsample(scale_factor=2, mode="bilinear")),
    "avg_ceil": ([3, 10, 12], nn.AvgPool2d(3, 2, ceil_mode=True)),
    "avg_pad": ([3, 9, 11], nn.AvgPool2d(3, 2, padding=1)),
    "avg_pad_ceil": ([3, 10, 12], nn.AvgPool2d(3, 2, padding=1, ceil_mode=True)),
    "avg_pad_ceil_nocount": ([3, 10, 12], nn.AvgPool2d(3, 2, padding=1, ceil_mode=True, count_include_pad=False)),
    "relu6": ([3, 9, 11], nn.ReLU6()),
    "silu": ([3, 9, 11], nn.SiLU()),
    "hardswish": ([3, 9, 11], nn.Hardswish()),
    "hardsigmoid": ([3, 9, 11], nn.Hardsigmoid()),
    "mish": ([3, 9, 11], nn.Mish()),
    "softplus": ([3, 9, 11], nn.Softplus()),
    "softplus_beta": ([3, 9, 11], nn.Softplus(beta=2)),
    "prelu": ([3, 9, 11], nn.PReLU(init=0.3)),
    "prelu_channels": ([3, 9, 11], nn.PReLU(3, init=0.2)),
    "mean_hw": ([3, 9, 11], Mean([2, 3])),
    "layernorm": ([3, 9, 11], nn.LayerNorm([9, 11])),
    "layernorm_chw": ([3, 9, 11], nn.LayerNorm([3, 9, 11], eps=1e-3)),
    "layernorm_noaffine": ([3, 9, 11], nn.LayerNorm(11, elementwise_affine=False)),
    "groupnorm": ([6, 9, 11], nn.GroupNorm(3, 6)),
    "groupnorm_noaffine": ([6, 9, 11], nn.GroupNorm(2, 6, affine=False)),
    "instancenorm": ([3, 9, 11], nn.InstanceNorm2d(3)),
    "instancenorm_affine": ([3, 9, 11], nn.InstanceNorm2d(3, affine=True)),
    "pixelshuffle": ([8, 5, 6], nn.PixelShuffle(2)),
    "shuffle": ([6, 9, 11], Shuffle(2)),
    "shuffle_static": ([6, 9, 11], Shuffle(3)),
    "permute": ([3, 9, 11], Permute(0, 2, 3, 1)),
    "unflatten_static": ([6, 9, 11], Split()),
    "shufflenet_block": ([6, 9, 11], InvertedResidual(6, 12, 2)),
    "mean_c_keep": ([3, 9, 11], Mean(1, keepdim=True)),
    "se_mul": ([3, 9, 11], SqueezeExcitation(3)),
    "zeropad_avg": ([3, 9, 11], nn.Sequential(nn.ZeroPad2d((0, 1, 0, 1)), nn.AvgPool2d(2))),
    "adaptive_same": ([3, 6, 6], nn.AdaptiveAvgPool2d((6, 6))),
    "adaptive_half": ([3, 6, 8], nn.AdaptiveAvgPool2d((3, 2))),
    "avg_1": ([3, 6, 6], nn.AvgPool2d(1)),
    "max_ceil_even": ([3, 8, 8], nn.MaxPool2d(2, ceil_mode=True)),
    "view_size": ([3, 4, 5], Fn(lambda x: x.view(x.size(0), -1))),
    "view_product": ([3, 4, 5], Fn(lambda x: x.reshape(x.shape[0], x.shape[1] * x.shape[2] * x.shape[3]))),
    "view_div": ([4, 3, 6], Fn(lambda x: x.view(x.size(0), x.size(1) * x.size(2), x.size(3) * 2 // 2))),
    "leakyrelu": ([3, 9, 11], nn.LeakyReLU(0.2)),
    "elu": ([3, 9, 11], nn.ELU(alpha=0.7)),
    "tanh": ([3, 9, 11], nn.Tanh()),
    "softmax": ([3, 9, 11], nn.Softmax(dim=1)),
    "logsoftmax": ([3, 9, 11], nn.LogSoftmax(dim=1)),
    "batchnorm1d": ([3, 4, 5], nn.Sequential(nn.Flatten(), nn.BatchNorm1d(60))),
}
for i, (name, (shape, layer)) in enumerate(CASES.items()):
    torch.manual_seed(i)
    m = nn.Sequential(nn.Conv2d(shape[0], shape[0], 1), layer).eval()
    if isinstance(layer, (nn.LayerNorm, nn.GroupNorm, nn.InstanceNorm2d)):  # learned weights away from 1 and 0
        with torch.no_grad():
            for p in layer.parameters():
                p.copy_(torch.randn(p.shape))
    for bn in (q for q in layer.modules() if isinstance(q, nn.BatchNorm1d)):  # statistics and weights away from defaults
        with torch.no_grad():
            bn.running_mean.copy_(torch.randn(bn.num_features))
            bn.running_var.copy_(torch.rand(bn.num_features) + 0.5)
            bn.weight.copy_(torch.randn(bn.num_features))
            bn.bias.copy_(torch.randn(bn.num_features))
    if isinstance(layer, nn.PReLU):  # learned slopes away from init, one per channel
        with torch.no_grad():
            layer.weight.copy_(torch.rand(layer.weight.shape))
    x = torch.randn(2, *shape)
    dynamic = {} if name.endswith("_static") else {"dynamic_axes": {"input": {0: "N"}, "output": {0: "N"}}}
    torch.onnx.export(m, x, f"{d}/{name}.onnx", opset_version=13, input_names=["input"], output_names=["output"], **dynamic)
    x.numpy().astype("<f4").tofile(f"{d}/{name}.x.bin")
    with torch.no_grad():
        m(x).numpy().astype("<f4").tofile(f"{d}/{name}.y.bin")
