// BatchNorm's fused training op (app/compiler/tfjs/custom/batchnorm-fused.ts) against the written-out
// formula through the tape on the cpu backend: the wasm kernels with SIMD on and off and the
// tensor-op version (cpu) give the same output, gradients of every weight (the convolutions' and
// Linear's before a BatchNorm carry its input gradient) and running statistics, for BatchNorm2d
// with 64, 6, 5, 3, 2 and 1 channels (with and without a partial SIMD block at the end),
// BatchNorm1d on [N, F] and on [N, C, L], affine=False, momentum None and
// track_running_stats=False. Eval mode does not change.
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../../app/compiler/tfjs/compile';
import { getStateDict } from '../../../../app/compiler/tfjs/statedict';
import { setFusedBatchNorm } from '../../../../app/compiler/tfjs/custom/batchnorm-fused';
import type { Tf } from '../../../../app/compiler/tfjs/tf';
import type { Graph } from '../../../../app/graph/types';
import { GraphBuilder } from '../../../../app/templates/builder';
import { maxRelError, randomValues, ready, rng, tf } from './test-util';
import { setSimdKernels } from './simd';

const ttf = { ...tf, ...tfl } as unknown as Tf;

interface Case {
  name: string;
  graph: Graph;
  input: number[];
}

function conv2d(): Case {
  const b = new GraphBuilder('Bn2d');
  // No bias before a BatchNorm: its gradient would be zero (the batch mean takes it out).
  const conv = (out: number, k: number) => ({ out_channels: out, kernel_size: k, padding: (k - 1) / 2, bias: false });
  b.chain(b.input([5, 6, 7]), [
    ['Conv2d', conv(6, 1)],
    ['BatchNorm2d', {}],
    ['ReLU', {}],
    ['Conv2d', conv(1, 1)],
    // One channel: a later BatchNorm takes its scale out, so its gamma's gradient would be ~0.
    ['BatchNorm2d', { affine: false }],
    ['ReLU', {}],
    ['Conv2d', conv(2, 3)],
    ['BatchNorm2d', {}],
    ['ReLU', {}],
    ['Conv2d', conv(64, 3)],
    ['BatchNorm2d', { affine: false }],
    ['Conv2d', conv(3, 1)],
    ['BatchNorm2d', { momentum: null }],
    ['ReLU', {}],
    ['Conv2d', conv(5, 1)],
    ['BatchNorm2d', { track_running_stats: false }],
    ['Flatten', {}],
    ['Linear', { out_features: 4 }],
  ]);
  return { name: 'BatchNorm2d', graph: b.build(), input: [3, 5, 6, 7] };
}

function features1d(): Case {
  const b = new GraphBuilder('Bn1d');
  b.chain(b.input([7]), [
    ['Linear', { out_features: 12, bias: false }],
    ['BatchNorm1d', {}],
    ['Tanh', {}],
    ['Linear', { out_features: 5, bias: false }],
    ['BatchNorm1d', { affine: false, momentum: null }],
    ['Linear', { out_features: 3, bias: false }],
    ['BatchNorm1d', { track_running_stats: false }],
  ]);
  return { name: 'BatchNorm1d [N, F]', graph: b.build(), input: [9, 7] };
}

function sequence1d(): Case {
  const b = new GraphBuilder('Bn1dSeq');
  b.chain(b.input([4, 9]), [
    ['Conv1d', { out_channels: 6, kernel_size: 3, padding: 1, bias: false }],
    ['BatchNorm1d', {}],
    ['ReLU', {}],
    ['Conv1d', { out_channels: 3, kernel_size: 1, bias: false }],
    ['BatchNorm1d', { affine: false }],
    ['Flatten', {}],
    ['Linear', { out_features: 2 }],
  ]);
  return { name: 'BatchNorm1d [N, C, L]', graph: b.build(), input: [5, 4, 9] };
}

interface Result {
  out: Float32Array;
  grads: Float32Array[];
  state: Float32Array[];
  eval: Float32Array;
  kernels: string[];
}

