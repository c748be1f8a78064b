# PyTorch's side of scripts/bench/conv-kernels.ts: each convolution's forward, input gradient and
# weight gradient (aten::convolution_backward with one output selected), NCHW float32 on the CPU,
# best of `runs` after one warm-up (CPU time of the process), on `threads` threads. Prints one JSON line: {name: [fwd, dx, dw] ms}.
import json, sys, time

import torch
from torch_blas import loaded_blas

args = json.loads(sys.argv[1])
torch.set_num_threads(args["threads"])
torch.manual_seed(0)
out = {}
for c in args["shapes"]:
    n, h, w, ci = c["x"]
    x = torch.randn(n, ci, h, w)
    wt = torch.randn(c["oc"], ci, c["k"], c["k"])
    s, p = [c["s"]] * 2, [c["p"]] * 2
    y = torch.nn.functional.conv2d(x, wt, None, s, p)
    dy = torch.randn_like(y)

    def fwd():
        torch.nn.functional.conv2d(x, wt, None, s, p)

    def bwd(mask):
        return lambda: torch.ops.aten.convolution_backward(dy, x, wt, None, s, p, [1, 1], False, [0, 0], 1, mask)

    times = []
    for f in (fwd, bwd([True, False, False]), bwd([False, True, False])):
        f()
        best = float("inf")
        for _ in range(args["runs"]):
            t0 = time.process_time()
            f()
            best = min(best, time.process_time() - t0)
        times.append(best * 1000)
    out[c["name"]] = times
print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "ms": out, **loaded_blas()}))
