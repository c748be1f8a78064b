/**
 * Loads the checkpoint a resumed run continues from: the most recent complete one of last/ and
 * best/ (resume.ts), falling back to the other when one cannot be loaded, and says which.
 */
import type { CompiledModel } from '../../../app/compiler/tfjs/compile';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import { err, ok, type Result } from '../../../app/result';
import type { OptimizerState } from '../../../app/training/optimizers';
import { loadCheckpoint } from '../runs/checkpoint';
import { loadOptimizerState } from '../runs/optimizer-state';
import { describeResume, prepareResume, resumePoints } from './resume';

export interface Resumed {
  epoch: number;
  optimizer?: OptimizerState;
  /** "resuming from best/ (epoch 3): last/ is missing or incomplete" */
  line: string;
}

export function loadResumeCheckpoint(tf: Tf, compiled: CompiledModel, runDir: string): Result<Resumed> {
  prepareResume(runDir);
  const points = resumePoints(runDir);
  if (points.length === 0) {
    return err(
      `run ${runDir} has no complete checkpoint (last/ or best/) to resume from: train it again without --resume.`,
    );
  }
  const skipped: string[] = [];
  for (const p of points) {
    const ck = loadCheckpoint(tf, compiled, p.dir);
    if (!ck.ok) {
      skipped.push(`${p.kind}/ cannot be loaded (${ck.error})`);
      continue;
    }
    return ok({
      epoch: ck.value.epoch,
      optimizer: loadOptimizerState(p.dir) ?? undefined,
      line: describeResume(p, points, skipped),
    });
  }
  return err(`run ${runDir} cannot be resumed: ${skipped.join('; ')}`);
}
