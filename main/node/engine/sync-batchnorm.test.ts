/**
 * SyncBatchNorm across data-parallel workers: the coordinator's replica (here, in the test's
 * thread) and real helpers (grad-worker.ts threads, each its own wasm backend) train on shards of
 * each batch and must give the loss, the gradients, the running statistics and the weights of
 * one worker on the whole batch (SGD with momentum, a few steps): uneven shards, and an empty
 * shard (a last batch smaller than the workers) included.
 */
import type { Variable } from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxBatchNormChannels, syncStatsSize } from '../../../app/compiler/tfjs/custom/batchnorm-sync';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import type { Graph } from '../../../app/graph/types';
import { GraphBuilder } from '../../../app/templates/builder';
import { createOptimizer } from '../../../app/training/optimizers';
import { parseTrainingSettings } from '../../../app/training/settings';
import { applyGradients, computeGradients } from '../../../app/training/step';
import { loadBackend } from './backend';
import { createExchange, GradientExchange } from './exchange';
import { applyMean, exchangeGradients, shardSizes, startHelpers } from './parallel';
import { exchangeSize } from './parallel-protocol';
import { errorToScale } from './scale-error';

const parsed = parseTrainingSettings({ optimizer: 'sgd', lr: 0.1, momentum: 0.9, batch_size: 8 });
if (!parsed.ok) throw new Error(parsed.error);
const settings = parsed.value;
const stepSettings = { loss: settings.loss, l1: settings.l1, clip_grad_norm: settings.clip_grad_norm };
let tf: Tf;

/** Stem, a ResNet basic block and a downsampling one (torchvision's layout), few channels, 3x6x6 inputs. */
function resnetBlocks(): Graph {
  const b = new GraphBuilder('Blocks');
  const conv = (out: number, k: number, stride = 1) => ({
    out_channels: out,
    kernel_size: k,
    stride,
    padding: k === 3 ? 1 : 0,
    bias: false,
  });
  const block = (x: string, planes: number, stride: number, down: boolean) => {
    const c1 = b.layer('Conv2d', conv(planes, 3, stride), x);
    const r = b.layer('ReLU', {}, b.layer('BatchNorm2d', {}, c1));
    const b2 = b.layer('BatchNorm2d', {}, b.layer('Conv2d', conv(planes, 3), r));
    const id = down ? b.layer('BatchNorm2d', {}, b.layer('Conv2d', conv(planes, 1, stride), x)) : x;
    return b.layer('ReLU', {}, b.layer('Add', {}, [b2, id]));
  };
  let x = b.chain(b.input([3, 6, 6]), [
    ['Conv2d', conv(4, 3)],
    ['BatchNorm2d', {}],
    ['ReLU', {}],
  ]);
  x = block(block(x, 4, 1, false), 6, 2, true);
  b.chain(x, [
    ['AdaptiveAvgPool2d', { output_size: [1, 1] }],
    ['Flatten', {}],
    ['Linear', { out_features: 3 }],
  ]);
  return b.build();
}

/** An MLP with BatchNorm1d: PyTorch's default, a cumulative average (momentum None), and one without affine. */
function bnMlp(): Graph {
  const b = new GraphBuilder('Mlp');
  b.chain(b.input([5]), [
    ['Linear', { out_features: 6 }],
    ['BatchNorm1d', {}],
    ['ReLU', {}],
    ['Linear', { out_features: 4 }],
    ['BatchNorm1d', { momentum: null }],
    ['Tanh', {}],
    ['Linear', { out_features: 4 }],
    ['BatchNorm1d', { affine: false }],
    ['Linear', { out_features: 3 }],
  ]);
  return b.build();
}

interface Batch {
  x: Float32Array;
  y: Int32Array;
  n: number;
}

interface Trace {
  losses: number[];
  grads: Float32Array[];
  /** Every model weight (running statistics included) after the last step. */
  weights: Float32Array[];
}

function compile(graph: Graph) {
  const c = compileGraph(tf, graph, { seed: 11 });
  if (!c.ok) throw new Error(c.error);
  const model = c.value.model;
  const params = model.trainableWeights.map((w) => w.read() as Variable);
  const shape = (model.inputs[0].shape as number[]).slice(1);
  return { model, params, shape, opt: createOptimizer(tf, params, settings) };
}

const readWeights = (m: ReturnType<typeof compile>['model']) =>
  m.weights.map((w) => w.read().dataSync().slice() as Float32Array);

