# PyTorch's side of scripts/bench/linear-kernels.ts: each Linear layer's forward (linear + ReLU),
# input gradient (dz @ W) and weight gradient (dz^T @ x), float32 on the CPU, one thread, best of
# `runs` after one warm-up (CPU time of the process). Prints one JSON line: {name: [fwd, dx, dw] ms}.
import json, sys, time

import torch
from torch_blas import loaded_blas

args = json.loads(sys.argv[1])
torch.set_num_threads(1)
torch.manual_seed(0)
out = {}
for s in args["shapes"]:
    x = torch.randn(s["batch"], s["fin"])
    w = torch.randn(s["fout"], s["fin"])
    b = torch.randn(s["fout"])
    dz = torch.randn(s["batch"], s["fout"])
    fns = (
        lambda: torch.relu(torch.nn.functional.linear(x, w, b)),
        lambda: dz.mm(w),
        lambda: dz.t().mm(x),
    )
    times = []
    for f in fns:
        f()
        best = float("inf")
        for _ in range(args["runs"]):
            t0 = time.process_time()
            f()
            best = min(best, time.process_time() - t0)
        times.append(best * 1000)
    out[s["name"]] = times
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "ms": out, **loaded_blas()}))