/** Two train-mode steps' worth of the loss's gradients, the output, the state after them, and an eval pass. */
async function run(c: Case, backend: 'cpu' | 'wasm'): Promise<Result> {
  await tf.setBackend(backend);
  const compiled = compileGraph(ttf, c.graph, { seed: 11 });
  if (!compiled.ok) throw new Error(compiled.error);
  const model = compiled.value.model;
  const r = rng(c.input.reduce((p, d) => p * 7 + d, 1));
  const size = c.input.reduce((p, d) => p * d, 1);
  // Inputs away from zero mean, as activations are: the one-pass variance must hold up.
  const x = tf.tensor(
    randomValues(r, size).map((v) => 3 * v + 2),
    c.input,
  );
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  let out = new Float32Array();
  let grads: Float32Array[] = [];
  let kernels: string[] = [];
  for (let step = 0; step < 2; step++) {
    const info = await tf.profile(() => {
      const g = tf.variableGrads(() => {
        const y = model.apply(x, { training: true }) as tf.Tensor;
        out = Float32Array.from(y.dataSync());
        const w = tf.tensor(
          Float32Array.from({ length: y.size }, (_, i) => Math.sin(i * 0.7)),
          y.shape,
        );
        return tf.sum(tf.mul(y, w)) as tf.Scalar;
      }, vars);
      grads = vars.map((v) => Float32Array.from(g.grads[v.name].dataSync()));
      tf.dispose([...Object.values(g.grads), g.value]);
      return [];
    });
    kernels = info.kernels.map((k) => k.name);
  }
  const state = getStateDict(ttf, compiled.value).map((e) => Float32Array.from(e.values));
  const ev = model.apply(x, { training: false }) as tf.Tensor;
  const evalOut = Float32Array.from(ev.dataSync());
  tf.dispose([x, ev]);
  model.dispose();
  return { out, grads, state, eval: evalOut, kernels };
}

describe('fused BatchNorm training', () => {
  beforeAll(ready);
  afterAll(() => {
    setSimdKernels(true);
    setFusedBatchNorm(true);
  });

  it.each([conv2d(), features1d(), sequence1d()])(
    '$name: wasm (SIMD on, off) and cpu equal the formula through the tape',
    async (c) => {
      setFusedBatchNorm(false);
      const ref = await run(c, 'cpu');
      expect(ref.kernels).not.toContain('NetloomBatchNormStats');
      expect(ref.kernels).toContain('Rsqrt');
      setFusedBatchNorm(true);
      const runs: [string, Result][] = [['cpu, tensor ops', await run(c, 'cpu')]];
      for (const simd of [true, false]) {
        setSimdKernels(simd);
        runs.push([`wasm, SIMD ${simd ? 'on' : 'off'}`, await run(c, 'wasm')]);
      }
      setSimdKernels(true);
      for (const [name, got] of runs) {
        const wasm = name.startsWith('wasm');
        // The fused kernels ran on wasm (and only there), no elementwise normalization.
        expect(got.kernels.includes('NetloomBatchNormGradInput'), name).toBe(wasm);
        if (wasm) expect(got.kernels, name).not.toContain('Rsqrt');
        expect(maxRelError(got.out, ref.out), `${name}: output`).toBeLessThan(1e-4);
        expect(got.grads.length).toBe(ref.grads.length);
        ref.grads.forEach((g, i) => {
          expect(
            g.some((v) => Math.abs(v) > 1e-3),
            `gradient ${i} is all zeros`,
          ).toBe(true);
          expect(maxRelError(got.grads[i], g), `${name}: gradient ${i}`).toBeLessThan(1e-4);
        });
        ref.state.forEach((s, i) => expect(maxRelError(got.state[i], s), `${name}: state ${i}`).toBeLessThan(1e-5));
        expect(maxRelError(got.eval, ref.eval), `${name}: eval output`).toBeLessThan(1e-4);
      }
    },
  );

  it('eval mode runs the formula as written, fused or not', async () => {
    const c = conv2d();
    setFusedBatchNorm(true);
    const a = await run(c, 'wasm');
    setFusedBatchNorm(false);
    const b = await run(c, 'wasm');
    setFusedBatchNorm(true);
    // Same weights and running statistics up to float32 noise, then the same eval pass.
    expect(maxRelError(a.eval, b.eval)).toBeLessThan(1e-4);
    expect(b.kernels).toContain('Rsqrt');
  });
});
