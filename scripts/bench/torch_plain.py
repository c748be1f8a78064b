"""The plain PyTorch reference for the PyTorch engine's benchmark: the same network, batch size,
optimizer and thread count, a hand-written loop over shuffled in-memory tensors (no Netloom).

  lenet5:   Conv2d(1,6,5,p2) ReLU MaxPool, Conv2d(6,16,5) ReLU MaxPool, Linear 400-120-84-10 on Fashion-MNIST
  resnet18, vgg11_bn, ...: torchvision.models.<model>(num_classes=10) on random 3x32x32 data

Prints one JSON line: images/s over the training epochs (batch gathering included, as the
engine's own figure), images per CPU-second (steadier on a shared machine), torch version, threads,
and each epoch's images/s and images per CPU-second (the later epochs are the steady state, to set
beside `netloom train --json`'s per-epoch figures).
"""
import gzip
import json
import sys
import time

import numpy as np
import torch
from torch import nn


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    nd = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(nd)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * nd).reshape(dims)


def main():
    a = json.loads(sys.argv[1])
    if a.get("threads"):
        torch.set_num_threads(a["threads"])
    torch.manual_seed(0)
    n = a["n"]
    if a["model"] == "lenet5":
        d = a["data_dir"]
        x = torch.tensor(idx(f"{d}/train-images-idx3-ubyte.gz")[:n], dtype=torch.float32).div_(255).unsqueeze(1)
        y = torch.tensor(idx(f"{d}/train-labels-idx1-ubyte.gz")[:n], dtype=torch.long)
        model = nn.Sequential(
            nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
            nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    else:
        import torchvision
        x = torch.rand(n, 3, 32, 32)
        y = torch.randint(0, 10, (n,))
        model = getattr(torchvision.models, a["model"])(num_classes=10)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    bs, images, seconds, cpu = a["batch"], 0, 0.0, 0.0
    per_epoch, per_epoch_cpu = [], []
    for _ in range(a["epochs"]):
        before = images
        model.train()
        t0, c0 = time.perf_counter(), time.process_time()
        perm = torch.randperm(n)
        for i in range(0, n, bs):
            idx_ = perm[i:i + bs]
            xb, yb = x[idx_], y[idx_]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            float(loss)
            images += len(xb)
        dt, dc = time.perf_counter() - t0, time.process_time() - c0
        seconds += dt
        cpu += dc
        per_epoch.append(round((images - before) / dt, 1))
        per_epoch_cpu.append(round((images - before) / dc, 1))
    print(json.dumps({"img_per_s": images / seconds, "img_per_cpu_s": images / cpu, "torch": torch.__version__,
                      "threads": torch.get_num_threads(), "epoch_img_per_s": per_epoch,
                      "epoch_img_per_cpu_s": per_epoch_cpu}))


if __name__ == "__main__":
    main()
