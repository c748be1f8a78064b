// The fused optimizer kernel on wasm (one NetloomOptimizerStep per parameter) gives the same
// parameters and state as app/training's tensor-op rules on the cpu backend (which the torch
// tests check against torch.optim), step after step, for every fused rule and option.
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Variable } from '@tensorflow/tfjs-core';
import type { Tf } from '../../../../app/compiler/tfjs/tf';
import { createOptimizer, type OptimizerState } from '../../../../app/training/optimizers';
import { parseTrainingSettings } from '../../../../app/training/settings';
import { setSimdKernels } from './simd';
import { randomValues, ready, rng, tf as tfc } from './test-util';

const tf = { ...tfc, ...tfl } as unknown as Tf;
const shapes = [[3, 4], [4], [2, 3, 3, 2], [7, 3]]; // [7, 3]: 21 values, a SIMD tail

async function run(backend: 'cpu' | 'wasm', settings: Record<string, unknown>, steps: number) {
  await tf.setBackend(backend);
  const parsed = parseTrainingSettings({ batch_size: 8, ...settings });
  if (!parsed.ok) throw new Error(parsed.error);
  const r = rng(3);
  const vars = shapes.map(
    (s) =>
      tf.variable(
        tf.tensor(
          randomValues(
            r,
            s.reduce((a, d) => a * d, 1),
          ),
          s,
        ),
      ) as unknown as Variable,
  );
  const opt = createOptimizer(tf, vars, parsed.value);
  let kernels: string[] = [];
  for (let k = 0; k < steps; k++) {
    const grads = shapes.map((s) =>
      tf.tensor(
        randomValues(
          r,
          s.reduce((a, d) => a * d, 1),
        ),
        s,
      ),
    );
    opt.lr = 0.05 / (k + 1);
    const prof = await tf.profile((() => opt.step(grads)) as never);
    kernels = prof.kernels.map((x) => x.name);
    tf.dispose(grads);
  }
  const values = vars.map((v) => Float32Array.from(v.dataSync()));
  const state: OptimizerState = opt.getState();
  opt.dispose();
  tf.dispose(vars);
  return { values, state, kernels };
}

const cases: [string, Record<string, unknown>][] = [
  ['SGD', { optimizer: 'sgd', lr: 0.1 }],
  ['SGD momentum', { optimizer: 'sgd', lr: 0.1, momentum: 0.9 }],
  [
    'SGD momentum dampening weight_decay',
    { optimizer: 'sgd', lr: 0.1, momentum: 0.8, dampening: 0.3, weight_decay: 0.01 },
  ],
  ['SGD nesterov', { optimizer: 'sgd', lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 0.001 }],
  ['Adam', { optimizer: 'adam', lr: 0.01 }],
  [
    'Adam weight_decay amsgrad',
    { optimizer: 'adam', lr: 0.01, weight_decay: 0.05, amsgrad: true, betas: [0.8, 0.95], eps: 1e-6 },
  ],
  ['AdamW', { optimizer: 'adamw', lr: 0.01, weight_decay: 0.1 }],
];

describe('NetloomOptimizerStep on wasm = the tensor-op rules on cpu', () => {
  beforeAll(ready);

  it.each(
    cases.flatMap(
      ([name, settings]) =>
        [
          [name, settings, true],
          [`${name}, without SIMD`, settings, false],
        ] as const,
    ),
  )('%s', async (_name, settings, simd) => {
    setSimdKernels(simd);
    onTestFinished(() => setSimdKernels(true));
    const cpu = await run('cpu', settings, 5);
    const wasm = await run('wasm', settings, 5);
    expect(wasm.kernels.filter((k) => k === 'NetloomOptimizerStep').length).toBe(shapes.length);
    expect(wasm.kernels).not.toContain('Multiply');
    expect(cpu.kernels).not.toContain('NetloomOptimizerStep');
    const close = (a: ArrayLike<number>, b: ArrayLike<number>, what: string) => {
      let gap = 0,
        scale = 1e-3;
      for (let j = 0; j < a.length; j++) {
        gap = Math.max(gap, Math.abs(a[j] - b[j]));
        scale = Math.max(scale, Math.abs(a[j]));
      }
      expect(gap / scale, what).toBeLessThan(1e-5);
    };
    cpu.values.forEach((v, i) => close(v, wasm.values[i], `parameter ${i}`));
    expect(wasm.state.step).toBe(cpu.state.step);
    cpu.state.slots.forEach((slot, k) =>
      slot.forEach((v, i) => {
        const w = wasm.state.slots[k][i];
        expect(w === null, `slot ${k} of parameter ${i} exists on one backend only`).toBe(v === null);
        if (v && w) close(v, w, `slot ${k} of parameter ${i}`);
      }),
    );
  });
});

