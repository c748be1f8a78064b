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
import { bindingVariable } from '../../../app/compiler/tfjs/statedict';

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

export interface MatchReport {
  /** Tensors of the model given from the checkpoint. */
  loaded: number;
  /** Tensors of the model (parameters and buffers). */
  total: number;
  /** The model's tensors the checkpoint has nothing of the same shape for (state_dict keys): they keep their fresh values. */
  fresh: string[];
  /** The checkpoint's tensors no tensor of the model took (their state_dict keys where the checkpoint names them). */
  unused: string[];
}

/**
 * Loads what fits of a checkpoint written for another graph (a partial import's run, whose
 * placeholders the project has replaced since): each tensor of the model takes the checkpoint's
 * tensor of the same name (the same node) and shape, else the one whose state_dict key (the
 * checkpoint's `state_dict` metadata) and shape are its own. Everything else is reported, never
 * guessed: the model's tensors left fresh and the checkpoint's tensors left over.
 */
export function loadMatchingCheckpoint(
  tf: Tf,
  compiled: CompiledModel,
  dir: string,
): Result<{ meta: CheckpointMeta; report: MatchReport }> {
  let ck;
  try {
    ck = readCheckpoint(dir);
  } catch (e) {
    return err(`checkpoint ${dir} cannot be read: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
  }
  const named = tf.io.decodeWeights(ck.data, ck.specs);
  const keys = (ck.metadata.state_dict ?? {}) as Record<string, string>;
  const byKey = new Map(Object.entries(keys).map(([name, key]) => [key, name]));
  const keyOf = new Map<string, string>();
  for (const n of compiled.nodes)
    for (const b of n.bindings)
      if (b.kind !== 'counter') keyOf.set(bindingVariable(b).originalName, compiled.namer(n.nodeId, b.name));
  const used = new Set<string>();
  const fresh: string[] = [];
  let loaded = 0;
  try {
    for (const w of compiled.model.weights) {
      const key = keyOf.get(w.originalName) ?? w.originalName;
      const fits = (name: string | undefined) =>
        name !== undefined && !used.has(name) && named[name]?.shape.join('x') === (w.shape as number[]).join('x');
      const byKeyName = byKey.get(key);
      const from = fits(w.originalName) ? w.originalName : fits(byKeyName) ? byKeyName : undefined;
      if (from === undefined) {
        fresh.push(key);
        continue;
      }
      w.write(named[from]);
      used.add(from);
      loaded++;
    }
  } finally {
    tf.dispose(Object.values(named));
  }
  const nbt = (ck.metadata.num_batches_tracked ?? {}) as Record<string, number>;
  for (const n of compiled.nodes)
    for (const b of n.bindings)
      if (b.kind === 'counter' && typeof nbt[n.nodeId] === 'number')
        (b.layer as unknown as { numBatchesTracked: number }).numBatchesTracked = nbt[n.nodeId];
  const unused = ck.specs.filter((s) => !used.has(s.name)).map((s) => keys[s.name] ?? s.name);
  return ok({
    meta: { ...ck.metadata, epoch: Number(ck.metadata.epoch ?? 0) },
    report: { loaded, total: compiled.model.weights.length, fresh, unused },
  });
}
