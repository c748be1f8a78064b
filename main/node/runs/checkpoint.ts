/**
 * Best and last checkpoints of a run: the compiled model's weights in tfjs format (model.json +
 * weights.bin, through fsSaveHandler), with the epoch and BatchNorm's num_batches_tracked
 * counters in the model's metadata.
 */
import type { CompiledModel } from '../../../app/compiler/tfjs/compile';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import { err, ok, type Result } from '../../../app/result';
import { dirname } from 'node:path';
import { recoverCheckpoints } from '../reliability/checkpoint-commit';
import { fsSaveHandler, readCheckpoint } from './io-handler';

export interface CheckpointMeta {
  epoch: number;
  [key: string]: unknown;
}

function counters(compiled: CompiledModel): Record<string, number> {
  const out: Record<string, number> = {};
  for (const n of compiled.nodes) {
    for (const b of n.bindings) {
      if (b.kind === 'counter') out[n.nodeId] = (b.layer as unknown as { numBatchesTracked: number }).numBatchesTracked;
    }
  }
  return out;
}

export async function saveCheckpoint(compiled: CompiledModel, dir: string, meta: CheckpointMeta): Promise<void> {
  await compiled.model.save(fsSaveHandler(dir, { ...meta, num_batches_tracked: counters(compiled) }));
}

/** Load a checkpoint's weights into a model compiled from the same graph. Returns its metadata. */
export function loadCheckpoint(tf: Tf, compiled: CompiledModel, dir: string): Result<CheckpointMeta> {
  let ck;
  recoverCheckpoints(dirname(dir));
  try {
    ck = readCheckpoint(dir);
  } catch (e) {
    return err(`checkpoint ${dir} cannot be read: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
  const named = tf.io.decodeWeights(ck.data, ck.specs);
  try {
    for (const w of compiled.model.weights) {
      const t = named[w.originalName];
      if (!t) return err(`checkpoint ${dir} has no weight '${w.originalName}': it was trained with another graph.`);
      if (t.shape.join('x') !== (w.shape as number[]).join('x')) {
        return err(
          `checkpoint ${dir}: weight '${w.originalName}' has shape [${t.shape.join(', ')}], the model needs [${w.shape.join(', ')}].`,
        );
      }
      w.write(t);
    }
  } finally {
    tf.dispose(Object.values(named));
  }
  const nbt = (ck.metadata.num_batches_tracked ?? {}) as Record<string, number>;
  for (const n of compiled.nodes) {
    for (const b of n.bindings) {
      if (b.kind === 'counter' && typeof nbt[n.nodeId] === 'number')
        (b.layer as unknown as { numBatchesTracked: number }).numBatchesTracked = nbt[n.nodeId];
    }
  }
  return ok({ ...ck.metadata, epoch: Number(ck.metadata.epoch ?? 0) });
}
