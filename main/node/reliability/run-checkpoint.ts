/**
 * The run checkpoint writer the training session uses: weights (model.json + weights.bin) and the
 * optimizer's state (optimizer.json + optimizer.bin) of one epoch, committed together (see
 * checkpoint-commit.ts): after a crash the folder holds one whole epoch, never a mix.
 */
import type { CompiledModel } from '../../../app/compiler/tfjs/compile';
import type { OptimizerState, OptimizerTensors } from '../../../app/training/optimizers';
import { saveCheckpoint } from '../runs/checkpoint';
import { saveOptimizerState, saveOptimizerTensors } from '../runs/optimizer-state';
import { commitCheckpointDir } from './checkpoint-commit';

/** `optimizer`: values read out (OptimizerState), or the optimizer's own tensors (written where they are). */
export async function saveRunCheckpoint(
  compiled: CompiledModel,
  dir: string,
  epoch: number,
  optimizer: OptimizerState | OptimizerTensors,
): Promise<void> {
  await commitCheckpointDir(dir, async (staging) => {
    await saveCheckpoint(compiled, staging, { epoch });
    if (isTensors(optimizer)) await saveOptimizerTensors(staging, optimizer);
    else saveOptimizerState(staging, optimizer);
  });
}

function isTensors(s: OptimizerState | OptimizerTensors): s is OptimizerTensors {
  return s.slots.some((slot) => slot.some((v) => v !== null && !(v instanceof Float32Array)));
}
