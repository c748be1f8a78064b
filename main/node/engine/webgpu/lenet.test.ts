// A few training steps of LeNet-5 at batch 4 (SGD with momentum and weight decay) on
// WebGPU equal the wasm backend's (with the project's wasm kernels): the loss of every step and
// every weight after the last, from the same initial weights and data.
import type { Variable } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../../app/compiler/tfjs/compile';
import type { Tf } from '../../../../app/compiler/tfjs/tf';
import { buildLeNet5 } from '../../../../app/templates/lenet';
import { createOptimizer } from '../../../../app/training/optimizers';
import { parseTrainingSettings } from '../../../../app/training/settings';
import { trainStepAsync } from '../../../../app/training/step';
import { loadBackend } from '../backend';
import { scaledGap, seeded } from './parity';
import { swiftShaderOrSkip } from './test-util';

const runs = swiftShaderOrSkip('webgpu/lenet.test.ts');
let tf: Tf;

async function steps(backend: string, settings: Record<string, unknown>, weights: Float32Array[] | null) {
  await tf.setBackend(backend);
  const c = compileGraph(tf, buildLeNet5(), { seed: 3 });
  if (!c.ok) throw new Error(c.error);
  const model = c.value.model;
  if (weights) {
    const ws = weights.map((w, i) => tf.tensor(w, model.weights[i].shape as number[]));
    model.setWeights(ws);
    tf.dispose(ws);
  }
  const initial = await Promise.all(
    model.getWeights().map(async (w) => Float32Array.from((await w.data()) as Float32Array)),
  );
  const s = parseTrainingSettings({ batch_size: 4, ...settings });
  if (!s.ok) throw new Error(s.error);
  const params = model.trainableWeights.map((w) => w.read() as Variable);
  const opt = createOptimizer(tf, params, s.value);
  const r = seeded(17);
  const losses: number[] = [];
  for (let k = 0; k < 3; k++) {
    const x = tf.tensor(
      Float32Array.from({ length: 4 * 784 }, () => r.next()),
      [4, 1, 28, 28],
    );
    const y = tf.tensor1d(
      Int32Array.from({ length: 4 }, () => Math.floor(r.next() * 10)),
      'int32',
    );
    losses.push((await trainStepAsync(tf, model, params, opt, x, y, s.value)).loss);
    tf.dispose([x, y]);
  }
  const final = await Promise.all(
    model.getWeights().map(async (w) => Float32Array.from((await w.data()) as Float32Array)),
  );
  opt.dispose();
  model.dispose();
  return { initial, losses, final };
}

describe.runIf(runs)('LeNet-5 trains on WebGPU as on wasm (SwiftShader)', () => {
  beforeAll(async () => {
    const w = await loadBackend('wasm');
    if (!w.ok) throw new Error(w.error);
    const g = await loadBackend('webgpu');
    if (!g.ok) throw new Error(g.error);
    tf = g.value.tf;
  });

  it.each([
    ['SGD, momentum 0.9, weight_decay 5e-4', { optimizer: 'sgd', lr: 0.05, momentum: 0.9, weight_decay: 5e-4 }],
  ])('%s: three steps at batch 4', async (_name, settings) => {
    const wasm = await steps('wasm', settings, null);
    const before = tf.memory().numTensors;
    const gpu = await steps('webgpu', settings, wasm.initial);
    expect(tf.memory().numTensors, 'tensors left on webgpu').toBe(before);
    expect(wasm.losses[2]).not.toBe(wasm.losses[0]);
    wasm.losses.forEach((l, k) =>
      expect(
        Math.abs(gpu.losses[k] - l) / Math.abs(l),
        `loss of step ${k + 1}: webgpu ${gpu.losses[k]}, wasm ${l}`,
      ).toBeLessThan(1e-4),
    );
    wasm.final.forEach((w, k) => expect(scaledGap(gpu.final[k], w), `weight ${k}`).toBeLessThan(1e-4));
  });
});
