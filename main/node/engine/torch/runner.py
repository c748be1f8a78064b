"""Netloom's PyTorch engine: trains the exported model.py with the user's own PyTorch.

Started by Netloom (main/node/engine/torch/launch.ts), never by hand:
  python runner.py JOB.json                       one process
  python -m torch.distributed.run ... runner.py JOB.json   torchrun, DistributedDataParallel

Everything random comes from Netloom: the initial weights (init.safetensors), the split (the
.npy files), each epoch's shuffling order (orders.npy) and augmented samples (aug-<epoch>.npy).
The loop follows app/training/loop.ts: torch.optim, the L1 term, the lr schedule per epoch
(schedules.ts), best/last checkpoints, early stopping, the NaN guard. A global batch of
batch_size is split across the ranks (each rank a contiguous share of it, its loss weighted by
its share), so the averaged gradient is the one-process gradient.

Rank 0 reports events as JSON lines on stdout prefixed with "@@netloom "; the control file
(written by Netloom) says running, paused or stopping. If Netloom's process dies, every process
of the group is killed (watchdog), so nothing is left behind.
"""
import json
import math
import os
import signal
import struct
import sys
import threading
import time
import traceback

PREFIX = "@@netloom "


class Fatal(Exception):
    """A problem a person can fix (a device that is not there): reported as one line."""


def emit(event, **fields):
    if int(os.environ.get("RANK", "0")) != 0:
        return
    fields["event"] = event
    sys.stdout.write(PREFIX + json.dumps(fields, allow_nan=True) + "\n")
    sys.stdout.flush()


def watchdog(parent):
    """Kill the whole process group when Netloom's process is gone (no orphans)."""
    def run():
        while True:
            time.sleep(1.0)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os.killpg(os.getpgrp(), signal.SIGKILL)
            except PermissionError:
                pass
    threading.Thread(target=run, daemon=True).start()


def fault(rank, epoch, batch):
    """Test-only: NETLOOM_TORCH_FAULT=kill-rank-R@B kills rank R at batch B of the first epoch trained."""
    spec = os.environ.get("NETLOOM_TORCH_FAULT", "")
    if spec.startswith("kill-rank-"):
        r, _, b = spec[len("kill-rank-"):].partition("@")
        if int(r) == rank and int(b) == batch:
            os.kill(os.getpid(), signal.SIGKILL)


# --- safetensors (F32 only; what Netloom reads and writes) --------------------------------------

def write_safetensors(path, tensors):
    import torch
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        b = t.detach().to("cpu", torch.float32).contiguous().numpy().tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(b)]}
        blobs.append(b)
        offset += len(b)
    text = json.dumps(header)
    text += " " * ((8 - len(text) % 8) % 8)
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text.encode("ascii"))
        for b in blobs:
            f.write(b)
    os.replace(tmp, path)


def read_safetensors(path):
    import torch
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        a, b = info["data_offsets"]
        dtype = {"F32": torch.float32, "I64": torch.int64}[info["dtype"]]
        out[name] = torch.frombuffer(bytearray(data[8 + n + a:8 + n + b]), dtype=dtype).reshape(info["shape"]).clone()
    return out


# --- optimizer state <-> Netloom's slots (runs/optimizer-state.ts) -------------------------------

SLOTS = {
    "sgd": ["momentum_buffer"],
    "adam": ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"],
    "adamw": ["exp_avg", "exp_avg_sq", "max_exp_avg_sq"],
    "rmsprop": ["square_avg", "grad_avg", "momentum_buffer"],
}


def optimizer_tensors(opt, model, kind, step):
    out = {"__optim__.step": __import__("torch").tensor([float(step)])}
    for name, p in model.named_parameters():
        st = opt.state.get(p, {})
        for slot, key in enumerate(SLOTS[kind]):
            if st.get(key) is not None:
                out[f"__optim__.{slot}.{name}"] = st[key]
    return out


def load_optimizer(opt, model, kind, s, state):
    import torch
    if "__optim__.step" not in state:
        return 0
    step = int(state["__optim__.step"][0])
    for name, p in model.named_parameters():
        st = {}
        for slot, key in enumerate(SLOTS[kind]):
            t = state.get(f"__optim__.{slot}.{name}")
            if t is not None:
                st[key] = t.to(p.device)
        if kind in ("adam", "adamw"):
            if "exp_avg" not in st or "exp_avg_sq" not in st:
                continue
            if s["amsgrad"] and "max_exp_avg_sq" not in st:
                st["max_exp_avg_sq"] = st["exp_avg_sq"].clone()
            st["step"] = torch.tensor(float(step))
        elif kind == "rmsprop":
            if "square_avg" not in st:
                continue
            if s["momentum"] > 0 and "momentum_buffer" not in st:
                st["momentum_buffer"] = torch.zeros_like(p)
            if s["centered"] and "grad_avg" not in st:
                st["grad_avg"] = torch.zeros_like(p)
            st["step"] = torch.tensor(float(step))
        if st:
            opt.state[p] = st
    return step


