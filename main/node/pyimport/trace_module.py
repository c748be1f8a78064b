"""Netloom's trace reader: python3 trace_module.py (--file PATH | --module NAME) [--class NAME] [--args JSON] --out FILE

Imports a Python file or an importable module, builds the chosen nn.Module class or factory
function, traces its forward with torch.fx (standard torch.nn modules stay leaves) and writes JSON
to FILE: the module tree in named_modules() order (class names, and each standard layer's
constructor arguments read from its attributes), the traced calls, and the parameter count. The
schema is app/importers/pytorch/schema.ts; the TypeScript side validates it and evaluates nothing.

Run by `netloom import` in its own process, with a timeout and a memory limit, only when the person
chose to run their code. Problems are {"error": "..."} (one line); stdout is the user's code's.
"""
import argparse
import importlib
import importlib.util
import inspect
import json
import os
import re
import sys
import traceback
import warnings

OUT = None


def write(obj):
    with open(OUT, "w", encoding="utf-8") as f:
        json.dump(obj, f)


def fail(msg):
    write({"error": msg})
    sys.exit(3)


def user_frame(exc, path):
    """'model.py:12' of the innermost frame in the user's file (or the innermost frame)."""
    frames = traceback.extract_tb(exc.__traceback__)
    mine = [f for f in frames if path and os.path.abspath(f.filename) == path] or frames[-1:]
    return f"{os.path.basename(mine[-1].filename)}:{mine[-1].lineno}" if mine else "?"


def describe(exc):
    if isinstance(exc, MemoryError):
        return "it ran out of memory (the limit is NETLOOM_PYTHON_MEMORY_MB megabytes)"
    text = str(exc).splitlines()[0] if str(exc) else ""
    text = re.split(r"(?<=[.!?]) ", text)[0][:300]
    return f"{type(exc).__name__}: {text}".rstrip(": ")


def load_module(args):
    if args.module:
        return importlib.import_module(args.module), None
    path = os.path.abspath(args.file)
    sys.path.insert(0, os.path.dirname(path))
    spec = importlib.util.spec_from_file_location("netloom_user_model", path)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["netloom_user_model"] = mod
    spec.loader.exec_module(mod)
    return mod, path


def default_class(mod, nn):
    """The only nn.Module subclass defined in the file that no other one uses."""
    own = [c for _, c in inspect.getmembers(mod, inspect.isclass) if issubclass(c, nn.Module) and c.__module__ == mod.__name__]
    sources = {}
    for c in own:
        try:
            sources[c.__name__] = inspect.getsource(c)
        except (OSError, TypeError):
            sources[c.__name__] = ""
    unused = [c for c in own if not any(re.search(rf"\b{re.escape(c.__name__)}\b", s) for n, s in sources.items() if n != c.__name__)]
    if len(unused) == 1:
        return unused[0]
    names = ", ".join(c.__name__ for c in (unused or own)) or "none"
    fail(f"choose the class (or a factory function such as resnet18) to build with --class NAME (nn.Module classes not used by another: {names})")


def same(v, d):
    if v is d:
        return True
    if isinstance(v, tuple) and not isinstance(d, tuple):
        return all(same(x, d) for x in v)
    try:
        return type(v) == type(d) and v == d or (isinstance(v, (int, float)) and not isinstance(v, bool) and isinstance(d, (int, float)) and not isinstance(d, bool) and v == d)
    except Exception:
        return False


def plain(v):
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return v if v == v and v not in (float("inf"), float("-inf")) else str(v)
    if isinstance(v, (tuple, list)):
        return [plain(x) for x in v]
    return {"repr": repr(v)}


def ctor_args(m):
    """Constructor arguments of a standard layer read from its attributes; only those that differ from the defaults."""
    out = {}
    try:
        params = list(inspect.signature(type(m).__init__).parameters.values())[1:]
    except (TypeError, ValueError):
        return out
    for p in params:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) or p.name in ("device", "dtype"):
            continue
        if p.name == "bias" and hasattr(m, "bias") and not isinstance(getattr(m, "bias"), bool):
            v = m.bias is not None
        elif hasattr(m, p.name):
            v = getattr(m, p.name)
        else:
            continue
        if p.default is not p.empty and same(v, p.default):
            continue
        out[p.name] = plain(v)
    return out


