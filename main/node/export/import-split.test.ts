/**
 * torch.split and torch.chunk exported by torch.onnx.export (Debian's python3-torch, opset 13)
 * import as Split nodes with PyTorch's outputs (1e-4 relative): Split as written, and chunk's
 * Slices (bounds computed from the live input's shape) merged into one Split per chunk call.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { defaultNamer, setStateDict } from '../../../app/compiler/tfjs/statedict';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { importModelFile } from './import';
import { cpuTf } from './tf-cpu';

const dir = mkdtempSync(join(tmpdir(), 'netloom-import-split-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  try {
    execFileSync('/usr/bin/python3', [fileURLToPath(new URL('./import-split.py', import.meta.url)), dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (e) {
    throw new Error(`torch.onnx.export failed (install Debian's python3-torch and python3-onnx): ${String(e)}`);
  }
}, 120_000);

const read = (f: string) => {
  const b = readFileSync(join(dir, f));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

describe('torch.split and torch.chunk from torch.onnx.export', () => {
  it("import as Split nodes and give PyTorch's outputs", async () => {
    const r = await importModelFile(join(dir, 'split.onnx'));
    if (!r.ok) throw new Error(r.error);
    const g = r.value.graph;
    const a = analyzeGraph(g);
    expect(a.errors).toEqual([]);
    const splits = g.nodes.filter((n) => n.type === 'Split');
    // chunk(2) on channels, split([3, 4, 1]), chunk(3) on H (5 rows: 2, 2, 1), and the [:, :6] slice.
    expect(splits.map((n) => n.params).sort((p, q) => JSON.stringify(p).localeCompare(JSON.stringify(q)))).toEqual([
      { split_size_or_sections: [2, 2, 1], dim: 2 },
      { split_size_or_sections: [3, 4, 1], dim: 1 },
      { split_size_or_sections: [4, 4], dim: 1 },
      { split_size_or_sections: [6, 2], dim: 1 },
    ]);
    expect(g.nodes.some((n) => n.type === 'Slice')).toBe(false);
    const tf = await cpuTf();
    const c = compileGraph(tf, g, { seed: 0 });
    if (!c.ok) throw new Error(c.error);
    try {
      expect(setStateDict(tf, c.value, r.value.weights, defaultNamer).ok).toBe(true);
      const x = tf.tensor(read('x.bin'), [1, 6, 5, 5]);
      const y = c.value.model.predict(x) as Tensor;
      const got = y.dataSync();
      const want = read('y.bin');
      expect(got.length).toBe(want.length);
      let diff = 0;
      let scale = 0;
      for (let i = 0; i < want.length; i++) {
        diff = Math.max(diff, Math.abs(got[i] - want[i]));
        scale = Math.max(scale, Math.abs(want[i]));
      }
      expect(diff / scale).toBeLessThan(1e-4);
      tf.dispose([x, y]);
    } finally {
      c.value.model.dispose();
    }
  }, 120_000);
});