# --- schedule and best tracker, as app/training/schedules.ts and best.ts --------------------------

class Schedule:
    def __init__(self, base, s, warm):
        self.base, self.s, self.lr, self.epoch = base, s, base, 0
        self.w = warm if warm["epochs"] > 0 else None
        if self.w:
            self.lr = self.lr * self.w["start_factor"]
        self.best = -math.inf if s["name"] == "ReduceLROnPlateau" and s["mode"] == "max" else math.inf
        self.bad = 0
        self.cooldown = 0

    def better(self, a, b):
        s = self.s
        if s["threshold_mode"] == "rel":
            return a < b * (1 - s["threshold"]) if s["mode"] == "min" else a > b * (1 + s["threshold"])
        sign = 1 if s["mode"] == "min" else -1
        return sign * a < sign * b - s["threshold"]

    def step(self, metric=None):
        s, self.epoch = self.s, self.epoch + 1
        e, name = self.epoch, s["name"]
        if name == "StepLR":
            if e % s["step_size"] == 0:
                self.lr *= s["gamma"]
        elif name == "MultiStepLR":
            self.lr *= s["gamma"] ** len([m for m in s["milestones"] if m == e])
        elif name == "ExponentialLR":
            self.lr *= s["gamma"]
        elif name == "CosineAnnealingLR":
            T = s["T_max"]
            if (e - 1 - T) % (2 * T) == 0:
                self.lr = self.lr + (self.base - s["eta_min"]) * (1 - math.cos(math.pi / T)) / 2
            else:
                self.lr = (1 + math.cos(math.pi * e / T)) / (1 + math.cos(math.pi * (e - 1) / T)) * (self.lr - s["eta_min"]) + s["eta_min"]
        elif name == "ReduceLROnPlateau" and metric is not None and math.isfinite(metric):
            if self.better(metric, self.best):
                self.best, self.bad = metric, 0
            else:
                self.bad += 1
            if self.cooldown > 0:
                self.cooldown -= 1
                self.bad = 0
            if self.bad > s["patience"]:
                nxt = max(self.lr * s["factor"], s["min_lr"])
                if self.lr - nxt > s["eps"]:
                    self.lr = nxt
                self.cooldown = s["cooldown"]
                self.bad = 0
        if self.w and e <= self.w["epochs"]:
            sf = self.w["start_factor"]
            self.lr *= 1 + (1 - sf) / (self.w["epochs"] * sf + (e - 1) * (1 - sf))


class Tracker:
    def __init__(self, monitor, min_delta):
        self.monitor, self.min_delta = monitor, min_delta
        self.best_value, self.best_epoch, self.wait = None, None, 0

    def update(self, epoch, value):
        if value is None or not math.isfinite(value):
            self.wait += 1
            return False
        mx = self.monitor.endswith("acc")
        b = self.best_value
        improved = b is None or (value > b + self.min_delta if mx else value < b - self.min_delta)
        if improved:
            self.best_value, self.best_epoch, self.wait = value, epoch, 0
        else:
            self.wait += 1
        return improved


# --- the run ----------------------------------------------------------------------------------------

def pick_device(torch, want, world, local_rank):
    want = want or "auto"
    has_mps = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    if want == "auto":
        want = "cuda" if torch.cuda.is_available() else ("mps" if has_mps and world == 1 else "cpu")
    if want.startswith("cuda"):
        if not torch.cuda.is_available():
            raise Fatal(f"--device {want}: CUDA is not available to torch {torch.__version__} in {sys.executable} "
                        f"(torch.cuda.is_available() is False: a CPU-only build, or no driver/GPU); use --device cpu")
        index = int(want.split(":")[1]) if ":" in want else 0
        if world > 1:
            index = local_rank
        if index >= torch.cuda.device_count():
            raise Fatal(f"--device {want}: this machine has {torch.cuda.device_count()} CUDA device(s) (cuda:0..cuda:{torch.cuda.device_count() - 1})")
        torch.cuda.set_device(index)
        return torch.device(f"cuda:{index}")
    if want == "mps":
        if not has_mps:
            raise Fatal(f"--device mps: torch {torch.__version__} in {sys.executable} has no MPS (Apple GPU); use --device cpu")
        if world > 1:
            raise Fatal("--device mps trains in one process only: drop --nproc")
        return torch.device("mps")
    if want != "cpu":
        raise Fatal(f"--device {want}: use cpu, cuda, cuda:N or mps")
    return torch.device("cpu")


