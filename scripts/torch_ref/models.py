"""PyTorch twins of Netloom's templates that torchvision does not have, and the seed's example.

Run under Debian's /usr/bin/python3 (python3-torch 1.13, python3-torchvision 0.14).
"""
import torch.nn as nn


class LeNet5(nn.Module):
    """Netloom's `lenet5` template: 1x28x28 input, 61,706 parameters."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5),
            nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.flatten = nn.Flatten()
        self.classifier = nn.Sequential(
            nn.Linear(400, 120),
            nn.ReLU(),
            nn.Linear(120, 84),
            nn.ReLU(),
            nn.Linear(84, num_classes),
        )

    def forward(self, x):
        return self.classifier(self.flatten(self.features(x)))


class MLP(nn.Module):
    """The course's MLP (seed notes): 784-200-200-10 with LeakyReLU(inplace=True)."""

    def __init__(self):
        super().__init__()
        self.model = nn.Sequential(
            nn.Linear(784, 200),
            nn.LeakyReLU(inplace=True),
            nn.Linear(200, 200),
            nn.LeakyReLU(inplace=True),
            nn.Linear(200, 10),
            nn.LeakyReLU(inplace=True),
        )

    def forward(self, x):
        return self.model(x.flatten(1))


class MyModule(nn.Module):
    """The seed's section 2.6.3 example."""

    def __init__(self):
        super().__init__()
        self.net = nn.Linear(4, 3)

    def forward(self, x):
        return self.net(x)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(MyModule(), nn.ReLU(inplace=True), nn.Linear(3, 2))

    def forward(self, x):
        return self.net(x)
