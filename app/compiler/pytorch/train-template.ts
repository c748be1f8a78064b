/** The body of the exported train.py (Python). Settings arrive as one JSON string literal: SETTINGS. */
export const TRAIN_PY = String.raw`
import argparse
import gzip
import math
import os
import struct
import sys
import time

import torch
import torch.distributed as dist
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.parallel import DistributedDataParallel as DDP
from torch.utils.data import DataLoader, TensorDataset
from torch.utils.data.distributed import DistributedSampler

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import MODEL_CLASS, INPUT_SHAPES, load_state_dict_file  # noqa: E402

IDX_NAMES = {
    "mnist": "MNIST",
    "fashion-mnist": "FashionMNIST",
}


def find_file(data_dir, dataset, stem):
    """train-images-idx3-ubyte[.gz] in DATA_DIR, DATA_DIR/<Name>/raw (torchvision) or DATA_DIR/<dataset>."""
    places = [data_dir, os.path.join(data_dir, IDX_NAMES.get(dataset, dataset), "raw"), os.path.join(data_dir, dataset)]
    for d in places:
        for name in (stem, stem + ".gz"):
            p = os.path.join(d, name)
            if os.path.exists(p):
                return p
    raise SystemExit(f"train.py: {stem}[.gz] not found in {', '.join(places)}: pass --data-dir with the {dataset} files")


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise SystemExit(f"train.py: {path} is not an IDX file of unsigned bytes")
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return torch.frombuffer(bytearray(data[4 + 4 * ndim:]), dtype=torch.uint8).reshape(dims)


def load_dataset(name, data_dir):
    """(train_x, train_y, test_x, test_y): floats in [0, 1], [N, C, H, W]; labels int64."""
    if name in IDX_NAMES:
        parts = []
        for split in ("train", "t10k"):
            x = read_idx(find_file(data_dir, name, f"{split}-images-idx3-ubyte"))
            y = read_idx(find_file(data_dir, name, f"{split}-labels-idx1-ubyte"))
            parts += [x.float().div(255).unsqueeze(1), y.long()]
        return tuple(parts)
    if name == "cifar10":
        import torchvision
        out = []
        for train in (True, False):
            ds = torchvision.datasets.CIFAR10(data_dir, train=train, download=False)
            out += [torch.from_numpy(ds.data).permute(0, 3, 1, 2).float().div(255), torch.tensor(ds.targets).long()]
        return tuple(out)
    if name == "folder":
        import torchvision
        import torchvision.transforms as T
        shape = INPUT_SHAPES[0]
        tf = T.Compose(([T.Grayscale()] if shape[0] == 1 else []) + [T.Resize(tuple(shape[1:])), T.ToTensor()])
        ds = torchvision.datasets.ImageFolder(data_dir, transform=tf)
        xs = torch.stack([ds[i][0] for i in range(len(ds))])
        ys = torch.tensor(ds.targets).long()
        return xs, ys, None, None
    raise SystemExit(f"train.py: dataset '{name}' is not readable here; use mnist, fashion-mnist, cifar10 or folder")


def stratified_split(y, fraction, seed):
    """Indices (train, held_out): each class keeps its share; seeded."""
    g = torch.Generator().manual_seed(seed)
    keep, held = [], []
    for c in torch.unique(y):
        idx = torch.nonzero(y == c).flatten()
        idx = idx[torch.randperm(len(idx), generator=g)]
        k = int(round(len(idx) * fraction))
        held.append(idx[:k])
        keep.append(idx[k:])
    return torch.cat(keep).sort().values, torch.cat(held).sort().values


def parse_augment(text):
    spec = {}
    for raw in [s.strip() for s in text.split(",") if s.strip()]:
        body, _, p = raw.partition("@")
        name, _, value = body.partition("=")
        prob = float(p) if p else None
        if name in ("flip", "hflip"):
            spec["hflip"] = prob if prob is not None else 0.5
        elif name == "vflip":
            spec["vflip"] = prob if prob is not None else 0.5
        elif name == "rotate":
            spec["rotate"] = (float(value), 1.0 if prob is None else prob)
        elif name == "scale":
            lo, hi = value.split("-")
            spec["scale"] = (float(lo), float(hi), 1.0 if prob is None else prob)
        elif name == "crop":
            spec["crop"] = (int(value), 1.0 if prob is None else prob)
        elif name == "noise":
            spec["noise"] = (float(value), 1.0 if prob is None else prob)
    return spec


def augment(x, spec):
    """Per-sample random augmentation of a batch in pixel units [0, 1] (before normalization)."""
    if not spec:
        return x
    import torchvision.transforms.functional as TF
    out = x.clone()
    for i in range(x.shape[0]):
        s = out[i]
        if torch.rand(()) < spec.get("hflip", 0):
            s = s.flip(-1)
        if torch.rand(()) < spec.get("vflip", 0):
            s = s.flip(-2)
        angle, scale, shift = 0.0, 1.0, [0, 0]
        if "rotate" in spec and torch.rand(()) < spec["rotate"][1]:
            angle = float(torch.empty(()).uniform_(-spec["rotate"][0], spec["rotate"][0]))
        if "scale" in spec and torch.rand(()) < spec["scale"][2]:
            scale = float(torch.empty(()).uniform_(spec["scale"][0], spec["scale"][1]))
        if "crop" in spec and torch.rand(()) < spec["crop"][1]:
            pad = spec["crop"][0]
            shift = [int(torch.randint(-pad, pad + 1, ())), int(torch.randint(-pad, pad + 1, ()))]
        if angle != 0.0 or scale != 1.0 or shift != [0, 0]:
            s = TF.affine(s, angle=angle, translate=shift, scale=scale, shear=[0.0], interpolation=TF.InterpolationMode.BILINEAR, fill=0.0)
        if "noise" in spec and torch.rand(()) < spec["noise"][1]:
            s = s + torch.randn_like(s) * spec["noise"][0]
        out[i] = s
    return out


def make_optimizer(params, s):
    wd = s["weight_decay"]
    if wd is None:
        wd = 1e-2 if s["optimizer"] == "adamw" else 0.0
    if s["optimizer"] == "sgd":
        return torch.optim.SGD(params, lr=s["lr"], momentum=s["momentum"], dampening=s["dampening"], nesterov=s["nesterov"], weight_decay=wd)
    if s["optimizer"] == "adam":
        return torch.optim.Adam(params, lr=s["lr"], betas=tuple(s["betas"]), eps=s["eps"], weight_decay=wd, amsgrad=s["amsgrad"])
    if s["optimizer"] == "adamw":
        return torch.optim.AdamW(params, lr=s["lr"], betas=tuple(s["betas"]), eps=s["eps"], weight_decay=wd, amsgrad=s["amsgrad"])
    return torch.optim.RMSprop(params, lr=s["lr"], alpha=s["alpha"], eps=s["eps"], weight_decay=wd, momentum=s["momentum"], centered=s["centered"])


def make_scheduler(opt, sch):
    name = sch["name"]
    if name == "StepLR":
        return torch.optim.lr_scheduler.StepLR(opt, step_size=sch["step_size"], gamma=sch["gamma"])
    if name == "MultiStepLR":
        return torch.optim.lr_scheduler.MultiStepLR(opt, milestones=sch["milestones"], gamma=sch["gamma"])
    if name == "ExponentialLR":
        return torch.optim.lr_scheduler.ExponentialLR(opt, gamma=sch["gamma"])
    if name == "CosineAnnealingLR":
        return torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=sch["T_max"], eta_min=sch["eta_min"])
    if name == "ReduceLROnPlateau":
        return torch.optim.lr_scheduler.ReduceLROnPlateau(
            opt, mode=sch["mode"], factor=sch["factor"], patience=sch["patience"], threshold=sch["threshold"],
            threshold_mode=sch["threshold_mode"], cooldown=sch["cooldown"], min_lr=sch["min_lr"], eps=sch["eps"])
    return None


def loss_fn(name, logits, y):
    if name == "CrossEntropyLoss":
        return F.cross_entropy(logits, y)
    target = F.one_hot(y, logits.shape[1]).float()
    if name == "MSELoss":
        return F.mse_loss(logits, target)
    return F.binary_cross_entropy_with_logits(logits, target)


def evaluate(model, x, y, s, batch_size):
    model.eval()
    total, correct, loss = 0, 0, 0.0
    with torch.no_grad():
        for i in range(0, len(x), batch_size):
            xb, yb = x[i:i + batch_size], y[i:i + batch_size]
            out = model(xb)
            out = out[0] if isinstance(out, tuple) else out
            loss += float(loss_fn(s["loss"], out, yb)) * len(xb)
            correct += int((out.argmax(1) == yb).sum())
            total += len(xb)
    return loss / max(total, 1), correct / max(total, 1)


def main():
    s, d = SETTINGS["training"], SETTINGS["dataset"]
    ap = argparse.ArgumentParser(description="Train the exported network with the project's settings (torchrun-ready).")
    ap.add_argument("--data-dir", default=d.get("dataDir") or "data", help="folder with the dataset files")
    ap.add_argument("--epochs", type=int, default=s["epochs"])
    ap.add_argument("--batch-size", type=int, default=s["batch_size"], help="per process")
    ap.add_argument("--subset", type=int, default=d.get("limit"), help="use only this many training samples (a quick run)")
    ap.add_argument("--seed", type=int, default=s["seed"] if s["seed"] is not None else 0)
    ap.add_argument("--init", default=None, help="start from these weights (.safetensors)")
    ap.add_argument("--out", default="trained.pt", help="where rank 0 saves the final state_dict")
    args = ap.parse_args()

    world = int(os.environ.get("WORLD_SIZE", "1"))
    rank = int(os.environ.get("RANK", "0"))
    distributed = world > 1
    if distributed:
        dist.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    device = torch.device(f"cuda:{int(os.environ.get('LOCAL_RANK', '0'))}" if torch.cuda.is_available() else "cpu")
    torch.manual_seed(args.seed)

    tx, ty, ex, ey = load_dataset(d["name"], args.data_dir)
    if ex is None:
        keep, held = stratified_split(ty, d["testSplit"], args.seed)
        tx, ty, ex, ey = tx[keep], ty[keep], tx[held], ty[held]
    if args.subset:
        g = torch.Generator().manual_seed(args.seed)
        pick = torch.randperm(len(tx), generator=g)[:args.subset]
        tx, ty = tx[pick], ty[pick]
    if s["val_split"] > 0:
        keep, held = stratified_split(ty, s["val_split"], args.seed)
        tx, ty, vx, vy = tx[keep], ty[keep], tx[held], ty[held]
    else:
        vx, vy = tx[:0], ty[:0]
    norm = d["normalize"]
    if norm == "auto":
        dims = [0] + list(range(2, tx.dim()))
        mean, std = tx.mean(dim=dims), tx.std(dim=dims).clamp_min(1e-8)
    elif norm == "none":
        mean, std = torch.zeros(tx.shape[1]), torch.ones(tx.shape[1])
    else:
        mean, std = torch.tensor(norm["mean"]), torch.tensor(norm["std"])
    view = [1, -1] + [1] * (tx.dim() - 2)
    normalize = lambda x: (x - mean.view(view)) / std.view(view)  # noqa: E731
    aug = parse_augment(d.get("augment", ""))

    model = MODEL_CLASS().to(device)
    if args.init:
        model.load_state_dict(load_state_dict_file(args.init), strict=True)
    net = DDP(model) if distributed else model
    opt = make_optimizer(net.parameters(), s)
    sched = make_scheduler(opt, s["scheduler"])
    warm = s["warmup"]
    base_lrs = [g["lr"] for g in opt.param_groups]

    train_ds = TensorDataset(tx, ty)
    sampler = DistributedSampler(train_ds, num_replicas=world, rank=rank, shuffle=True, seed=args.seed) if distributed else None
    loader = DataLoader(train_ds, batch_size=args.batch_size, shuffle=sampler is None, sampler=sampler, drop_last=False)
    es = s["early_stopping"]
    best, best_state, bad_epochs = None, None, 0
    if rank == 0:
        print(f"train.py: {len(tx)} train, {len(vx)} val, {len(ex)} test samples; {world} process(es); device {device}", flush=True)
    for epoch in range(args.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        if warm["epochs"] > 0 and epoch < warm["epochs"]:
            f = warm["start_factor"] + (1 - warm["start_factor"]) * epoch / warm["epochs"]
            for g, lr in zip(opt.param_groups, base_lrs):
                g["lr"] = lr * f
        net.train()
        t0, seen, loss_sum, correct = time.time(), 0, 0.0, 0
        for xb, yb in loader:
            xb = normalize(augment(xb, aug)).to(device)
            yb = yb.to(device)
            out = net(xb)
            out = out[0] if isinstance(out, tuple) else out
            loss = loss_fn(s["loss"], out, yb)
            if s["l1"] > 0:
                loss = loss + s["l1"] * sum(p.abs().sum() for p in net.parameters())
            opt.zero_grad()
            loss.backward()
            if s["clip_grad_norm"]:
                torch.nn.utils.clip_grad_norm_(net.parameters(), s["clip_grad_norm"])
            opt.step()
            loss_sum += float(loss) * len(xb)
            correct += int((out.argmax(1) == yb).sum())
            seen += len(xb)
        stats = torch.tensor([loss_sum, correct, seen], dtype=torch.float64)
        if distributed:
            dist.all_reduce(stats)
        train_loss, train_acc = float(stats[0] / stats[2]), float(stats[1] / stats[2])
        val_loss, val_acc = evaluate(model, normalize(vx).to(device), vy.to(device), s, 256) if len(vx) else (float("nan"), float("nan"))
        metrics = {"train_loss": train_loss, "train_acc": train_acc, "val_loss": val_loss, "val_acc": val_acc}
        if rank == 0:
            print(f"epoch {epoch + 1}/{args.epochs}: train_loss {train_loss:.4f} train_acc {train_acc:.4f} "
                  f"val_loss {val_loss:.4f} val_acc {val_acc:.4f} lr {opt.param_groups[0]['lr']:.3g} ({time.time() - t0:.1f} s)", flush=True)
        if sched is not None and epoch + 1 >= warm["epochs"]:
            if isinstance(sched, torch.optim.lr_scheduler.ReduceLROnPlateau):
                sched.step(metrics[s["scheduler"].get("monitor", "val_loss")])
            else:
                sched.step()
        if es["enabled"]:
            value = metrics[es["monitor"]]
            sign = 1 if es["monitor"].endswith("acc") else -1
            if best is None or sign * (value - best) > es["min_delta"]:
                best, bad_epochs = value, 0
                best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
            else:
                bad_epochs += 1
                if bad_epochs > es["patience"]:
                    if rank == 0:
                        print(f"early stopping: {es['monitor']} did not improve for {es['patience']} epochs", flush=True)
                    break
    if es["enabled"] and es["restore_best"] and best_state is not None:
        model.load_state_dict(best_state)
    test_loss, test_acc = evaluate(model, normalize(ex).to(device), ey.to(device), s, 256)
    if rank == 0:
        print(f"test: loss {test_loss:.4f} acc {test_acc:.4f}", flush=True)
        torch.save(model.state_dict(), args.out)
        print(f"saved {args.out}", flush=True)
    if distributed:
        dist.destroy_process_group()


if __name__ == "__main__":
    main()
`;
