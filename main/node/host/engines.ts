/** `engines.available`: what the PyTorch engine would train with (main/node/python/discover.ts), for the Training tab. */
import {
  describeInterpreter,
  discoverPythons,
  noTorchReason,
  pickTorchPython,
  probePython,
  type PythonInterpreter,
} from '../python/discover';

export interface EnginesAvailable {
  pythons: PythonInterpreter[];
  chosen: string | null;
  summary: string;
}

export async function enginesAvailable(args: { python?: string; fresh?: boolean }): Promise<EnginesAvailable> {
  const found = await discoverPythons({ configured: args.python ?? null, fresh: args.fresh });
  if (args.python) {
    // The interpreter the person chose is the one used, or none: no silent fallback to another.
    const own = found.find((p) => p.path === args.python) ?? (await probePython(args.python, 'settings'));
    return {
      pythons: found,
      chosen: own.torch ? own.path : null,
      summary: own.torch ? describeInterpreter(own) : (own.error ?? `${own.path}: no torch`),
    };
  }
  const pick = pickTorchPython(found);
  return {
    pythons: found,
    chosen: pick?.path ?? null,
    summary: pick ? describeInterpreter(pick) : noTorchReason(found),
  };
}
