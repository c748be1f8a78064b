/**
 * The EfficientNet-B0 template = torchvision's efficientnet_b0 with torchvision's weights loaded:
 * the same state_dict keys and shapes in order, 5,288,548 parameters, and the same outputs in eval
 * mode (tfjs cpu, 1e-4 relative, same argmax) for random weights and BatchNorm statistics away from
 * their defaults. One /usr/bin/python3 run (scripts/torch_ref/efficientnet_ref.py), a 3x64x64 input.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tfc from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compiler/tfjs/compile';
import { torchNamer } from '../compiler/tfjs/names';
import { setStateDict, type StateEntry } from '../compiler/tfjs/statedict';
import type { Tensor, Tf } from '../compiler/tfjs/tf';
import { buildModuleTree, stateDictEntries } from '../modules';
import { analyzeGraph } from '../shapes/analyze';
import { buildEfficientNetB0 } from './efficientnet';

const tf = { ...tfc, ...tfl } as unknown as Tf;
const dir = mkdtempSync(join(tmpdir(), 'netloom-efficientnet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  try {
    execFileSync('/usr/bin/python3', ['scripts/torch_ref/efficientnet_ref.py', dir], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (e) {
    throw new Error(
      `torchvision's efficientnet_b0 could not be built (install Debian's python3-torch and python3-torchvision): ${String(e)}`,
    );
  }
}, 120_000);

const floats = (f: string) => {
  const b = readFileSync(join(dir, f));
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};
const argmax = (v: ArrayLike<number>, from: number, n: number) => {
  let best = from;
  for (let i = from; i < from + n; i++) if (v[i] > v[best]) best = i;
  return best - from;
};

describe("EfficientNet-B0 template = torchvision's efficientnet_b0", () => {
  it('has its parameter count and state_dict keys and shapes, in order', () => {
    const g = buildEfficientNetB0();
    const a = analyzeGraph(g);
    expect(a.errors).toEqual([]);
    expect(a.totalParams).toBe(5_288_548);
    const want = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as [string, number[]][];
    expect(stateDictEntries(buildModuleTree(g, a)).map((e) => [e.name, e.shape])).toEqual(want);
  });

  it("gives torchvision's outputs with its weights loaded (eval mode)", () => {
    const g0 = buildEfficientNetB0();
    const g = {
      ...g0,
      nodes: g0.nodes.map((n) => (n.type === 'Input' ? { ...n, params: { shape: [3, 64, 64] } } : n)),
    };
    const names = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as [string, number[]][];
    const all = floats('state.bin');
    let at = 0;
    const state: StateEntry[] = names.map(([name, shape]) => {
      const n = shape.reduce((p, q) => p * q, 1);
      const values = all.subarray(at, at + n);
      at += n;
      return { name, shape, values };
    });
    expect(at).toBe(all.length);
    const c = compileGraph(tf, g, { seed: 0, initialize: false });
    if (!c.ok) throw new Error(c.error);
    try {
      const set = setStateDict(tf, c.value, state, torchNamer(g));
      if (!set.ok) throw new Error(set.error);
      const x = tf.tensor(floats('x.bin'), [2, 3, 64, 64]);
      const y = c.value.model.predict(x) as Tensor;
      const got = y.dataSync();
      const want = floats('y.bin');
      expect(got.length).toBe(2000);
      let diff = 0;
      let scale = 0;
      for (let i = 0; i < want.length; i++) {
        diff = Math.max(diff, Math.abs(got[i] - want[i]));
        scale = Math.max(scale, Math.abs(want[i]));
      }
      expect(diff / scale).toBeLessThan(1e-4);
      for (const s of [0, 1]) expect(argmax(got, s * 1000, 1000)).toBe(argmax(want, s * 1000, 1000));
      tf.dispose([x, y]);
    } finally {
      c.value.model.dispose();
    }
  }, 300_000);
});
