/**
 * savePartialCheckpoint (each layer compiled alone) writes the checkpoint a compile of the whole
 * graph writes: the same tensor names, TensorFlow.js shapes and values, for every kind with
 * weights in MobileNetV2 and EfficientNet-B0 (grouped and depthwise convolutions, BatchNorm,
 * squeeze-excitation, Linear) and in a small graph of the other kinds with weights (ConvTranspose2d,
 * Conv1d, LayerNorm, GroupNorm, InstanceNorm2d, PReLU, BatchNorm1d). Its metadata gives each
 * tensor's state_dict key as the compiled model names it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { defaultNamer, getStateDict } from '../../../app/compiler/tfjs/statedict';
import type { Graph } from '../../../app/graph/types';
import { GraphBuilder } from '../../../app/templates/builder';
import { buildTemplate } from '../../../app/templates';
import { saveCheckpoint } from '../runs/checkpoint';
import { readCheckpoint } from '../runs/io-handler';
import { savePartialCheckpoint } from './partial-weights';
import { cpuTf } from './tf-cpu';

const dir = mkdtempSync(join(tmpdir(), 'netloom-partial-ck-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A template at 3x32x32 (its weights do not depend on the input size past an adaptive pool). */
function small(name: string): Graph {
  const g = buildTemplate(name);
  if (!g.ok) throw new Error(g.error);
  return {
    ...g.value,
    nodes: g.value.nodes.map((n) => (n.type === 'Input' ? { ...n, params: { shape: [3, 32, 32] } } : n)),
  };
}

function others(): Graph {
  const b = new GraphBuilder('Others');
  const x = b.input([4, 8, 8]);
  const t = b.layer('ConvTranspose2d', { in_channels: 4, out_channels: 6, kernel_size: 3, stride: 2, groups: 2 }, x);
  const gn = b.layer('GroupNorm', { num_groups: 3, num_channels: 6 }, t);
  const inorm = b.layer('InstanceNorm2d', { num_features: 6, affine: true }, gn);
  const pr = b.layer('PReLU', { num_parameters: 6 }, inorm);
  const ln = b.layer('LayerNorm', { normalized_shape: [17] }, pr);
  const fl = b.layer('Flatten', { start_dim: 2 }, ln);
  const c1 = b.layer('Conv1d', { in_channels: 6, out_channels: 5, kernel_size: 3 }, fl);
  const bn = b.layer('BatchNorm1d', { num_features: 5 }, c1);
  const f2 = b.layer('Flatten', {}, bn);
  b.layer('Linear', { in_features: 5 * 287, out_features: 3 }, f2);
  return b.build();
}

describe('savePartialCheckpoint', () => {
  for (const [name, graph] of [
    ['mobilenet_v2', () => small('mobilenet_v2')],
    ['efficientnet_b0', () => small('efficientnet_b0')],
    ['other kinds', others],
  ] as const)
    it(`writes what a whole compile writes: ${name}`, async () => {
      const g = graph();
      const tf = await cpuTf();
      const c = compileGraph(tf, g, { seed: 1 });
      if (!c.ok) throw new Error(c.error);
      try {
        // Non-trivial running statistics, so buffers are compared too.
        for (const w of c.value.model.weights)
          if (/moving_(mean|variance)$/.test(w.originalName))
            w.write(tf.randomUniform(w.shape as number[], 0.5, 1.5, 'float32', 7));
        const whole = join(dir, `${name}-whole`);
        await saveCheckpoint(c.value, whole, { epoch: 0 });
        const state = getStateDict(tf, c.value, defaultNamer);
        const part = join(dir, `${name}-part`);
        const r = await savePartialCheckpoint(tf, g, state, part, { epoch: 0 });
        if (!r.ok) throw new Error(r.error);
        const a = readCheckpoint(whole);
        const b = readCheckpoint(part);
        const values = (ck: typeof a) => {
          const t = tf.io.decodeWeights(ck.data, ck.specs);
          const out = new Map(
            Object.entries(t).map(([k, v]) => [k, { shape: v.shape, data: Array.from(v.dataSync()) }]),
          );
          tf.dispose(Object.values(t));
          return out;
        };
        const va = values(a);
        const vb = values(b);
        expect([...vb.keys()].sort()).toEqual([...va.keys()].sort());
        for (const [k, v] of va) expect(vb.get(k), k).toEqual(v);
        expect(r.value.tensors).toBe(va.size);
        // Each tensor's state_dict key, as the compiled model names it.
        const keys = b.metadata.state_dict as Record<string, string>;
        const torch = getStateDict(tf, c.value).map((e) => e.name);
        expect(Object.values(keys).every((k) => torch.includes(k))).toBe(true);
        expect(Object.keys(keys).sort()).toEqual([...va.keys()].sort());
      } finally {
        c.value.model.dispose();
      }
    }, 300_000);
});
