# The PyTorch side of `npm run bench -- --backend webgpu`: the network's exported model.py
# (app/compiler/pytorch) trained on random data with SGD (momentum 0.9) and CrossEntropyLoss, on
# CUDA where torch sees a GPU, else on the CPU (all threads). Warm-up steps first, then steps
# until `seconds` have passed. Prints one JSON line.
import json, sys, time, importlib.util

import torch
from torch_blas import loaded_blas

args = json.loads(sys.argv[1])
spec = importlib.util.spec_from_file_location("netloom_bench_model", args["model_py"])
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
device = "cuda" if torch.cuda.is_available() else "cpu"
model = getattr(mod, args["root_class"])().to(device).train()
opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
loss_fn = torch.nn.CrossEntropyLoss()
g = torch.Generator().manual_seed(1)
n = args["batch"]
x = torch.rand((n, *args["input"]), generator=g).to(device)
y = torch.randint(0, 10, (n,), generator=g).to(device)


def step():
    opt.zero_grad(set_to_none=True)
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    return loss.item()  # reads the loss every step, as the engine does


for _ in range(args["warmup"]):
    step()
steps, t0 = 0, time.perf_counter()
while steps < 1 or (time.perf_counter() - t0 < args["seconds"] and steps < args["max_steps"]):
    step()
    steps += 1
seconds = time.perf_counter() - t0
name = torch.cuda.get_device_name(0) if device == "cuda" else f"CPU, {torch.get_num_threads()} threads"
print(json.dumps({"img_per_s": steps * n / seconds, "steps": steps, "seconds": seconds, "device": name, "torch": torch.__version__, **loaded_blas()}))
