import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers/registry';
import { buildTemplate } from '../../templates';
import { GraphBuilder } from '../../templates/builder';
import { compileGraph } from './compile';
import { torchNamer } from './names';
import { getStateDict, setStateDict } from './statedict';
import { CONVERTERS } from './table';
import type { Tensor, Tf } from './tf';

const tf = { ...tfc, ...tfl } as unknown as Tf;
beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('conversion table', () => {
  it('has a conversion for every layer kind of the registry, and nothing else', () => {
    expect(Object.keys(CONVERTERS).sort()).toEqual(LAYERS.map((l) => l.type).sort());
  });
});

describe('compileGraph', () => {
  it('names the state dict as PyTorch does and round-trips it', () => {
    const g = buildTemplate('lenet5');
    if (!g.ok) throw new Error(g.error);
    const c = compileGraph(tf, g.value, { seed: 3 });
    if (!c.ok) throw new Error(c.error);
    const namer = torchNamer(g.value);
    const sd = getStateDict(tf, c.value);
    expect(sd.map((e) => `${e.name} ${e.shape.join('x')}`)).toEqual([
      'features.0.weight 6x1x5x5',
      'features.0.bias 6',
      'features.3.weight 16x6x5x5',
      'features.3.bias 16',
      'classifier.0.weight 120x400',
      'classifier.0.bias 120',
      'classifier.2.weight 84x120',
      'classifier.2.bias 84',
      'classifier.4.weight 10x84',
      'classifier.4.bias 10',
    ]);
    // PyTorch's init: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for weights and biases.
    const w = sd[4].values;
    const bound = 1 / Math.sqrt(400);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(bound * 0.95);
    const changed = sd.map((e) => ({ ...e, values: e.values.map((v, i) => v + i * 1e-3) }));
    expect(setStateDict(tf, c.value, changed, namer).ok).toBe(true);
    const back = getStateDict(tf, c.value, namer);
    back.forEach((e, i) => expect(Array.from(e.values)).toEqual(Array.from(changed[i].values)));
    const bad = setStateDict(tf, c.value, [{ ...sd[0], shape: [6, 1, 3, 3] }, ...sd.slice(1)], namer);
    expect(bad.ok ? '' : bad.error).toMatch(/features.0.weight.*\[6, 1, 3, 3\].*\[6, 1, 5, 5\]/);
    c.value.model.dispose();
  });

  it('builds a ReLU into the Conv2d/Linear before it only where nothing else reads that layer', () => {
    const g = buildTemplate('lenet5');
    if (!g.ok) throw new Error(g.error);
    const fused = compileGraph(tf, g.value);
    const plain = compileGraph(tf, g.value, { fuseRelu: false });
    if (!fused.ok || !plain.ok) throw new Error('compile');
    const relus = (m: typeof fused.value.model) => m.layers.filter((l) => l.getClassName() === 'ReLU').length;
    expect(relus(plain.value.model)).toBe(4);
    expect(relus(fused.value.model)).toBe(0);
    const b = new GraphBuilder('Net');
    const x = b.input([3, 6, 6]);
    const c1 = b.layer('Conv2d', { out_channels: 3, kernel_size: 3, padding: 1 }, x);
    const r1 = b.layer('ReLU', {}, c1);
    const c2 = b.layer('Conv2d', { out_channels: 3, kernel_size: 3, padding: 1 }, r1);
    b.layer('ReLU', {}, b.layer('Add', {}, [c2, x]), { shares: r1 });
    const shared = compileGraph(tf, b.build());
    if (!shared.ok) throw new Error(shared.error);
    expect(relus(shared.value.model)).toBe(1);
  });

  it('is repeatable with a seed and differs with another', () => {
    const g = buildTemplate('lenet5');
    if (!g.ok) throw new Error(g.error);
    const first = (seed: number) => {
      const c = compileGraph(tf, g.value, { seed });
      if (!c.ok) throw new Error(c.error);
      const v = Array.from(getStateDict(tf, c.value)[0].values);
      c.value.model.dispose();
      return v;
    };
    expect(first(5)).toEqual(first(5));
    expect(first(5)).not.toEqual(first(6));
  });

  it('applies Dropout only in training, scaling survivors by 1/(1-p)', () => {
    const b = new GraphBuilder('Net');
    b.layer('Dropout', { p: 0.25 }, b.input([4000]));
    const c = compileGraph(tf, b.build(), { seed: 1 });
    if (!c.ok) throw new Error(c.error);
    const x = tf.ones([1, 4000]);
    const evalOut = Array.from((c.value.model.apply(x, { training: false }) as Tensor).dataSync());
    expect(evalOut.every((v) => v === 1)).toBe(true);
    const train = Array.from((c.value.model.apply(x, { training: true }) as Tensor).dataSync());
    const zeros = train.filter((v) => v === 0).length / train.length;
    expect(zeros).toBeGreaterThan(0.2);
    expect(zeros).toBeLessThan(0.3);
    expect(train.filter((v) => v !== 0).every((v) => Math.abs(v - 1 / 0.75) < 1e-6)).toBe(true);
    const again = Array.from((c.value.model.apply(x, { training: true }) as Tensor).dataSync());
    expect(again).not.toEqual(train);
  });

  it('reports graphs it cannot compile as errors naming the node', () => {
    const b = new GraphBuilder('Net');
    b.layer('Conv2d', { out_channels: 2, kernel_size: 3, stride: 2, dilation: 2 }, b.input([1, 9, 9]));
    const c = compileGraph(tf, b.build());
    expect(c.ok ? '' : c.error).toMatch(/conv2d_1.*stride > 1 with dilation > 1/);
  });
});
