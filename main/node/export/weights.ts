/**
 * The weights an export writes: a run's best (or last) checkpoint, or, without a run, the freshly
 * initialized weights (seeded, PyTorch's init), in PyTorch layout under state_dict names.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { compileGraph, type CompiledModel } from '../../../app/compiler/tfjs/compile';
import { getStateDict, type StateEntry } from '../../../app/compiler/tfjs/statedict';
import { torchNamer } from '../../../app/compiler/tfjs/names';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import type { Graph } from '../../../app/graph/types';
import { err, ok, type Result } from '../../../app/result';
import { loadCheckpoint } from '../runs/checkpoint';
import { cpuTf } from './tf-cpu';

export interface ExportModel {
  tf: Tf;
  compiled: CompiledModel;
  /** PyTorch-named, PyTorch-layout tensors (state_dict order of the compiler: graph order). */
  state: StateEntry[];
  /** Where the weights came from, for progress lines. */
  source: string;
}

/** The checkpoint folder of a run: `best/` when present, else `last/`, or the folder itself. */
export function checkpointDir(runDir: string, which: 'best' | 'last' = 'best'): string | undefined {
  for (const d of [join(runDir, which), join(runDir, which === 'best' ? 'last' : 'best'), runDir]) {
    if (existsSync(join(d, 'model.json'))) return d;
  }
  return undefined;
}

export async function exportModel(
  graph: Graph,
  opts: { runDir?: string; seed?: number; which?: 'best' | 'last' } = {},
): Promise<Result<ExportModel>> {
  const tf = await cpuTf();
  const c = compileGraph(tf, graph, { seed: opts.seed ?? 0 });
  if (!c.ok) return c;
  let source = `fresh weights (seed ${opts.seed ?? 0})`;
  if (opts.runDir) {
    const dir = checkpointDir(opts.runDir, opts.which);
    if (!dir) {
      c.value.model.dispose();
      return err(
        `run folder ${opts.runDir} has no checkpoint (best/model.json or last/model.json): train it first or pick another run`,
      );
    }
    const loaded = loadCheckpoint(tf, c.value, dir);
    if (!loaded.ok) {
      c.value.model.dispose();
      return loaded;
    }
    source = `${dir} (epoch ${loaded.value.epoch})`;
  }
  const state = getStateDict(tf, c.value, torchNamer(graph));
  return ok({ tf, compiled: c.value, state, source });
}