def per_sample_loss(F, name, out, y):
    if name == "CrossEntropyLoss":
        return F.cross_entropy(out, y, reduction="none")
    c = out.shape[1]
    target = y.float().view(-1, 1) if c == 1 else F.one_hot(y, c).float()
    if name == "MSELoss":
        return ((out - target) ** 2).mean(1)
    return F.binary_cross_entropy_with_logits(out, target, reduction="none").mean(1)


def correct_count(out, y):
    pred = (out.view(-1) > 0).long() if out.shape[1] == 1 else out.argmax(1)
    return (pred == y).sum()


def first(out):
    return out[0] if isinstance(out, (tuple, list)) else out


def evaluate(torch, F, model, x, y, loss_name, bs, device):
    model.eval()
    total, correct, loss = 0, 0, 0.0
    with torch.no_grad():
        for i in range(0, len(x), bs):
            xb = torch.from_numpy(x[i:i + bs].copy()).to(device)
            yb = torch.from_numpy(y[i:i + bs].astype("int64")).to(device)
            out = first(model(xb))
            loss += float(per_sample_loss(F, loss_name, out, yb).sum())
            correct += int(correct_count(out, yb))
            total += len(xb)
    return (loss / total, correct / total) if total else (float("nan"), float("nan"))


def main(job_path):
    with open(job_path) as f:
        job = json.load(f)
    if os.environ.get("NETLOOM_PARENT_PID"):
        watchdog(int(os.environ["NETLOOM_PARENT_PID"]))
    import numpy as np
    import torch
    import torch.distributed as dist
    import torch.nn.functional as F

    rank, world = int(os.environ.get("RANK", "0")), int(os.environ.get("WORLD_SIZE", "1"))
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    s = job["settings"]
    device = pick_device(torch, job.get("device"), world, local_rank)
    if job.get("threads"):
        torch.set_num_threads(int(job["threads"]))
    if world > 1:
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    comm = device if (world > 1 and device.type == "cuda") else torch.device("cpu")
    torch.manual_seed(int(job["seed"]) + rank)

    sys.path.insert(0, job["model_dir"])
    from model import MODEL_CLASS  # noqa: E402 (the exported model.py)
    model = MODEL_CLASS()
    init = read_safetensors(job["init"])
    weights = {k: v for k, v in init.items() if not k.startswith("__optim__.")}
    own = model.state_dict()
    for k, v in own.items():
        if k in weights and v.dtype != torch.float32:
            weights[k] = weights[k].to(v.dtype)
    model.load_state_dict(weights, strict=True)
    if world > 1 and job.get("sync_bn"):
        model = torch.nn.SyncBatchNorm.convert_sync_batchnorm(model)
    model.to(device)
    net = model
    if world > 1:
        from torch.nn.parallel import DistributedDataParallel as DDP
        net = DDP(model, device_ids=[device.index] if device.type == "cuda" else None)
    params = list(model.parameters())
    kind = s["optimizer"]
    wd = s["weight_decay"] if s["weight_decay"] is not None else (1e-2 if kind == "adamw" else 0.0)
    if kind == "sgd":
        opt = torch.optim.SGD(params, lr=s["lr"], momentum=s["momentum"], dampening=s["dampening"], nesterov=s["nesterov"], weight_decay=wd)
    elif kind in ("adam", "adamw"):
        cls = torch.optim.Adam if kind == "adam" else torch.optim.AdamW
        opt = cls(params, lr=s["lr"], betas=tuple(s["betas"]), eps=s["eps"], weight_decay=wd, amsgrad=s["amsgrad"])
    else:
        opt = torch.optim.RMSprop(params, lr=s["lr"], alpha=s["alpha"], eps=s["eps"], weight_decay=wd, momentum=s["momentum"], centered=s["centered"])
    step = load_optimizer(opt, model, kind, s, init)

    d = job["data"]
    tx = np.load(d["train_x"], mmap_mode="r")
    ty = np.load(d["train_y"]).astype("int64")
    vx = np.load(d["val_x"], mmap_mode="r") if d.get("val_x") else None
    vy = np.load(d["val_y"]) if d.get("val_y") else None
    ex = np.load(d["test_x"], mmap_mode="r") if d.get("test_x") else None
    ey = np.load(d["test_y"]) if d.get("test_y") else None
    orders = np.load(d["orders"], mmap_mode="r")
    n, bs = len(ty), int(s["batch_size"])
    has_val = vx is not None and len(vx) > 0

    def fix(m):
        return m if has_val or not m.startswith("val") else m.replace("val", "train")
    es = s["early_stopping"]
    tracker = Tracker(fix(es["monitor"] if es["enabled"] else "val_loss"), es["min_delta"] if es["enabled"] else 0)
    sch = s["scheduler"]
    plateau = fix(sch["monitor"]) if sch["name"] == "ReduceLROnPlateau" else None
    schedule = Schedule(s["lr"], sch, s["warmup"])
    start = int(job["start_epoch"])
    for e in job["history"]:
        v = e.get(tracker.monitor)
        tracker.update(e["epoch"], float("nan") if v is None else v)
        pv = e.get(plateau) if plateau else None
        schedule.step(pv)
    emit("start", device=str(device), device_name=(torch.cuda.get_device_name(device) if device.type == "cuda" else device.type),
         world_size=world, torch_version=torch.__version__, python=sys.version.split()[0])

    def control():
        code = 0
        if rank == 0:
            try:
                with open(job["control"]) as f:
                    state = json.load(f).get("state")
                code = {"paused": 1, "stopping": 2}.get(state, 0)
            except (OSError, ValueError):
                code = 0
        if world > 1:
            t = torch.tensor([code], dtype=torch.int32, device=comm)
            dist.broadcast(t, 0)
            code = int(t[0])
        return code

    def check_control():
        code = control()
        if code == 1:
            emit("state", state="paused")
            while code == 1:
                time.sleep(0.25)
                code = control()
            if code == 0:
                emit("state", state="running")
        return code == 2

    every = int(job.get("batch_every", 10))
    per_epoch = math.ceil(n / bs)
    status, message = "completed", None
    trained, train_seconds = 0, 0.0
    best_state = None
    epoch = start
    events = list(job["history"])
    last_epoch = None
    for epoch in range(start + 1, int(s["epochs"]) + 1):
        for g in opt.param_groups:
            g["lr"] = schedule.lr
        order = np.asarray(orders[epoch - start - 1])
        aug = None
        if d.get("aug_dir"):
            path = os.path.join(d["aug_dir"], f"aug-{epoch}.npy")
            while not os.path.exists(path):
                if check_control():
                    status, message = "stopped", f"Stopped at epoch {epoch}, batch 0."
                    break
                time.sleep(0.05)
            if status == "stopped":
                break
            aug = np.load(path, mmap_mode="r")
        net.train()
        t0 = time.perf_counter()
        loss_acc = torch.zeros(3, dtype=torch.float64, device=device)  # loss sum, correct, non-finite batches
        seen = 0
        window_seen = 0
        stop = False
        for b in range(per_epoch):
            lo_g, hi_g = b * bs, min(n, (b + 1) * bs)
            count = hi_g - lo_g
            lo, hi = lo_g + (rank * count) // world, lo_g + ((rank + 1) * count) // world
            weight = 1.0
            if hi == lo:
                lo, hi, weight = lo_g, lo_g + 1, 0.0
            if aug is not None:
                xb = torch.from_numpy(np.ascontiguousarray(aug[lo:hi]))
            else:
                xb = torch.from_numpy(tx[order[lo:hi]])
            yb = torch.from_numpy(ty[order[lo:hi]])
            xb, yb = xb.to(device, non_blocking=True), yb.to(device, non_blocking=True)
            out = first(net(xb))
            ps = per_sample_loss(F, s["loss"], out, yb)
            loss = ps.sum() * (weight * world / count)
            l1 = None
            if s["l1"] > 0:
                l1 = s["l1"] * sum(p.abs().sum() for p in params)
                loss = loss + l1
            opt.zero_grad(set_to_none=True)
            loss.backward()
            if s["clip_grad_norm"]:
                torch.nn.utils.clip_grad_norm_(params, s["clip_grad_norm"])
            opt.step()
            step += 1
            with torch.no_grad():
                batch_loss = ps.sum() * weight + (l1.detach() * count / world if l1 is not None else 0.0)
                stats = torch.stack([batch_loss.double(), (correct_count(out, yb) * weight).double(),
                                     (~torch.isfinite(batch_loss)).double()])
                loss_acc += stats
            seen += count
            trained += count
            fault(rank, epoch, b + 1)
            if (b + 1) % every == 0 or b + 1 == per_epoch:
                last = torch.cat([loss_acc, stats[:1]]).to(comm)
                if world > 1:
                    dist.all_reduce(last)
                last = last.tolist()
                if last[2] > 0:
                    status = "failed"
                    done = events[-1]["epoch"] if events else None
                    message = (f"Loss became {last[3] / count} at epoch {epoch}, batch {b + 1}: training stopped. The last good checkpoint "
                               f"({'epoch ' + str(done) if done else 'none yet'}) is kept. Lower the learning rate (now {schedule.lr}) or set clip_grad_norm.")
                    stop = True
                    break
                dt = time.perf_counter() - t0
                ips = seen / max(dt, 1e-9)
                left = (per_epoch - b - 1) * bs + (int(s["epochs"]) - epoch) * n
                emit("batch", epoch=epoch, batch=b + 1, batches=per_epoch, loss=last[3] / count, lr=schedule.lr, img_per_s=ips, eta_s=left / ips)
                if check_control():
                    status, message = "stopped", f"Stopped at epoch {epoch}, batch {b + 1}."
                    stop = True
                    break
        seconds = time.perf_counter() - t0
        train_seconds += seconds
        if stop:
            break
        totals = loss_acc.to(comm)
        if world > 1:
            dist.all_reduce(totals)
        totals = totals.tolist()
        vals = torch.tensor([float("nan"), float("nan")], dtype=torch.float64, device=comm)
        if has_val and rank == 0:
            vl, va = evaluate(torch, F, model, vx, vy, s["loss"], max(bs, 256), device)
            vals = torch.tensor([vl, va], dtype=torch.float64, device=comm)
        if has_val and world > 1:
            dist.broadcast(vals, 0)
        vals = vals.tolist()
        metrics = {"train_loss": totals[0] / seen, "train_acc": totals[1] / seen,
                   "val_loss": vals[0] if has_val else None, "val_acc": vals[1] if has_val else None}
        is_best = tracker.update(epoch, metrics[tracker.monitor])
        ips = seen / max(seconds, 1e-9)
        ev = {"epoch": epoch, "epochs": int(s["epochs"]), **metrics, "lr": schedule.lr, "img_per_s": ips, "seconds": seconds,
              "eta_s": (int(s["epochs"]) - epoch) * n / ips, "tensors": 0,
              "bytes": int(torch.cuda.memory_allocated(device)) if device.type == "cuda" else 0, "best": is_best}
        events.append(ev)
        last_epoch = epoch
        if is_best and es["enabled"] and es["restore_best"]:
            best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        emit("epoch", **ev)
        if rank == 0:
            tensors = dict(model.state_dict())
            tensors.update(optimizer_tensors(opt, model, kind, step))
            path = os.path.join(job["out_dir"], f"epoch-{epoch}.safetensors")
            write_safetensors(path, tensors)
            emit("checkpoint", epoch=epoch, file=path, best=is_best)
        schedule.step(metrics[plateau] if plateau else None)
        if es["enabled"] and not is_best and tracker.wait >= es["patience"]:
            status = "early_stopped"
            message = (f"Early stopping after epoch {epoch}: {tracker.monitor} did not improve for {es['patience']} epochs "
                       f"(best {tracker.best_value} at epoch {tracker.best_epoch}).")
            break
    if best_state is not None and status == "early_stopped":
        model.load_state_dict(best_state)
    test = None
    if rank == 0 and ex is not None and len(ex) > 0 and status != "failed":
        tl, ta = evaluate(torch, F, model, ex, ey, s["loss"], max(bs, 256), device)
        test = {"loss": tl, "acc": ta}
    emit("end", status=status, message=message, test=test, img_per_s=trained / max(train_seconds, 1e-9),
         best_epoch=tracker.best_epoch, epochs_done=last_epoch if last_epoch is not None else start)
    if world > 1:
        dist.barrier()
        dist.destroy_process_group()


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except Fatal as e:
        emit("fatal", message=str(e))
        print(f"netloom torch engine: {e}", file=sys.stderr, flush=True)
        sys.exit(3)
    except Exception:
        traceback.print_exc()
        sys.stderr.flush()
        sys.exit(1)
