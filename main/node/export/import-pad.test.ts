/**
 * ONNX Pad import as ZeroPad2d: Netloom's own export of ZeroPad2d (before a stride-2 Conv2d and
 * a MaxPool2d) imports back with the same layers and outputs; torch.onnx's nn.ZeroPad2d (pads
 * built by a constant subgraph) imports with PyTorch's outputs within 1e-4; a reflect Pad is an
 * error naming its mode.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graphToOnnx } from '../../../app/compiler/onnx/model';
import { compileGraph } from '../../../app/compiler/tfjs/compile';
import { torchNamer } from '../../../app/compiler/tfjs/names';
import { defaultNamer, setStateDict } from '../../../app/compiler/tfjs/statedict';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import type { Graph } from '../../../app/graph/types';
import { importOnnx } from '../../../app/importers/onnx';
import { buildModuleTree, stateDictEntries } from '../../../app/modules';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { GraphBuilder } from '../../../app/templates/builder';
import { importModelFile } from './import';
import { decodeOnnx, encodeOnnx } from './onnx';
import { cpuTf } from './tf-cpu';

const dir = mkdtempSync(join(tmpdir(), 'netloom-import-pad-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function padNet(): Graph {
  const b = new GraphBuilder('Net');
  b.chain(b.input([3, 8, 8]), [
    ['ZeroPad2d', { padding: [0, 1, 0, 1] }],
    ['Conv2d', { out_channels: 4, kernel_size: 3, stride: 2 }],
    ['ZeroPad2d', { padding: 1 }],
    ['MaxPool2d', { kernel_size: 3, stride: 2 }],
    ['Flatten', {}],
    ['Linear', { out_features: 5 }],
  ]);
  return b.build();
}

async function outputs(
  graph: Graph,
  weights: { name: string; shape: number[]; values: Float32Array }[],
  x: Float32Array,
  shape: number[],
  torchNames = false,
) {
  const tf = await cpuTf();
  const c = compileGraph(tf, graph, { seed: 0 });
  if (!c.ok) throw new Error(c.error);
  const set = setStateDict(tf, c.value, weights, torchNames ? torchNamer(graph) : defaultNamer);
  if (!set.ok) throw new Error(set.error);
  const y = Array.from((c.value.model.predict(tf.tensor(x, shape)) as Tensor).dataSync());
  c.value.model.dispose();
  return y;
}

const maxDiff = (a: number[], b: ArrayLike<number>) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

describe('ONNX Pad import', () => {
  it("Netloom's export of ZeroPad2d imports back as ZeroPad2d with the same outputs", async () => {
    const g = padNet();
    const a = analyzeGraph(g);
    const entries = stateDictEntries(buildModuleTree(g, a));
    const weights = entries.map((e, k) => ({
      name: e.name,
      shape: e.shape,
      values: Float32Array.from({ length: e.shape.reduce((p, q) => p * q, 1) }, (_, i) => Math.sin(i * 0.7 + k)),
    }));
    const onnx = graphToOnnx(g, new Map(weights.map((w) => [w.name, w])));
    if (!onnx.ok) throw new Error(onnx.error);
    const decoded = decodeOnnx(encodeOnnx(onnx.value));
    if (!decoded.ok) throw new Error(decoded.error);
    const r = importOnnx(decoded.value);
    if (!r.ok) throw new Error(r.error);
    const pads = r.value.graph.nodes.filter((n) => n.type === 'ZeroPad2d').map((n) => n.params);
    expect(pads).toEqual([{ padding: [0, 1, 0, 1] }, { padding: 1 }]);
    expect(analyzeGraph(r.value.graph).totalParams).toBe(a.totalParams);
    // All-negative inputs: a zero pad wins the max at the borders, a -inf pad would not.
    const x = Float32Array.from({ length: 2 * 3 * 64 }, (_, i) => -1 - Math.abs(Math.cos(i)));
    const want = await outputs(g, weights, x, [2, 3, 8, 8], true);
    const got = await outputs(r.value.graph, r.value.weights, x, [2, 3, 8, 8]);
    expect(maxDiff(got, want)).toBeLessThan(1e-5);

    // Not ZeroPad2d: another mode.
    const pad = decoded.value.graph?.node?.find((n) => n.opType === 'Pad');
    if (!pad) throw new Error('no Pad node');
    pad.attribute = [{ name: 'mode', type: 3, s: new TextEncoder().encode('reflect') } as never];
    const reflect = importOnnx(decoded.value, 'm.onnx');
    expect(reflect.ok ? '' : reflect.error).toMatch(
      /m\.onnx: node .* \(Pad\): only mode 'constant' is imported \(PyTorch's ZeroPad2d\), not 'reflect'/,
    );
  }, 60_000);

  it("torch.onnx's nn.ZeroPad2d imports as ZeroPad2d with PyTorch's outputs; its ReflectionPad2d names the mode", async () => {
    const script = `
import torch, torch.nn as nn
torch.manual_seed(0)
m = nn.Sequential(nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(3, 4, 3, 2), nn.ZeroPad2d((2, 1, 0, 3)), nn.MaxPool2d(3, 2)).eval()
x = -torch.rand(2, 3, 8, 8) - 0.5
torch.onnx.export(m, x, "${dir}/pad.onnx", opset_version=13, input_names=["input"], output_names=["output"], dynamic_axes={"input": {0: "N"}})
torch.onnx.export(nn.ReflectionPad2d(1), x, "${dir}/reflect.onnx", opset_version=13)
x.numpy().astype("<f4").tofile("${dir}/x.bin")
with torch.no_grad():
    m(x).numpy().astype("<f4").tofile("${dir}/y.bin")
`;
    try {
      execFileSync('/usr/bin/python3', ['-c', script], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
    } catch (e) {
      throw new Error(
        `PyTorch reference failed (install Debian's python3-torch and python3-onnx): ${(e as { stderr?: Buffer }).stderr?.toString() ?? String(e)}`,
      );
    }
    const r = await importModelFile(join(dir, 'pad.onnx'));
    if (!r.ok) throw new Error(r.error);
    expect(r.value.graph.nodes.filter((n) => n.type === 'ZeroPad2d').map((n) => n.params)).toEqual([
      { padding: [0, 1, 0, 1] },
      { padding: [2, 1, 0, 3] },
    ]);
    const read = (f: string) => {
      const b = readFileSync(join(dir, f));
      return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    };
    const got = await outputs(r.value.graph, r.value.weights, read('x.bin'), [2, 3, 8, 8]);
    expect(got.length).toBe(read('y.bin').length);
    expect(maxDiff(got, read('y.bin'))).toBeLessThan(1e-4);
    const reflect = await importModelFile(join(dir, 'reflect.onnx'));
    expect(reflect.ok ? '' : reflect.error).toMatch(
      /\(Pad\): only mode 'constant' is imported \(PyTorch's ZeroPad2d\), not 'reflect'/,
    );
  }, 180_000);
});
