"""One template's ONNX file against its PyTorch export: python3 onnx-torch.py DIR SEED

DIR holds model.py, model.safetensors and model.onnx. Runs onnx.checker (full) on model.onnx, then
the PyTorch model on a seeded random input; writes DIR/input.bin and DIR/output.bin (float32,
little-endian) and prints one JSON line {"checker": error or null, "input_shape": [...]}.
"""
import importlib.util
import json
import sys

import onnx
import torch

d, seed = sys.argv[1], int(sys.argv[2])
result = {"checker": None}
try:
    onnx.checker.check_model(d + "/model.onnx", full_check=True)
except Exception as e:  # reported, not raised
    result["checker"] = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
spec = importlib.util.spec_from_file_location("exported_model", d + "/model.py")
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
model = mod.load(d + "/model.safetensors")
torch.manual_seed(seed)
x = torch.randn(1, *mod.INPUT_SHAPES[0])
with torch.no_grad():
    y = model(x)
x.numpy().astype("<f4").tofile(d + "/input.bin")
y.numpy().astype("<f4").tofile(d + "/output.bin")
result["input_shape"] = list(x.shape)
print(json.dumps(result))
