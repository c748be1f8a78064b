"""LeNet-5 on Fashion-MNIST with PyTorch on the CPU, the benchmark's reference.

Conv2d(1,6,5,p2), ReLU, MaxPool2d(2), Conv2d(6,16,5), ReLU, MaxPool2d(2), Flatten,
Linear 400-120-84-10; batch 64, SGD lr 0.01 momentum 0.9, shuffled each epoch.
Prints one JSON line: images/s over the training steps only (batches pre-made as tensors), the
CPU seconds they used (less disturbed than wall clock on a shared machine),
test accuracy after the epochs, thread count.
"""
import gzip, json, sys, time
import numpy as np
import torch
from torch import nn
from torch_blas import loaded_blas

def idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    nd = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(nd)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * nd).reshape(dims)

def main():
    args = json.loads(sys.argv[1])
    torch.set_num_threads(args['threads'])
    torch.manual_seed(0)
    d = args['data_dir']
    xtr = torch.tensor(idx(f'{d}/train-images-idx3-ubyte.gz'), dtype=torch.float32).div_(255).unsqueeze(1)
    ytr = torch.tensor(idx(f'{d}/train-labels-idx1-ubyte.gz'), dtype=torch.long)
    xte = torch.tensor(idx(f'{d}/t10k-images-idx3-ubyte.gz'), dtype=torch.float32).div_(255).unsqueeze(1)
    yte = torch.tensor(idx(f'{d}/t10k-labels-idx1-ubyte.gz'), dtype=torch.long)
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    bs, seconds, cpu_seconds, images = 64, 0.0, 0.0, 0
    max_batches = args.get('max_batches')
    for _ in range(args['epochs']):
        model.train()
        perm = torch.randperm(len(xtr))
        batches = [(xtr[perm[i:i + bs]], ytr[perm[i:i + bs]]) for i in range(0, len(xtr), bs)]
        if max_batches:
            batches = batches[:max_batches]
        t0, c0 = time.perf_counter(), time.process_time()
        for x, y in batches:
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            images += len(x)
        seconds += time.perf_counter() - t0
        cpu_seconds += time.process_time() - c0
    model.eval()
    with torch.no_grad():
        acc = (model(xte).argmax(1) == yte).float().mean().item()
    print(json.dumps({'img_per_s': images / seconds, 'images': images, 'seconds': seconds, 'cpu_seconds': cpu_seconds,
                      'test_acc': acc, 'threads': torch.get_num_threads(), 'torch': torch.__version__, **loaded_blas()}))

main()
