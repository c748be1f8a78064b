"""onnx.checker over exported files: python3 onnx-check.py A.onnx B.onnx ... -> one JSON line {path: error or null}."""
import json
import sys

import onnx

out = {}
for path in sys.argv[1:]:
    try:
        onnx.checker.check_model(onnx.load(path), full_check=True)
        out[path] = None
    except Exception as e:  # reported per file
        out[path] = f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"
print(json.dumps(out))
