/**
 * The optimizer's state beside a checkpoint's weights (as PyTorch's optimizer.state_dict()):
 * optimizer.json (step, parameter count, where each buffer is) + optimizer.bin (float32).
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomicFromParts, writeFileAtomicSync } from '../reliability/atomic-sync';
import { join } from 'node:path';
import type { OptimizerState, OptimizerTensors } from '../../../app/training/optimizers';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { heapViews, readBytes } from './tensor-bytes';

interface Manifest {
  step: number;
  params: number;
  buffers: { slot: number; param: number; offset: number; length: number }[];
}

/** Where each buffer goes in optimizer.bin (their concatenation, slot by slot, parameter by parameter). */
function manifestOf<T>(
  step: number,
  slots: (T | null)[][],
  length: (v: T) => number,
): { manifest: Manifest; values: T[] } {
  const buffers: Manifest['buffers'] = [];
  const values: T[] = [];
  let total = 0;
  slots.forEach((s, slot) =>
    s.forEach((v, param) => {
      if (!v) return;
      buffers.push({ slot, param, offset: total, length: length(v) });
      values.push(v);
      total += length(v);
    }),
  );
  return { manifest: { step, params: slots[0]?.length ?? 0, buffers }, values };
}

export function saveOptimizerState(dir: string, state: OptimizerState): void {
  const { manifest, values } = manifestOf(state.step, state.slots, (v) => v.length);
  // Written buffer by buffer (optimizer.bin is their concatenation), not gathered into one more copy.
  const parts = values.map((v) => new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  writeFileAtomicSync(join(dir, 'optimizer.bin'), parts);
  writeFileAtomicSync(join(dir, 'optimizer.json'), JSON.stringify(manifest));
}

/**
 * The same files from the optimizer's own tensors (byte for byte what saveOptimizerState writes
 * of their values): on wasm from the heap itself, elsewhere read one tensor at a time, so the
 * state is never read out whole (45 MB for SGD's momentum on ResNet-18).
 */
export async function saveOptimizerTensors(dir: string, state: OptimizerTensors): Promise<void> {
  const { manifest, values } = manifestOf<Tensor>(state.step, state.slots, (t) => t.size);
  for (const t of values) {
    if (t.dtype !== 'float32') throw new Error(`optimizer state of dtype ${t.dtype}: only float32 can be saved.`);
  }
  const views = heapViews(values);
  if (views) writeFileAtomicSync(join(dir, 'optimizer.bin'), views);
  else await writeFileAtomicFromParts(join(dir, 'optimizer.bin'), readBytes(values));
  writeFileAtomicSync(join(dir, 'optimizer.json'), JSON.stringify(manifest));
}

/** The saved state, or null when the checkpoint has none (an older run). */
export function loadOptimizerState(dir: string): OptimizerState | null {
  if (!existsSync(join(dir, 'optimizer.json')) || !existsSync(join(dir, 'optimizer.bin'))) return null;
  const m = JSON.parse(readFileSync(join(dir, 'optimizer.json'), 'utf8')) as Manifest;
  const raw = readFileSync(join(dir, 'optimizer.bin'));
  const all = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  const slots: (Float32Array | null)[][] = [0, 1, 2].map(() => new Array<Float32Array | null>(m.params).fill(null));
  for (const b of m.buffers) slots[b.slot][b.param] = all.slice(b.offset, b.offset + b.length);
  return { step: m.step, slots };
}
