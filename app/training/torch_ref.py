"""torch.optim reference for the training tests: python3 torch_ref.py IN.json OUT.json.

IN: {"optimizers": [{"id", "name", "kwargs", "params": [{shape, values}], "grads": [[{values}...] per step]}],
     "schedules": [{"id", "name", "kwargs", "warmup": {epochs, start_factor} | null, "lr", "epochs", "metrics": [...]}]}
OUT: {"optimizers": {id: [[values per param] per step]}, "schedules": {id: [lr per epoch]}}
"""
import json
import sys

import torch
import torch.nn as nn
import torch.optim as optim
import torch.optim.lr_scheduler as sched

OPT = {"sgd": optim.SGD, "adam": optim.Adam, "adamw": optim.AdamW, "rmsprop": optim.RMSprop}


def tup(v):
    return tuple(v) if isinstance(v, list) else v


def run_opt(c):
    ps = [torch.tensor(p["values"], dtype=torch.float32).reshape(p["shape"]).requires_grad_() for p in c["params"]]
    opt = OPT[c["name"]](ps, **{k: tup(v) for k, v in c["kwargs"].items()})
    out = []
    for step in c["grads"]:
        for p, g in zip(ps, step):
            p.grad = torch.tensor(g, dtype=torch.float32).reshape(p.shape)
        opt.step()
        out.append([p.detach().flatten().tolist() for p in ps])
    return out


def run_sched(c):
    p = torch.zeros(1, requires_grad=True)
    opt = optim.SGD([p], lr=c["lr"])
    main = getattr(sched, c["name"])(opt, **{k: tup(v) for k, v in c["kwargs"].items()}) if c["name"] != "none" else None
    warm = None
    if c.get("warmup"):
        warm = sched.LinearLR(opt, start_factor=c["warmup"]["start_factor"], total_iters=c["warmup"]["epochs"])
    lrs = []
    for e in range(c["epochs"]):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if isinstance(main, sched.ReduceLROnPlateau):
            main.step(c["metrics"][e])
        elif main is not None:
            main.step()
        if warm is not None:
            warm.step()
    return lrs


def loss_of(c, x):
    y = torch.tensor(c["labels"], dtype=torch.long)
    if c["name"] == "CrossEntropyLoss":
        return nn.functional.cross_entropy(x, y)
    t = nn.functional.one_hot(y, c["shape"][1]).float() if c["shape"][1] > 1 else y.float().reshape(-1, 1)
    if c["name"] == "MSELoss":
        return nn.functional.mse_loss(x, t)
    return nn.functional.binary_cross_entropy_with_logits(x, t)


def run_loss(c):
    """The loss and its gradient with respect to the logits."""
    x = torch.tensor(c["logits"], dtype=torch.float32).reshape(c["shape"]).requires_grad_()
    loss = loss_of(c, x)
    loss.backward()
    return {"value": float(loss), "grad": x.grad.flatten().tolist()}


def run_clip(c):
    ps = [torch.zeros(g["shape"], requires_grad=True) for g in c["grads"]]
    for p, g in zip(ps, c["grads"]):
        p.grad = torch.tensor(g["values"], dtype=torch.float32).reshape(g["shape"])
    norm = nn.utils.clip_grad_norm_(ps, c["max_norm"])
    return {"norm": float(norm), "grads": [p.grad.flatten().tolist() for p in ps]}


def main():
    with open(sys.argv[1]) as f:
        data = json.load(f)
    out = {
        "optimizers": {c["id"]: run_opt(c) for c in data.get("optimizers", [])},
        "schedules": {c["id"]: run_sched(c) for c in data.get("schedules", [])},
        "losses": {c["id"]: run_loss(c) for c in data.get("losses", [])},
        "clips": {c["id"]: run_clip(c) for c in data.get("clips", [])},
    }
    with open(sys.argv[2], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
