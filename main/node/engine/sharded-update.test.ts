/**
 * The sharded optimizer step of data-parallel training (parallel.ts parallelStep with an exchange
 * that has room for the master parameters and the optimizer's buffers): the coordinator (in the
 * test's thread) and a real helper (grad-worker.ts, its own wasm backend) train on halves of each
 * batch, and each block of the parameters is reduced and updated by one of them in shared memory.
 * The weights and the optimizer state must be bit for bit those of the unsharded exchange (every
 * replica stepping with the mean gradient), and one worker's on the whole batch within 1e-5 (SGD
 * with momentum, Nesterov, weight decay, dampening, and after a resumed state) or 1e-3 (Adam and
 * AdamW with AMSGrad, see there).
 */
import type { Variable } from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxBatchNormChannels, syncStatsSize } from '../../../app/compiler/tfjs/custom/batchnorm-sync';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import type { Graph } from '../../../app/graph/types';
import { GraphBuilder } from '../../../app/templates/builder';
import { createOptimizer, optimizerHyper, type OptimizerState } from '../../../app/training/optimizers';
import { parseTrainingSettings, type TrainingSettings } from '../../../app/training/settings';
import { trainStep } from '../../../app/training/step';
import { loadBackend } from './backend';
import { createExchange } from './exchange';
import { parallelStep, shardedSlots, startHelpers, unshardedBecause } from './parallel';
import { exchangeSize } from './parallel-protocol';
import { errorToScale } from './scale-error';

let tf: Tf;

/** Conv (its bias before BatchNorm optional), BatchNorm, a Linear with more values than one block of the sharded update (32,768), so both replicas claim blocks. */
function net(convBias = true): Graph {
  const b = new GraphBuilder('Net');
  b.chain(b.input([2, 8, 8]), [
    ['Conv2d', { out_channels: 4, kernel_size: 3, padding: 1, bias: convBias }],
    ['BatchNorm2d', {}],
    ['ReLU', {}],
    ['Flatten', {}],
    ['Linear', { out_features: 181 }],
    ['ReLU', {}],
    ['Linear', { out_features: 3 }],
  ]);
  return b.build();
}

function settingsOf(over: Record<string, unknown>): TrainingSettings {
  const p = parseTrainingSettings({ batch_size: 8, ...over });
  if (!p.ok) throw new Error(p.error);
  return p.value;
}

function batch(seed: number, n: number, per: number) {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  return {
    x: Float32Array.from({ length: n * per }, () => next()),
    y: Int32Array.from({ length: n }, (_, i) => (i * 5 + seed) % 3),
    n,
  };
}

interface Result {
  weights: Float32Array[];
  state: OptimizerState;
  losses: number[];
  /** Whether the optimizer's state was held by the exchange (in shared memory). */
  delegated: boolean;
}

function compile(graph: Graph, s: TrainingSettings, resume?: OptimizerState) {
  const c = compileGraph(tf, graph, { seed: 3 });
  if (!c.ok) throw new Error(c.error);
  const params = c.value.model.trainableWeights.map((w) => w.read() as Variable);
  const opt = createOptimizer(tf, params, s);
  if (resume) opt.setState(resume);
  return { compiled: c.value, params, opt, shape: (c.value.model.inputs[0].shape as number[]).slice(1) };
}

const weightsOf = (c: ReturnType<typeof compile>) =>
  c.compiled.model.weights.map((w) => w.read().dataSync().slice() as Float32Array);

const steps = [batch(1, 8, 128), batch(2, 7, 128), batch(3, 8, 128)];
const stepSettings = (s: TrainingSettings) => ({ loss: s.loss, l1: s.l1, clip_grad_norm: s.clip_grad_norm });

function oneWorker(graph: Graph, s: TrainingSettings, resume?: OptimizerState): Result {
  const c = compile(graph, s, resume);
  const losses = steps.map((b) => {
    const x = tf.tensor(b.x, [b.n, ...c.shape]);
    const y = tf.tensor1d(b.y, 'int32');
    const r = trainStep(tf, c.compiled.model, c.params, c.opt, x, y, stepSettings(s));
    tf.dispose([x, y]);
    return r.loss;
  });
  const result = { weights: weightsOf(c), state: c.opt.getState(), losses, delegated: false };
  c.opt.dispose();
  return result;
}

async function twoWorkers(graph: Graph, s: TrainingSettings, shard: boolean, resume?: OptimizerState): Promise<Result> {
  const c = compile(graph, s, resume);
  const hyper = optimizerHyper(s);
  const slots = shard ? shardedSlots(hyper, s.clip_grad_norm, 'wasm') : null;
  const buffers = createExchange(
    exchangeSize(c.params.map((p) => p.size)),
    2,
    syncStatsSize(maxBatchNormChannels(c.compiled.model)),
    true,
    slots,
  );
  expect(buffers.stateSlots).toBe(slots);
  const helpers = await startHelpers(1, [
    {
      graph,
      seed: 99, // other initial weights: the first step must replace them
      backend: 'wasm',
      settings: stepSettings(s),
      optimizer: hyper,
      exchange: buffers,
      rank: 1,
    },
  ]);
  if (!helpers.ok) throw new Error(helpers.error);
  const step = parallelStep(
    tf,
    c.compiled,
    helpers.value,
    stepSettings(s),
    buffers,
    hyper,
  )({
    params: c.params,
    opt: c.opt,
  });
  const losses: number[] = [];
  for (const b of steps) losses.push((await step({ ...b, shape: c.shape })).loss);
  // Held by the exchange, the state is views of its shared memory, not the optimizer's tensors.
  const held = c.opt
    .stateTensors()
    .slots.flat()
    .find((v) => v !== null);
  const delegated = held instanceof Float32Array && held.buffer instanceof SharedArrayBuffer;
  const result = { weights: weightsOf(c), state: c.opt.getState(), losses, delegated };
  await Promise.all(helpers.value.map((h) => h.close()));
  c.opt.dispose();
  return result;
}

