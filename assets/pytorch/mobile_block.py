"""The mobile networks' functional idioms in a small network for 3x16x16 images: F.relu6, F.silu,
F.hardswish, F.hardsigmoid, F.mish, F.softplus, nn.PReLU, a squeeze-excitation gate written as
x * scale with x.mean((2, 3), keepdim=True), and torch.mean over the spatial dims before the head."""
import torch
import torch.nn as nn
import torch.nn.functional as F


class SqueezeExcitation(nn.Module):
    def __init__(self, channels, squeeze):
        super().__init__()
        self.fc1 = nn.Conv2d(channels, squeeze, 1)
        self.fc2 = nn.Conv2d(squeeze, channels, 1)

    def forward(self, x):
        scale = x.mean((2, 3), keepdim=True)
        scale = F.silu(self.fc1(scale))
        scale = F.hardsigmoid(self.fc2(scale))
        return x * scale


class MobileNet(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = nn.Conv2d(3, 16, 3, stride=2, padding=1)
        self.act = nn.PReLU(16)
        self.dw = nn.Conv2d(16, 16, 3, padding=1, groups=16)
        self.se = SqueezeExcitation(16, 4)
        self.pw = nn.Conv2d(16, 24, 1)
        self.fc = nn.Linear(24, num_classes)

    def forward(self, x):
        x = self.act(self.stem(x))
        x = F.relu6(self.dw(x))
        x = self.se(x)
        x = F.hardswish(self.pw(x))
        x = F.mish(x)
        x = F.softplus(x, beta=2)
        x = torch.mean(x, [2, 3])
        return self.fc(x)
