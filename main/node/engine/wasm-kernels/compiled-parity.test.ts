// The engine's own training path on wasm equals the cpu backend: graphs compiled by
// app/compiler/tfjs (fused conv/linear layers with their own gradients, in-kernel 'same'
// padding, dilation, BatchNorm, pooling) and app/training's losses. Loss and every gradient of
// one step on the same weights and data must agree; this is what a run trains with.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Variable } from '@tensorflow/tfjs-core';
import { compileGraph } from '../../../../app/compiler/tfjs';
import type { Tensor, Tf } from '../../../../app/compiler/tfjs/tf';
import type { Graph } from '../../../../app/graph/types';
import { GraphBuilder } from '../../../../app/templates/builder';
import { buildLeNet5 } from '../../../../app/templates/lenet';
import { convNets } from '../../../../app/compiler/tfjs/testing/conv-cases';
import { lossValue, type LossName } from '../../../../app/training/losses';
import type { KindTrainCase } from '../../../../app/compiler/tfjs/testing/kind-train-case';
import { randomValues, ready, rng, tf as tfc } from './test-util';

declare global {
  interface ImportMeta {
    glob<T>(pattern: string, options: { eager: true }): Record<string, T>;
  }
}

/** The kinds' own cases (app/layers/<kind>/train-cases.ts), found by Vite's glob: no list to edit. */
const kindCases = Object.values(
  import.meta.glob<{ trainCases: KindTrainCase[] }>('../../../../app/layers/*/train-cases.ts', { eager: true }),
).flatMap((m) =>
  m.trainCases.map((c): [string, () => Graph, LossName, number[]] => [c.name, c.graph, c.loss, c.shape]),
);

const tf = { ...tfc, ...tfl } as unknown as Tf;

function mixed(): Graph {
  const b = new GraphBuilder('Mixed');
  b.chain(b.input([3, 15, 15]), [
    ['Conv2d', { out_channels: 4, kernel_size: 3, padding: 1 }],
    ['BatchNorm2d', {}],
    ['ReLU', {}],
    ['Conv2d', { out_channels: 5, kernel_size: 3, stride: 2, padding: 1 }],
    ['ReLU', {}],
    ['Conv2d', { out_channels: 4, kernel_size: 3, dilation: 2, padding: 2, bias: false }],
    ['Tanh', {}],
    ['MaxPool2d', { kernel_size: 2 }],
    ['Flatten', {}],
    ['Linear', { out_features: 12 }],
    ['ReLU', {}],
    ['Linear', { out_features: 10 }],
  ]);
  return b.build();
}

async function step(backend: 'cpu' | 'wasm', graph: Graph, loss: LossName, shape: number[]) {
  await tf.setBackend(backend);
  const c = compileGraph(tf, graph, { seed: 11 });
  if (!c.ok) throw new Error(c.error);
  const model = c.value.model;
  const params = model.trainableWeights.map((w) => w.read() as Variable);
  const r = rng(7);
  const n = 6;
  const x = tf.tensor(randomValues(r, n * shape.reduce((a, d) => a * d, 1)), [n, ...shape]);
  const y = tf.tensor1d(
    Int32Array.from({ length: n }, () => r.int(0, 9)),
    'int32',
  );
  const { value, grads } = tf.variableGrads(
    () => lossValue(tf, loss, model.apply(x, { training: true }) as Tensor, y) as never,
    params,
  );
  const result = { loss: value.dataSync()[0], grads: params.map((p) => Float32Array.from(grads[p.name].dataSync())) };
  tf.dispose([x, y, value, ...Object.values(grads)]);
  model.dispose();
  return result;
}

describe('compiled networks train on wasm exactly as on cpu', () => {
  beforeAll(ready);

  const cases: [string, () => Graph, LossName, number[]][] = [
    ['LeNet-5, CrossEntropyLoss', buildLeNet5, 'CrossEntropyLoss', [1, 28, 28]],
    ['conv/BatchNorm/stride-2 same/dilated/pool/linear, CrossEntropyLoss', mixed, 'CrossEntropyLoss', [3, 15, 15]],
    ['the same, MSELoss', mixed, 'MSELoss', [3, 15, 15]],
    ['the same, BCEWithLogitsLoss', mixed, 'BCEWithLogitsLoss', [3, 15, 15]],
    [
      'ConvTranspose2d (groups, dilation, output_padding), AdaptiveMaxPool2d',
      convNets().image,
      'CrossEntropyLoss',
      [3, 6, 7],
    ],
    [
      'Conv1d (groups, dilation), MaxPool1d, AvgPool1d, AdaptiveAvgPool1d',
      convNets().sequence,
      'CrossEntropyLoss',
      [4, 17],
    ],
    ...kindCases,
  ];
  it.each(cases)('%s', async (_name, graph, loss, shape) => {
    const cpu = await step('cpu', graph(), loss, shape);
    const wasm = await step('wasm', graph(), loss, shape);
    expect(Number.isFinite(cpu.loss) && cpu.loss > 0.01).toBe(true);
    expect(Math.abs(wasm.loss - cpu.loss) / cpu.loss, `loss wasm ${wasm.loss} cpu ${cpu.loss}`).toBeLessThan(1e-5);
    // Relative to the largest gradient entry of the network: a conv bias before BatchNorm has a
    // gradient that is zero up to rounding, which no per-parameter ratio could compare.
    const scale = Math.max(...cpu.grads.map((g) => g.reduce((a, v) => Math.max(a, Math.abs(v)), 0)));
    expect(scale).toBeGreaterThan(0);
    cpu.grads.forEach((g, i) => {
      let gap = 0;
      g.forEach((v, j) => {
        gap = Math.max(gap, Math.abs(v - wasm.grads[i][j]));
      });
      expect(gap / scale, `parameter ${i}`).toBeLessThan(1e-5);
    });
  });
});
