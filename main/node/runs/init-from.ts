/**
 * `netloom train --init-from RUN`: a new run of the project starts from another run's weights (a
 * partial import's `imported` run, or any run of an earlier version of the graph) instead of the
 * seeded initialization. The tensors are matched as `export --run` matches them
 * (loadMatchingCheckpoint: by layer and shape, else by state_dict key and shape); whatever is not
 * matched keeps its seeded initial value and is named, never guessed.
 */
import type { CompiledModel } from '../../../app/compiler/tfjs/compile';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import { err, ok, type Result } from '../../../app/result';
import { checkpointDir } from './checkpoint-dir';
import { loadMatchingCheckpoint, type MatchReport } from './checkpoint';

export { resolveInitFrom } from './init-from-path';

/** What run.json records of the initialization. */
export interface InitFrom extends MatchReport {
  /** The checkpoint folder the weights came from. */
  checkpoint: string;
}

const list = (xs: string[]) => `${xs.slice(0, 8).join(', ')}${xs.length > 8 ? `, and ${xs.length - 8} more` : ''}`;

/**
 * Loads what fits of `runDir`'s best (else last) checkpoint into `compiled` (before the first
 * step) and returns what it did, with one log line per fact.
 */
export function initFromRun(
  tf: Tf,
  compiled: CompiledModel,
  runDir: string,
  seed: number,
): Result<{ init: InitFrom; lines: string[] }> {
  const dir = checkpointDir(runDir);
  if (!dir)
    return err(
      `--init-from ${runDir}: the run folder has no checkpoint (best/model.json or last/model.json); train it first or name another run.`,
    );
  const m = loadMatchingCheckpoint(tf, compiled, dir);
  if (!m.ok) return err(`--init-from ${runDir}: ${m.error}`);
  const r = m.value.report;
  if (r.loaded === 0)
    return err(
      `--init-from ${runDir}: none of the ${r.total} tensors of the project matches a tensor of ${dir} by layer and shape or by state_dict key and shape; it was trained for another network (leave --init-from out to start from fresh weights).`,
    );
  const lines = [`initialized from ${dir}: ${r.loaded} of ${r.total} tensors matched by layer and shape`];
  if (r.fresh.length) lines.push(`not in the run, freshly initialized (seed ${seed}): ${list(r.fresh)}`);
  if (r.unused.length) lines.push(`in the run but in no layer of the project: ${list(r.unused)}`);
  return ok({ init: { checkpoint: dir, ...r }, lines });
}
