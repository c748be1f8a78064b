"""torchrun (torch.distributed.run), with one compatibility fix.

torch 1.13's Std.from_str("0") returns None under Python 3.11 (enum.Flag no longer iterates its
zero member), so plain `torchrun` fails at start with "'NoneType' object has no attribute 'get'"
(Debian bookworm's python3-torch has this). Where from_str works, the fix changes nothing.
"""
import runpy
import sys

try:
    from torch.distributed.elastic.multiprocessing import api as _api

    _from_str = _api.Std.from_str.__func__

    def _fixed(cls, vm):
        value = _from_str(cls, vm)
        if value is None:
            return _api.Std.NONE
        if isinstance(value, dict):
            return {k: (_api.Std.NONE if v is None else v) for k, v in value.items()}
        return value

    _api.Std.from_str = classmethod(_fixed)
except Exception:  # another torch layout: run torchrun as it is
    pass

sys.argv[0] = "torchrun"
runpy.run_module("torch.distributed.run", run_name="__main__", alter_sys=True)
