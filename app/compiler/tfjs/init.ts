/**
 * PyTorch's default initialization, seeded: Conv2d, Conv1d, ConvTranspose2d and Linear weights kaiming_uniform(a=sqrt(5)),
 * i.e. U(-1/sqrt(fan_in), 1/sqrt(fan_in)), biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)),
 * BatchNorm weight 1, bias 0, running_mean 0, running_var 1.
 */
import { makeRng } from '../../data/rng';
import type { CompiledModel } from './compile';
import { bindingVariable, fromTorchLayout, torchParamShape } from './statedict';
import type { Tf } from './tf';

export function initTorch(tf: Tf, compiled: CompiledModel, seed: number, weights = true): void {
  const rng = makeRng(seed);
  for (const n of weights ? compiled.nodes : []) {
    const w = n.bindings.find((b) => b.name === 'weight');
    if (!w || !['Conv2d', 'Conv1d', 'ConvTranspose2d', 'Linear'].includes(n.type)) continue;
    const shape = torchParamShape(w);
    const fanIn = shape.slice(1).reduce((a, b) => a * b, 1);
    const bound = 1 / Math.sqrt(fanIn);
    for (const b of n.bindings) {
      const ts = torchParamShape(b);
      const values = new Float32Array(ts.reduce((a, d) => a * d, 1));
      for (let i = 0; i < values.length; i++) values[i] = (rng.next() * 2 - 1) * bound;
      const v = bindingVariable(b);
      const t = fromTorchLayout(tf, b, values, v.shape as number[]);
      v.write(t);
      t.dispose();
    }
  }
  let dropouts = 0;
  for (const layer of compiled.model.layers) {
    const d = layer as unknown as { seed?: number; calls?: number; getClassName(): string };
    if (d.getClassName() === 'TorchDropout') {
      d.seed = (seed * 1000003 + ++dropouts * 7919) % 2147483647;
      d.calls = 0;
    }
  }
}
