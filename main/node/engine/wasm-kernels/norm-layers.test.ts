// The issue-18 kinds (LayerNorm, GroupNorm, InstanceNorm2d with running stats, ChannelShuffle,
// PixelShuffle, Permute, Unflatten) train on wasm with the project's kernels: every gradient of
// one compiled network equals the cpu backend's (float32 noise through five normalizations:
// 1e-3 relative), and the running statistics follow alike.
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../../app/compiler/tfjs/compile';
import { getStateDict } from '../../../../app/compiler/tfjs/statedict';
import { normNetwork } from '../../../../app/compiler/tfjs/testing/torch-cases';
import type { Tf } from '../../../../app/compiler/tfjs/tf';
import { maxRelError, randomValues, ready, rng, tf } from './test-util';

const ttf = { ...tf, ...tfl } as unknown as Tf;

async function gradients(backend: 'cpu' | 'wasm'): Promise<{ grads: Float32Array[]; state: Float32Array[] }> {
  await tf.setBackend(backend);
  const c = compileGraph(ttf, normNetwork(), { seed: 7 });
  if (!c.ok) throw new Error(c.error);
  const model = c.value.model;
  const r = rng(3);
  const x = tf.tensor(randomValues(r, 3 * 4 * 6 * 6), [3, 4, 6, 6]);
  const target = tf.tensor(randomValues(r, 3 * 3), [3, 3]);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { grads } = tf.variableGrads(
    () => tf.sum(tf.mul(model.apply(x, { training: true }) as tf.Tensor, target)) as tf.Scalar,
    vars,
  );
  const out = vars.map((v) => Float32Array.from(grads[v.name].dataSync()));
  const state = getStateDict(ttf, c.value).map((e) => Float32Array.from(e.values));
  tf.dispose([x, target, ...Object.values(grads)]);
  model.dispose();
  return { grads: out, state };
}

describe('normalization and shuffle layers on wasm', () => {
  beforeAll(ready);

  it('give the cpu backend gradients for every weight, and the same running statistics', async () => {
    const cpu = await gradients('cpu');
    const wasm = await gradients('wasm');
    expect(cpu.grads.length).toBeGreaterThan(10);
    expect(wasm.grads.length).toBe(cpu.grads.length);
    cpu.grads.forEach((g, i) => {
      expect(
        g.some((v) => v !== 0),
        `gradient ${i} is all zeros`,
      ).toBe(true);
      expect(maxRelError(wasm.grads[i], g), `gradient ${i}`).toBeLessThan(1e-3);
    });
    cpu.state.forEach((s, i) => expect(maxRelError(wasm.state[i], s), `state entry ${i}`).toBeLessThan(1e-4));
  });
});
