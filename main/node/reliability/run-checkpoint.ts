/**
 * The run checkpoint writer the training session uses: weights (model.json + weights.bin) and the
 * optimizer's state (optimizer.json + optimizer.bin) of one epoch, committed together (see
 * checkpoint-commit.ts): after a crash the folder holds one whole epoch, never a mix.
 */
import type { CompiledModel } from '../../../app/compiler/tfjs/compile';
import type { OptimizerState } from '../../../app/training/optimizers';
import { saveCheckpoint } from '../runs/checkpoint';
import { saveOptimizerState } from '../runs/optimizer-state';
import { commitCheckpointDir } from './checkpoint-commit';

export async function saveRunCheckpoint(
  compiled: CompiledModel,
  dir: string,
  epoch: number,
  optimizer: OptimizerState,
): Promise<void> {
  await commitCheckpointDir(dir, async (staging) => {
    await saveCheckpoint(compiled, staging, { epoch });
    saveOptimizerState(staging, optimizer);
  });
}
