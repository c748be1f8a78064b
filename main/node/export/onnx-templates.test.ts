/**
 * Every template, at its real input size, exported to ONNX and to PyTorch with the same random
 * weights: valid for onnx.checker (full check) and onnxruntime-node's output equals PyTorch's
 * (model.py + model.safetensors in torch 1.13) within 1e-4 on one random input. (The app's own
 * outputs equal PyTorch's per layer kind and network in the compiler's and exporters' tests; this
 * covers the large networks without compiling them in tfjs, which takes minutes for VGG.)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { graphToOnnx } from '../../../app/compiler/onnx/model';
import { generateModelPy } from '../../../app/compiler/pytorch/model-py';
import { encodeSafetensors } from '../../../app/compiler/pytorch/safetensors';
import { TEMPLATES } from '../../../app/templates';
import { encodeOnnx } from './onnx';
import { runOnnx } from './onnx-run';

/** Random weights in PyTorch's init range (BatchNorm statistics away from their defaults). */
function randomState(entries: { name: string; shape: number[] }[], seed: number) {
  let s = seed >>> 0;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return entries.map((e) => {
    const n = e.shape.reduce((a, b) => a * b, 1);
    const values = new Float32Array(n);
    const fan = e.shape.length >= 2 ? e.shape.slice(1).reduce((a, b) => a * b, 1) : 0;
    const [lo, hi] =
      e.name.endsWith('running_var') || (fan === 0 && /(bn|norm)\d*\.weight$|\.1\.weight$/.test(e.name))
        ? [0.5, 1.5]
        : fan > 0
          ? [-1 / Math.sqrt(fan), 1 / Math.sqrt(fan)]
          : [-0.1, 0.1];
    for (let i = 0; i < n; i++) values[i] = lo + (hi - lo) * next();
    if (e.name.endsWith('num_batches_tracked')) values.fill(3);
    return { name: e.name, shape: e.shape, values };
  });
}

describe('every template: ONNX (checker, onnxruntime-node) = PyTorch export', () => {
  it.each(TEMPLATES.map((t, i) => [t.name, i] as const))(
    '%s',
    async (name, i) => {
      const graph = TEMPLATES[i].build();
      const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), `netloom-onnx-${name}-`));
      try {
        const py = generateModelPy(graph);
        if (!py.ok) throw new Error(py.error);
        const state = randomState(py.value.stateDict, 17 + i);
        writeFileSync(join(dir, 'model.py'), py.value.code);
        writeFileSync(join(dir, 'model.safetensors'), encodeSafetensors(state));
        const onnx = graphToOnnx(graph, new Map(state.map((e) => [e.name, e])));
        if (!onnx.ok) throw new Error(onnx.error);
        writeFileSync(join(dir, 'model.onnx'), encodeOnnx(onnx.value));
        const script = fileURLToPath(new URL('./onnx-torch.py', import.meta.url));
        const out = JSON.parse(
          execFileSync('/usr/bin/python3', [script, dir, String(i)], { encoding: 'utf8', timeout: 240_000 }),
        );
        expect(out.checker).toBeNull();
        const read = (f: string) => {
          const b = readFileSync(join(dir, f));
          return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
        };
        const [got] = await runOnnx(join(dir, 'model.onnx'), [{ shape: out.input_shape, values: read('input.bin') }]);
        const want = read('output.bin');
        expect(got.length).toBe(want.length);
        let m = 0;
        for (let j = 0; j < got.length; j++) m = Math.max(m, Math.abs(got[j] - want[j]));
        expect(m).toBeLessThan(1e-4);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
