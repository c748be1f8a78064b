# PyTorch's side of `npm run bench -- --model NAME --input CxHxW`: torchvision's model (the
# network the Netloom template reproduces), random data, SGD lr 0.01 momentum 0.9,
# CrossEntropyLoss, the loss read every step (as the engine does), on `threads` CPU threads.
# Warm-up steps, timed steps, then optionally a torch.profiler table of one step; peak resident
# memory of this process (ru_maxrss) over the training steps, read before the profiler runs.
# Prints the profiler table, then one JSON line (with the BLAS the process mapped: torch_blas.py).
# "max_seconds" (optional, > 0) bounds the timed steps: after each step, none starts once that many
# seconds of wall time have passed (at least one step runs); "steps" in the output is the count run.
import json, resource, sys, time

import torch
import torchvision
from torch_blas import loaded_blas

args = json.loads(sys.argv[1])
torch.set_num_threads(args["threads"])
torch.manual_seed(1)
model = getattr(torchvision.models, args["model"])(num_classes=args["classes"]).train()
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
loss_fn = torch.nn.CrossEntropyLoss()
n = args["batch"]
x = torch.rand((n, *args["input"]))
y = torch.randint(0, 10, (n,))


def step():
    opt.zero_grad(set_to_none=True)
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return loss.item()


for _ in range(args["warmup"]):
    step()
t0, c0 = time.perf_counter(), time.process_time()
steps = 0
limit = args.get("max_seconds") or 0
while steps < args["steps"]:
    step()
    steps += 1
    if limit > 0 and time.perf_counter() - t0 >= limit:
        break
seconds = time.perf_counter() - t0
cpu_seconds = time.process_time() - c0
# Peak resident memory of the training steps, before the profiler (as the engine's side measures it).
max_rss_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
kernels = []
if args["profile"]:
    from torch.profiler import ProfilerActivity, profile

    with profile(activities=[ProfilerActivity.CPU]) as prof:
        step()
    avgs = prof.key_averages()
    print(avgs.table(sort_by="self_cpu_time_total", row_limit=args["rows"]))
    kernels = sorted(
        ({"name": e.key, "ms": e.self_cpu_time_total / 1000, "calls": e.count} for e in avgs),
        key=lambda k: -k["ms"],
    )[: args["rows"]]
print(
    json.dumps(
        {
            "img_per_s": steps * n / seconds,
            "step_ms": seconds * 1000 / steps,
            "img_per_cpu_s": steps * n / cpu_seconds,
            "steps": steps,
            "threads": torch.get_num_threads(),
            "torch": torch.__version__,
            "max_rss_mib": max_rss_mib,
            "kernels": kernels,
            **loaded_blas(),
        }
    )
)
