/**
 * The optimizer's state beside a checkpoint's weights (as PyTorch's optimizer.state_dict()):
 * optimizer.json (step, parameter count, where each buffer is) + optimizer.bin (float32).
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../reliability/atomic-sync';
import { join } from 'node:path';
import type { OptimizerState } from '../../../app/training/optimizers';

interface Manifest {
  step: number;
  params: number;
  buffers: { slot: number; param: number; offset: number; length: number }[];
}

export function saveOptimizerState(dir: string, state: OptimizerState): void {
  const buffers: Manifest['buffers'] = [];
  let total = 0;
  state.slots.forEach((s, slot) =>
    s.forEach((v, param) => {
      if (!v) return;
      buffers.push({ slot, param, offset: total, length: v.length });
      total += v.length;
    }),
  );
  // Written buffer by buffer (optimizer.bin is their concatenation), not gathered into one more copy.
  const parts = buffers.map((b) => {
    const v = state.slots[b.slot][b.param] as Float32Array;
    return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  });
  const manifest: Manifest = { step: state.step, params: state.slots[0]?.length ?? 0, buffers };
  writeFileAtomicSync(join(dir, 'optimizer.bin'), parts);
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