function expectClose(two: Result, one: Result, tolerance = 1e-5) {
  two.losses.forEach((l, i) => expect(Math.abs(l - one.losses[i]), `loss of step ${i}`).toBeLessThan(tolerance));
  two.weights.forEach((w, i) => expect(errorToScale(w, one.weights[i]), `weight ${i}`).toBeLessThan(tolerance));
  expect(two.state.step).toBe(one.state.step);
  // Each kind of buffer as one vector: a bias before BatchNorm has a gradient of rounding noise
  // only, whose momentum cannot be compared with its own scale.
  const flat = (v: (Float32Array | null)[]) => Float32Array.from(v.flatMap((x) => Array.from(x ?? [])));
  one.state.slots.forEach((s, k) => {
    expect(two.state.slots[k].map((v) => v === null)).toEqual(s.map((v) => v === null));
    expect(errorToScale(flat(two.state.slots[k]), flat(s)), `slot ${k}`).toBeLessThan(tolerance);
  });
}

/** The same bits as the unsharded exchange (every replica stepping with the mean gradient). */
function expectSameBits(sharded: Result, plain: Result) {
  expect(sharded.losses).toEqual(plain.losses);
  sharded.weights.forEach((w, i) => expect(Array.from(w), `weight ${i}`).toEqual(Array.from(plain.weights[i])));
  expect(sharded.state.step).toBe(plain.state.step);
  sharded.state.slots.forEach((s, k) =>
    s.forEach((v, i) =>
      expect(v && Array.from(v), `slot ${k} of ${i}`).toEqual(
        plain.state.slots[k][i] && Array.from(plain.state.slots[k][i] ?? []),
      ),
    ),
  );
}

describe('the sharded optimizer step across data-parallel workers', () => {
  beforeAll(async () => {
    const b = await loadBackend('wasm');
    if (!b.ok) throw new Error(b.error);
    tf = b.value.tf;
  });
  afterAll(() => {
    tf.disposeVariables();
  });

  it('SGD with momentum, Nesterov and weight decay: one worker within 1e-5, and the unsharded exchange bit for bit', async () => {
    const s = settingsOf({ optimizer: 'sgd', lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 1e-3 });
    const sharded = await twoWorkers(net(), s, true);
    expect(sharded.delegated).toBe(true);
    expectClose(sharded, oneWorker(net(), s));
    const plain = await twoWorkers(net(), s, false);
    expect(plain.delegated).toBe(false);
    expectSameBits(sharded, plain);
  });

  it('SGD with dampening, continuing a resumed state (the momentum buffers carried into shared memory)', async () => {
    const s = settingsOf({ optimizer: 'sgd', lr: 0.02, momentum: 0.8, dampening: 0.3 });
    const warm = oneWorker(net(), s);
    expectClose(await twoWorkers(net(), s, true, warm.state), oneWorker(net(), s, warm.state));
  });

  it('Adam and AdamW with AMSGrad: the unsharded exchange bit for bit, one worker within 1e-3', async () => {
    for (const over of [
      { optimizer: 'adam', lr: 0.01, weight_decay: 1e-2 },
      { optimizer: 'adamw', lr: 0.01, amsgrad: true },
    ]) {
      const s = settingsOf(over);
      // Adam divides by the root of the second moment, so a gradient of rounding noise (a bias
      // before BatchNorm; a unit ReLU turned off for most samples) takes a step of about the
      // learning rate in a direction its last bits decide: the network has no such bias, and
      // the comparison with one worker (whose sums run in another order) is looser than SGD's.
      const two = await twoWorkers(net(false), s, true);
      expect(two.delegated, over.optimizer).toBe(true);
      expectSameBits(two, await twoWorkers(net(false), s, false));
      expectClose(two, oneWorker(net(false), s), 1e-3);
    }
  });

  it('is not used with clip_grad_norm, RMSprop, or off wasm', () => {
    const h = optimizerHyper(settingsOf({ optimizer: 'sgd', momentum: 0.9 }));
    expect(shardedSlots(h, null, 'wasm')).toBe(1);
    expect(shardedSlots({ ...h, momentum: 0 }, null, 'wasm')).toBe(0);
    expect(shardedSlots(h, 1, 'wasm')).toBeNull();
    expect(shardedSlots(h, null, 'cpu')).toBeNull();
    expect(shardedSlots(optimizerHyper(settingsOf({ optimizer: 'rmsprop' })), null, 'wasm')).toBeNull();
    expect(shardedSlots(optimizerHyper(settingsOf({ optimizer: 'adam', amsgrad: true })), null, 'wasm')).toBe(3);
    // The log says why, naming the setting.
    expect(unshardedBecause(h, null, 'wasm')).toBeNull();
    expect(unshardedBecause(h, 1, 'wasm')).toContain('clip_grad_norm');
    expect(unshardedBecause(h, null, 'cpu')).toContain('wasm backend, not cpu');
    expect(unshardedBecause(optimizerHyper(settingsOf({ optimizer: 'rmsprop' })), null, 'wasm')).toContain('RMSprop');
  });
});
