"""Helpers of runner.py (Netloom's PyTorch engine): safetensors, the optimizer's state in
Netloom's slots (runs/optimizer-state.ts), the lr schedule (app/training/schedules.ts) and the
best-epoch tracker (app/training/best.ts), each as the built-in engine computes it.
"""
import json
import math
import os
import struct


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
    import torch
    out = {"__optim__.step": torch.tensor([float(step)])}
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
