// AdaptiveMaxPool1d compiled by tfjs against PyTorch 1.13 (one /usr/bin/python3 run): the output
// and the gradient reaching the input, for even and uneven bins and global pooling. The wasm
// backend trains it like cpu: train-cases.ts, run by main/node/engine/wasm-kernels/compiled-parity.test.ts.
import { execFileSync } from 'node:child_process';
import * as tfc from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../compiler/tfjs';
import type { Tf } from '../../compiler/tfjs/tf';
import { GraphBuilder } from '../../templates/builder';

const tf = { ...tfc, ...tfl } as unknown as Tf;
const SETS: [number, number][] = [
  [7, 3],
  [8, 4],
  [10, 1],
  [5, 7],
];
const C = 3;
// Distinct values, so each window has one maximum and the gradient one place to go.
const input = (l: number) => Array.from({ length: 2 * C * l }, (_, i) => Math.sin(i * 1.7 + l) * 3);
const weight = (n: number) => Array.from({ length: n }, (_, i) => (i % 5) - 1.5);

const py = `import json, math, torch
out = []
for l, o in ${JSON.stringify(SETS)}:
    x = torch.tensor([math.sin(i * 1.7 + l) * 3 for i in range(2 * ${C} * l)]).reshape(2, ${C}, l).requires_grad_()
    y = torch.nn.AdaptiveMaxPool1d(o)(x)
    w = torch.tensor([(i % 5) - 1.5 for i in range(y.numel())]).reshape(y.shape)
    (y * w).sum().backward()
    out.append({'y': y.flatten().tolist(), 'g': x.grad.flatten().tolist()})
print(json.dumps(out))`;

describe('AdaptiveMaxPool1d in tfjs against PyTorch 1.13', () => {
  it('output and input gradient for even, uneven and global bins', async () => {
    await tfc.setBackend('cpu');
    const torch = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' })) as {
      y: number[];
      g: number[];
    }[];
    SETS.forEach(([l, o], k) => {
      const b = new GraphBuilder('Net');
      b.layer('AdaptiveMaxPool1d', { output_size: o }, b.input([C, l]));
      const c = compileGraph(tf, b.build(), { seed: 1 });
      if (!c.ok) throw new Error(c.error);
      const x = tfc.tensor(input(l), [2, C, l]);
      const w = tfc.tensor(weight(2 * C * o), [2, C, o]);
      const run = (v: tfc.Tensor) => c.value.model.apply(v as never) as unknown as tfc.Tensor;
      const y = run(x);
      const g = tfc.grad((v: tfc.Tensor) => tfc.sum(tfc.mul(run(v), w)))(x);
      expect(y.shape, `L=${l} out=${o}`).toEqual([2, C, o]);
      const close = (a: ArrayLike<number>, e: number[]) => e.forEach((v, i) => expect(a[i]).toBeCloseTo(v, 5));
      close(y.dataSync(), torch[k].y);
      close(g.dataSync(), torch[k].g);
      tfc.dispose([x, w, y, g]);
      c.value.model.dispose();
    });
  });
});
