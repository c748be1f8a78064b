/**
 * The weights an export writes: a run's best (or last) checkpoint, or, without a run, the freshly
 * initialized weights (seeded, PyTorch's init), in PyTorch layout under state_dict names.
 */
import { compileGraph, type CompiledModel } from '../../../app/compiler/tfjs/compile';
import { getStateDict, type StateEntry } from '../../../app/compiler/tfjs/statedict';
import { torchNamer } from '../../../app/compiler/tfjs/names';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import type { Graph } from '../../../app/graph/types';
import { err, ok, type Result } from '../../../app/result';
import { loadCheckpoint, loadMatchingCheckpoint } from '../runs/checkpoint';
import { cpuTf } from './tf-cpu';
import { checkpointDir } from '../runs/checkpoint-dir';

export interface ExportModel {
  tf: Tf;
  compiled: CompiledModel;
  /** PyTorch-named, PyTorch-layout tensors (state_dict order of the compiler: graph order). */
  state: StateEntry[];
  /** Where the weights came from, for progress lines. */
  source: string;
  /** With `matching`: what the checkpoint had nothing for, and what of it was left over, one line each. */
  unmatched?: string[];
}

export { checkpointDir };

export async function exportModel(
  graph: Graph,
  /** matching: the run's checkpoint was written for another graph (a partial import): loadMatchingCheckpoint. */
  opts: { runDir?: string; seed?: number; which?: 'best' | 'last'; matching?: boolean } = {},
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
    if (opts.matching) {
      const m = loadMatchingCheckpoint(tf, c.value, dir);
      if (!m.ok) {
        c.value.model.dispose();
        return m;
      }
      const { loaded, total, fresh, unused } = m.value.report;
      const state = getStateDict(tf, c.value, torchNamer(graph));
      const list = (xs: string[]) =>
        `${xs.slice(0, 8).join(', ')}${xs.length > 8 ? `, and ${xs.length - 8} more` : ''}`;
      return ok({
        tf,
        compiled: c.value,
        state,
        source: `${dir}: ${loaded} of ${total} tensors matched by layer and shape`,
        unmatched: [
          ...(fresh.length ? [`not in the run, freshly initialized (seed ${opts.seed ?? 0}): ${list(fresh)}`] : []),
          ...(unused.length ? [`in the run but in no layer of the project: ${list(unused)}`] : []),
        ],
      });
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
