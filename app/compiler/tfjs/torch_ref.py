"""Runs Netloom graphs in PyTorch for the compiler tests: python3 torch_ref.py IN.json OUT.json.

IN: {"cases": [{"id", "nodes": [{id, type, kwargs, shares?}], "edges": [{source, target, port}],
"order": [...], "outputs": [...], "inputs": [{"shape", "values"}], "state": {"nodeId.param": {shape, values}},
"train": bool, "steps": int, "sgd"?: {lr, momentum, weight_decay, labels}}]}.
With "sgd": `steps` SGD steps on CrossEntropyLoss in train mode, then outputs in eval mode. OUT: {id: {"outputs": [[...]], "state": {...}}} (state after the forward passes).
"""
import json
import sys

import torch
import torch.nn as nn


def tup(v):
    return tuple(tup(x) for x in v) if isinstance(v, list) else v


class ChannelShuffle(nn.ChannelShuffle):
    """torchvision's view/transpose form: PyTorch 1.13's channel_shuffle has no derivative."""

    def forward(self, x):
        n, c = x.shape[:2]
        return x.reshape(n, self.groups, c // self.groups, *x.shape[2:]).transpose(1, 2).reshape(x.shape)


def build(node):
    if node["type"] in ("Input", "Add", "Concat", "Mul", "Mean", "Permute", "Split", "Chunk"):
        return None
    kwargs = {k: tup(v) for k, v in node["kwargs"].items()}
    if node["type"] == "ChannelShuffle":
        return ChannelShuffle(**kwargs)
    return getattr(nn, node["type"])(**kwargs)


def run(case):
    mods = {}
    for n in case["nodes"]:
        if n.get("shares"):
            continue
        m = build(n)
        if m is None:
            continue
        own = {k.split(".", 1)[1]: v for k, v in case["state"].items() if k.split(".", 1)[0] == n["id"]}
        if own:
            sd = {}
            for k, v in own.items():
                t = torch.tensor(v["values"], dtype=torch.float32).reshape(v["shape"])
                sd[k] = t.long() if k == "num_batches_tracked" else t
            m.load_state_dict(sd, strict=True)
        m.train(case["train"])
        mods[n["id"]] = m
    byid = {n["id"]: n for n in case["nodes"]}
    ins = {}
    for e in case["edges"]:
        ins.setdefault(e["target"], []).append((e["port"], e["source"], e.get("from", 0)))
    inputs = [torch.tensor(x["values"], dtype=torch.float32).reshape(x["shape"]) for x in case["inputs"]]

    def forward():
        vals = {}
        k = 0
        for nid in case["order"]:
            n = byid[nid]
            xs = [vals[s] if f == 0 else vals[s][f] for _, s, f in sorted(ins.get(nid, []))]
            xs = [x[0] if isinstance(x, tuple) else x for x in xs]
            if n["type"] == "Input":
                vals[nid] = inputs[k]
                k += 1
            elif n["type"] == "Add":
                y = xs[0]
                for x in xs[1:]:
                    y = y + x
                vals[nid] = y
            elif n["type"] == "Mul":
                vals[nid] = xs[0] * xs[1]
            elif n["type"] == "Mean":
                vals[nid] = torch.mean(xs[0], dim=tup(n["kwargs"].get("dim", [2, 3])), keepdim=n["kwargs"].get("keepdim", False))
            elif n["type"] == "Permute":
                vals[nid] = xs[0].permute(*n["kwargs"]["dims"])
            elif n["type"] == "Split":
                vals[nid] = torch.split(xs[0], tup(n["kwargs"]["split_size_or_sections"]), dim=n["kwargs"].get("dim", 1))
            elif n["type"] == "Chunk":
                vals[nid] = torch.chunk(xs[0], n["kwargs"]["chunks"], dim=n["kwargs"].get("dim", 1))
            elif n["type"] == "Concat":
                vals[nid] = torch.cat(xs, dim=n["kwargs"].get("dim", 1))
            else:
                vals[nid] = mods[n.get("shares") or nid](xs[0])
        return vals

    sgd = case.get("sgd")
    if sgd:
        # Training steps: CrossEntropyLoss on the logits, torch.optim.SGD.
        params = [p for m in mods.values() for p in m.parameters()]
        opt = torch.optim.SGD(params, lr=sgd["lr"], momentum=sgd["momentum"], weight_decay=sgd["weight_decay"])
        labels = torch.tensor(sgd["labels"], dtype=torch.long)
        for _ in range(case["steps"]):
            opt.zero_grad()
            loss = nn.functional.cross_entropy(forward()[case["outputs"][0]], labels)
            loss.backward()
            opt.step()
    with torch.no_grad():
        for _ in range(0 if sgd else case["steps"]):
            vals = forward()
        if sgd:
            for m in mods.values():
                m.eval()
            vals = forward()
    state = {}
    for nid, m in mods.items():
        for k, v in m.state_dict().items():
            state[f"{nid}.{k}"] = v.float().flatten().tolist()
    return {"outputs": [vals[o].flatten().tolist() for o in case["outputs"]], "state": state}


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)["cases"]
    out = {c["id"]: run(c) for c in cases}
    with open(sys.argv[2], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