def main():
    global OUT
    ap = argparse.ArgumentParser()
    ap.add_argument("--file")
    ap.add_argument("--module")
    ap.add_argument("--class", dest="cls")
    ap.add_argument("--args", default="{}")
    ap.add_argument("--out", required=True)
    ap.add_argument("--memory-mb", type=int, default=0)
    args = ap.parse_args()
    OUT = args.out
    if args.memory_mb > 0:
        import resource
        limit = args.memory_mb << 20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    warnings.filterwarnings("ignore")
    try:
        import torch
        import torch.fx
        from torch import nn
    except ImportError as e:
        fail(f"this Python has no PyTorch ({e}); install it, set NETLOOM_PYTHON, or use --static")
    print("netloom-ready", file=sys.stderr, flush=True)
    sys.stdout = sys.stderr  # the user's prints must not mix with anything we say
    try:
        ctor = json.loads(args.args)
    except ValueError as e:
        fail(f"--args is not JSON ({e})")
    if not isinstance(ctor, (dict, list)):
        fail("--args must be a JSON object (keyword arguments) or a list (positional arguments)")
    what = args.module or os.path.basename(args.file)
    path = None if args.module else os.path.abspath(args.file)
    try:
        mod, path = load_module(args)
    except ModuleNotFoundError as e:
        if args.module and e.name and args.module.startswith(e.name):
            fail(f"cannot import {args.module}: no module named {e.name} for this Python (is it installed, or on PYTHONPATH?)")
        fail(f"importing {what} failed at {user_frame(e, path)}: {describe(e)}")
    except SyntaxError as e:
        fail(f"{os.path.basename(e.filename or what)}:{e.lineno}:{e.offset}: syntax error: {e.msg}")
    except BaseException as e:  # noqa: BLE001 - anything the user's code raises is reported, not shown as a trace
        fail(f"importing {what} failed at {user_frame(e, path)}: {describe(e)}")
    cls = getattr(mod, args.cls, None) if args.cls else default_class(mod, nn)
    if cls is None:
        fail(f"{what} has no class or function named {args.cls}")
    if not callable(cls):
        fail(f"{what}.{args.cls} is not a class or function")
    name = getattr(cls, "__name__", str(args.cls))
    try:
        model = cls(*ctor) if isinstance(ctor, list) else cls(**ctor)
    except BaseException as e:  # noqa: BLE001
        fail(f"building {name}({args.args if args.args != '{}' else ''}) raised at {user_frame(e, path)}: {describe(e)}")
    if not isinstance(model, nn.Module):
        fail(f"{name}(...) returned {type(model).__name__}, not an nn.Module")
    model.eval()

    class Tracer(torch.fx.Tracer):
        scope = ""

        def call_module(self, m, forward, a, kw):
            outer = self.scope
            self.scope = self.path_of_module(m)
            try:
                return super().call_module(m, forward, a, kw)
            finally:
                self.scope = outer

        def create_node(self, *a, **kw):
            node = super().create_node(*a, **kw)
            node.meta["netloom_scope"] = self.scope
            return node

    tracer = Tracer()
    tracer.record_stack_traces = True
    try:
        graph = tracer.trace(model)
    except BaseException as e:  # noqa: BLE001
        fail(f"torch.fx cannot trace {type(model).__name__}.forward ({user_frame(e, path)}: {describe(e)}); "
             "control flow that depends on tensor values cannot be traced")
    leaves = set()
    for n in graph.nodes:
        if n.op == "call_module":
            leaves.add(n.target)
    modules = []
    for p, m in model.named_modules():
        children = len(list(m.children()))
        leaf = p in leaves or (children == 0 and tracer.is_leaf_module(m, p))
        modules.append({
            "path": p, "className": type(m).__name__,
            "kind": "layer" if leaf and p else ("Sequential" if isinstance(m, (nn.Sequential, nn.ModuleList)) else "Module"),
            "args": ctor_args(m) if leaf and p else {},
        })

    def arg(v):
        if isinstance(v, torch.fx.Node):
            return {"ref": v.name}
        if isinstance(v, (tuple, list)):
            return [arg(x) for x in v]
        if isinstance(v, dict):
            return {"repr": repr(v)}
        if isinstance(v, slice):
            return {"repr": repr(v)}
        return plain(v)

    def where(n):
        st = getattr(n, "stack_trace", None) or ""
        here = os.path.abspath(__file__)
        torch_dir = os.path.dirname(os.path.abspath(torch.__file__))
        found = [f for f in re.findall(r'File "([^"]+)", line (\d+)', st)
                 if os.path.abspath(f[0]) != here and not os.path.abspath(f[0]).startswith(torch_dir)]
        return f"{os.path.basename(found[-1][0])}:{found[-1][1]}" if found else None

    nodes = []
    for n in graph.nodes:
        target = n.target if isinstance(n.target, str) else torch.fx.node._get_qualified_name(n.target)
        entry = {"name": n.name, "op": n.op, "target": target, "args": [arg(a) for a in n.args],
                 "kwargs": {k: arg(v) for k, v in n.kwargs.items()}, "scope": n.meta.get("netloom_scope", "")}
        w = where(n)
        if w:
            entry["where"] = w
        nodes.append(entry)
    write({"source": "trace", "name": type(model).__name__, "modules": modules, "nodes": nodes,
           "parameters": sum(p.numel() for p in model.parameters())})


if __name__ == "__main__":
    main()