function oneWorker(graph: Graph, batches: Batch[]): Trace {
  const { model, params, shape, opt } = compile(graph);
  const t: Trace = { losses: [], grads: [], weights: [] };
  for (const b of batches) {
    const x = tf.tensor(b.x, [b.n, ...shape]);
    const y = tf.tensor1d(b.y, 'int32');
    const g = computeGradients(tf, model, params, x, y, stepSettings);
    t.losses.push(g.loss);
    t.grads.push(Float32Array.from(g.grads.flatMap((v) => Array.from(v?.dataSync() ?? []))));
    applyGradients(tf, opt, g.grads, stepSettings);
    tf.dispose([x, y]);
  }
  t.weights = readWeights(model);
  opt.dispose();
  return t;
}

async function workers(graph: Graph, batches: Batch[], replicas: number): Promise<Trace> {
  const { model, params, shape, opt } = compile(graph);
  const size = exchangeSize(params.map((p) => p.size));
  const buffers = createExchange(size, replicas, syncStatsSize(maxBatchNormChannels(model)));
  const helpers = await startHelpers(
    replicas - 1,
    Array.from({ length: replicas - 1 }, (_, k) => ({
      graph,
      seed: 100 + k, // other initial weights: the first step's resynchronisation must replace them
      backend: 'wasm',
      settings: stepSettings,
      optimizer: settings,
      exchange: buffers,
      rank: k + 1,
    })),
  );
  if (!helpers.ok) throw new Error(helpers.error);
  const ex = new GradientExchange(buffers, 0);
  const t: Trace = { losses: [], grads: [], weights: [] };
  const per = shape.reduce((a, d) => a * d, 1);
  for (const [step, b] of batches.entries()) {
    const sizes = shardSizes(b.n, replicas);
    let at = sizes[0];
    helpers.value.forEach((h, i) => {
      const n = sizes[i + 1];
      h.request({
        ...(step === 0 ? { weights: readWeights(model), optimizerState: opt.getState() } : {}),
        x: b.x.slice(at * per, (at + n) * per),
        y: b.y.slice(at, at + n),
        n,
        shape,
        lr: opt.lr,
      });
      at += n;
    });
    const shard = { x: b.x.subarray(0, sizes[0] * per), y: b.y.subarray(0, sizes[0]), n: sizes[0], shape };
    const mean = exchangeGradients(tf, model, params, ex, stepSettings, shard, 'coordinator');
    t.losses.push(mean[size - 2]);
    t.grads.push(mean.slice(0, size - 2));
    applyMean(tf, params, opt, ex, mean, stepSettings, 'coordinator');
  }
  t.weights = readWeights(model);
  await Promise.all(helpers.value.map((h) => h.close()));
  opt.dispose();
  return t;
}

function batch(seed: number, n: number, per: number): Batch {
  let s = seed;
  const next = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  const x = Float32Array.from({ length: n * per }, () => next() * 2 + 0.5);
  const y = Int32Array.from({ length: n }, (_, i) => (i * 7 + seed) % 3);
  return { x, y, n };
}

function expectSame(two: Trace, one: Trace) {
  two.losses.forEach((l, i) => expect(Math.abs(l - one.losses[i]), `loss of step ${i}`).toBeLessThan(1e-5));
  two.grads.forEach((g, i) => expect(errorToScale(g, one.grads[i]), `gradients of step ${i}`).toBeLessThan(1e-5));
  // model.weights holds the running mean and variance beside the trained weights.
  two.weights.forEach((w, i) => expect(errorToScale(w, one.weights[i]), `weight ${i}`).toBeLessThan(1e-5));
}

describe('SyncBatchNorm across data-parallel workers', () => {
  beforeAll(async () => {
    const b = await loadBackend('wasm');
    if (!b.ok) throw new Error(b.error);
    tf = b.value.tf;
  });
  afterAll(() => {
    tf.disposeVariables();
  });

  it('two workers train ResNet basic blocks as one worker does (uneven shards of 7)', async () => {
    const graph = resnetBlocks();
    const batches = [batch(1, 7, 108), batch(2, 8, 108), batch(3, 5, 108)];
    expectSame(await workers(graph, batches, 2), oneWorker(graph, batches));
  });

  it('three workers train a BatchNorm1d MLP as one worker does, a last batch of 2 leaving one shard empty', async () => {
    const graph = bnMlp();
    const batches = [batch(4, 8, 5), batch(5, 7, 5), batch(6, 2, 5)];
    expectSame(await workers(graph, batches, 3), oneWorker(graph, batches));
  });
});
