"""Checks PyTorch exports in Debian's python3-torch: python3 check_pytorch.py CASES.json OUT.json

CASES: [{"id", "dir", "repr", "state": [[name, shape]], "inputs": [{"shape", "values"}] | null,
"outputs": [[...]] | null, "twin": torchvision name | null, "weights": bool}]
OUT: {id: {"error"?, "repr_equal", "repr", "state_equal", "state_diff", "max_err", "twin"}}.
"""
import importlib.util
import json
import sys
import traceback

import torch
import torch.nn as nn


def skip_init():
    noop = lambda tensor, *a, **k: tensor  # noqa: E731
    for name in ("uniform_", "normal_", "constant_", "ones_", "zeros_", "kaiming_uniform_", "kaiming_normal_",
                 "xavier_uniform_", "xavier_normal_", "trunc_normal_"):
        setattr(nn.init, name, noop)


def twin(name):
    import torchvision.models as tvm
    if name == "googlenet":
        return tvm.googlenet(aux_logits=False, transform_input=False, init_weights=False)
    return getattr(tvm, name)()


def check(case, index):
    spec = importlib.util.spec_from_file_location(f"netloom_export_{index}", case["dir"] + "/model.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    model = mod.load(case["dir"] + "/model.safetensors") if case["weights"] else mod.MODEL_CLASS().eval()
    out = {"repr": repr(model)}
    out["repr_equal"] = out["repr"] == case["repr"]
    mine = [[k, list(v.shape)] for k, v in model.state_dict().items()]
    out["state_equal"] = mine == case["state"]
    out["state_diff"] = [m for m in mine if m not in case["state"]][:3] + [s for s in case["state"] if s not in mine][:3]
    if case["weights"]:
        nbt = [v.dtype for k, v in model.state_dict().items() if k.endswith("num_batches_tracked")]
        out["int64_counters"] = all(d == torch.int64 for d in nbt)
    if case.get("inputs") is not None:
        xs = [torch.tensor(x["values"], dtype=torch.float32).reshape(x["shape"]) for x in case["inputs"]]
        with torch.no_grad():
            y = model(*xs)
        ys = list(y) if isinstance(y, tuple) else [y]
        if len(ys) != len(case["outputs"]):
            out["max_err"] = float("inf")
        else:
            out["max_err"] = max(float((t.flatten() - torch.tensor(e)).abs().max()) for t, e in zip(ys, case["outputs"]))
    if case.get("twin"):
        tv = twin(case["twin"])
        tv.load_state_dict(model.state_dict(), strict=True)
        model.load_state_dict(tv.state_dict(), strict=True)
        out["twin"] = True
    return out


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)
    skip_init_after = [c for c in cases if not c["weights"]]
    results = {}
    for i, c in enumerate(cases):
        if c in skip_init_after:
            skip_init()
        try:
            results[c["id"]] = check(c, i)
        except Exception as e:  # reported per case
            results[c["id"]] = {"error": "".join(traceback.format_exception_only(type(e), e)).strip()}
    with open(sys.argv[2], "w") as f:
        json.dump(results, f)


if __name__ == "__main__":
    main()
