"""PyTorch's own view of the networks the code-import tests read: python3 torch_ref.py CASES.json OUT.json DIR

CASES: [{"id", "file" | "module", "class"?, "args"?, "input": [C, H, W] | null}]. For each case the model is built
(seeded, eval mode, BatchNorm running statistics randomized so that they matter) and OUT gets
{id: {"repr", "state": [[name, shape]], "params", "modules", "children"}}; with "input", also DIR/<id>.safetensors
(its state_dict, F32 and I64) and "x" / "y" (a seeded batch of 2 and the model's output, flattened).
Independent of the trace reader: it only builds the model the way a person would.
"""
import importlib
import importlib.util
import json
import os
import struct
import sys
import warnings

import torch
from torch import nn

warnings.filterwarnings("ignore")


def build(case, index):
    if "module" in case:
        mod = importlib.import_module(case["module"])
    else:
        spec = importlib.util.spec_from_file_location(f"netloom_ref_{index}", case["file"])
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
    args = case.get("args", {})
    torch.manual_seed(index)
    model = getattr(mod, case["class"])(**args)
    for m in model.modules():
        if isinstance(m, nn.modules.batchnorm._BatchNorm) and m.track_running_stats:
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 1.5)
            m.num_batches_tracked.fill_(7)
    return model.eval()


def save_safetensors(state, path):
    header, blobs, offset = {}, [], 0
    for name, t in state.items():
        t = t.detach().contiguous()
        dtype = "I64" if t.dtype == torch.int64 else "F32"
        data = t.numpy().astype("<i8" if dtype == "I64" else "<f4").tobytes()
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    h = json.dumps(header).encode("utf-8")
    h += b" " * (-len(h) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(h)) + h + b"".join(blobs))


def main():
    cases = json.load(open(sys.argv[1]))
    out = {}
    for i, c in enumerate(cases):
        model = build(c, i)
        r = {
            "repr": repr(model),
            "state": [[k, list(v.shape)] for k, v in model.state_dict().items()],
            "params": sum(p.numel() for p in model.parameters()),
            "modules": len(list(model.modules())),
            "children": len(list(model.children())),
        }
        if c.get("input"):
            save_safetensors(model.state_dict(), os.path.join(sys.argv[3], f"{c['id']}.safetensors"))
            g = torch.Generator().manual_seed(100 + i)
            x = torch.randn([2] + c["input"], generator=g)
            with torch.no_grad():
                y = model(x)
            r["x"] = x.flatten().tolist()
            r["y"] = y.flatten().tolist()
        out[c["id"]] = r
    json.dump(out, open(sys.argv[2], "w"))


if __name__ == "__main__":
    main()
