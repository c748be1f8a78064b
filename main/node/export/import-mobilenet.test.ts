/**
 * torchvision's mobilenet_v2 exported by torch.onnx.export (Debian's python3-torch, random weights,
 * BatchNorm statistics away from their defaults) imports and gives PyTorch's outputs within 1e-4
 * relative and the same argmax: with TrainingMode.EVAL (BatchNorm folded into the convolutions) and
 * with the BatchNormalization nodes kept, where the parameter count (3,504,872) and the state_dict
 * names and shapes are torchvision's.
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
import { buildModuleTree, stateDictEntries } from '../../../app/modules';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { importModelFile } from './import';
import { cpuTf } from './tf-cpu';

const dir = mkdtempSync(join(tmpdir(), 'netloom-import-mobilenet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  try {
    execFileSync('/usr/bin/python3', [fileURLToPath(new URL('./import-mobilenet.py', import.meta.url)), dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 240_000,
    });
  } catch (e) {
    throw new Error(
      `torch.onnx.export of mobilenet_v2 failed (install Debian's python3-torch, python3-torchvision and python3-onnx): ${String(e)}`,
    );
  }
}, 300_000);

const read = (f: string) => {
  const b = readFileSync(join(dir, f));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const argmax = (v: ArrayLike<number>) => Array.prototype.indexOf.call(v, Math.max(...Array.from(v))) as number;

describe("torchvision's mobilenet_v2 from torch.onnx.export", () => {
  it.each([['folded.onnx'], ['bn.onnx']])(
    "%s imports and gives PyTorch's outputs (1e-4 relative, same argmax)",
    async (file) => {
      const r = await importModelFile(join(dir, file));
      if (!r.ok) throw new Error(r.error);
      const g = r.value.graph;
      const analysis = analyzeGraph(g);
      expect(analysis.errors).toEqual([]);
      const types = new Set(g.nodes.map((n) => n.type));
      expect(types.has('ReLU6')).toBe(true);
      expect(types.has('BatchNorm2d')).toBe(file === 'bn.onnx');
      if (file === 'bn.onnx') {
        expect(analysis.totalParams).toBe(3_504_872);
        const want = readFileSync(join(dir, 'state.txt'), 'utf8').trim().split('\n');
        const tree = buildModuleTree(g, analysis);
        expect(stateDictEntries(tree).map((e) => `${e.name} [${e.shape.join(', ')}]`)).toEqual(want);
      }
      const tf = await cpuTf();
      const c = compileGraph(tf, g, { seed: 0 });
      if (!c.ok) throw new Error(c.error);
      try {
        expect(setStateDict(tf, c.value, r.value.weights, defaultNamer).ok).toBe(true);
        const x = tf.tensor(read('x.bin'), [1, 3, 64, 64]);
        const y = c.value.model.predict(x) as Tensor;
        const got = y.dataSync();
        const want = read('y.bin');
        expect(got.length).toBe(1000);
        let diff = 0;
        let scale = 0;
        for (let i = 0; i < want.length; i++) {
          diff = Math.max(diff, Math.abs(got[i] - want[i]));
          scale = Math.max(scale, Math.abs(want[i]));
        }
        expect(diff / scale).toBeLessThan(1e-4);
        expect(argmax(got)).toBe(argmax(want));
        tf.dispose([x, y]);
      } finally {
        c.value.model.dispose();
      }
    },
    300_000,
  );
});
