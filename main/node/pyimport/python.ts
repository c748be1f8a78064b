/**
 * Which Python runs the trace reader: the PyTorch engine's interpreter discovery
 * (main/node/python/discover.ts), so both follow one set of rules: NETLOOM_PYTHON, an active
 * virtualenv or conda environment, `python3` on PATH, /usr/bin/python3; the first that has torch.
 */
import { discoverPythons, pickTorchPython, type PythonInterpreter } from '../python/discover';

export interface PythonChoice {
  path: string;
  /** Why this one (for messages). */
  reason: string;
}

/** The interpreter that will run the user's code; where none has torch, the first candidate (its error then says why). */
export async function findPython(): Promise<PythonChoice> {
  const found: PythonInterpreter[] = await discoverPythons();
  const withTorch = pickTorchPython(found);
  if (withTorch) return { path: withTorch.path, reason: withTorch.source };
  const first = found[0];
  return first ? { path: first.path, reason: first.source } : { path: '/usr/bin/python3', reason: 'system' };
}
