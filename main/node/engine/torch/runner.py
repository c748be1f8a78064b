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
import sys
import threading
import time
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner_lib import Schedule, Tracker, load_optimizer, optimizer_tensors, read_safetensors, write_safetensors  # noqa: E402

PREFIX = "@@netloom "


class Fatal(Exception):
    """A problem a person can fix (a device that is not there): reported as one line."""


def emit(event, **fields):
    if int(os.environ.get("RANK", "0")) != 0:
        return
    fields["event"] = event
    # JSON has no NaN/Infinity: a non-finite number travels as null.
    clean = {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in fields.items()}
    sys.stdout.write(PREFIX + json.dumps(clean) + "\n")
    sys.stdout.flush()


def watchdog(parent):
    """Kill the whole process group when Netloom's process is gone (no orphans). POSIX only: on
    Windows os.kill(pid, 0) would terminate the parent, so there the host's own kill has to do."""
    if os.name == "nt":
        return

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
    if job.get("sync_bn") and world > 1 and device.type != "cuda":
        raise Fatal(f"--sync-bn: SyncBatchNorm runs on CUDA only (this run is on {device}); drop --sync-bn or use --device cuda")
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

    # MPS has no float64: the running sums stay float32 there.
    acc_dtype = torch.float32 if device.type == "mps" else torch.float64
    every = int(job.get("batch_every", 10))
    per_epoch = math.ceil(n / bs)
    status, message = "completed", None
    trained, train_seconds, cpu_seconds = 0, 0.0, 0.0
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
        t0, c0 = time.perf_counter(), time.process_time()
        loss_acc = torch.zeros(3, dtype=acc_dtype, device=device)  # loss sum, correct, non-finite batches
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
                stats = torch.stack([batch_loss.to(acc_dtype), (correct_count(out, yb) * weight).to(acc_dtype),
                                     (~torch.isfinite(batch_loss)).to(acc_dtype)])
                loss_acc += stats
            seen += count
            trained += count
            fault(rank, epoch, b + 1)
            if (b + 1) % every == 0 or b + 1 == per_epoch:
                last = torch.cat([loss_acc, stats[:1]]).to(comm, torch.float64)
                if world > 1:
                    dist.all_reduce(last)
                last = last.tolist()
                if last[2] > 0:
                    status = "failed"
                    done = events[-1]["epoch"] if events else None
                    bad = last[3] / count
                    shown = "NaN" if math.isnan(bad) else ("Infinity" if bad > 0 else "-Infinity") if math.isinf(bad) else str(bad)
                    message = (f"Loss became {shown} at epoch {epoch}, batch {b + 1}: training stopped. The last good checkpoint "
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
        cpu_seconds += time.process_time() - c0
        if stop:
            break
        totals = loss_acc.to(comm, torch.float64)
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
    emit("end", status=status, message=message, test=test, img_per_s=trained / max(train_seconds, 1e-9), cpu_seconds=cpu_seconds,
         threads=torch.get_num_threads(),
         best_epoch=tracker.best_epoch, epochs_done=last_epoch if last_epoch is not None else start)
    if world > 1:
        dist.barrier()
        # Every rank has written all it writes: leave without the interpreter's teardown. PyTorch
        # 1.13 can deadlock there: the DDP Reducer's destructor joins a gloo worker thread, holding
        # the GIL, while that thread waits for the GIL to free a tensor (seen in a CI run: one rank
        # hung at exit for ten minutes, at full CPU, after the run had ended).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


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