describe('NetloomOptimizerStep in place', () => {
  beforeAll(ready);

  it('overwrites the momentum buffer from the second step and gives p fresh storage', async () => {
    await tf.setBackend('wasm');
    const parsed = parseTrainingSettings({ batch_size: 8, optimizer: 'sgd', lr: 0.1, momentum: 0.9 });
    if (!parsed.ok) throw new Error(parsed.error);
    const r = rng(5);
    const p = tf.variable(tf.tensor(randomValues(r, 21), [7, 3])) as unknown as Variable;
    const opt = createOptimizer(tf, [p], parsed.value);
    const g = tf.tensor(randomValues(r, 21), [7, 3]);
    const grad = Float32Array.from(g.dataSync());
    let want = Float32Array.from(p.dataSync());
    let buf: Float32Array | null = null;
    const expectStep = () => {
      // torch.optim.SGD with momentum 0.9 in float32, as the kernel computes it.
      const b = buf === null ? Float32Array.from(grad) : buf.map((v, i) => Math.fround(0.9 * v) + grad[i]);
      want = want.map((v, i) => v - Math.fround(0.1 * b[i]));
      buf = b;
      const got = p.dataSync();
      for (let i = 0; i < 21; i++) expect(got[i]).toBeCloseTo(want[i], 6);
      want = Float32Array.from(got);
    };
    const momentum = () => (opt.stateTensors().slots[0][0] as unknown as { dataId: object }).dataId;
    opt.step([g]);
    expectStep();
    const storage = (p as unknown as { dataId: object }).dataId;
    const slot = momentum();
    opt.step([g]);
    expectStep();
    expect(momentum(), 'momentum buffer updated in place').toBe(slot);
    expect((p as unknown as { dataId: object }).dataId, 'a parameter is never overwritten').not.toBe(storage);
    // A clone of the buffer shares its storage: the update must not change what the clone reads.
    const held = opt.stateTensors().slots[0][0] as unknown as ReturnType<typeof tf.clone>;
    const before = Float32Array.from(held.dataSync());
    const clone = tf.clone(held);
    opt.step([g]);
    expectStep();
    expect(Array.from(clone.dataSync())).toEqual(Array.from(before));
    expect(momentum(), 'a new buffer while a clone holds the old').not.toBe(slot);
    tf.dispose([clone, g, p]);
    opt.dispose();
  });

  it('a convolution after the step reads the new filter (kernels cache packed filters by tensor id)', async () => {
    // LeNet-5 trained to NaN when the filter was overwritten in place: XNNPACK's convolution
    // operator kept its packed copy of the old values under the unchanged tensor id.
    await tf.setBackend('wasm');
    const parsed = parseTrainingSettings({ batch_size: 8, optimizer: 'sgd', lr: 0.5, momentum: 0.9 });
    if (!parsed.ok) throw new Error(parsed.error);
    const r = rng(9);
    const x = tf.tensor4d(randomValues(r, 2 * 6 * 6 * 3), [2, 6, 6, 3]);
    const w = tf.variable(tf.tensor4d(randomValues(r, 3 * 3 * 3 * 4), [3, 3, 3, 4])) as unknown as Variable;
    const gw = tf.tensor4d(randomValues(r, 3 * 3 * 3 * 4), [3, 3, 3, 4]);
    const opt = createOptimizer(tf, [w], parsed.value);
    for (let k = 0; k < 3; k++) {
      tf.conv2d(x, w as never, 1, 'valid').dispose(); // the backend packs this filter
      opt.step([gw]);
    }
    const got = Array.from(tf.conv2d(x, w as never, 1, 'valid').dataSync());
    const wv = w.dataSync() as Float32Array;
    const xv = x.dataSync() as Float32Array;
    await tf.setBackend('cpu');
    const want = Array.from(
      tf.conv2d(tf.tensor4d(xv, [2, 6, 6, 3]), tf.tensor4d(wv, [3, 3, 3, 4]), 1, 'valid').dataSync(),
    );
    await tf.setBackend('wasm');
    want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 4));
    tf.dispose([x, w, gw]);
    opt.dispose();
  });
});
