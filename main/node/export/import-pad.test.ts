/**
 * ONNX Pad import as ZeroPad2d: Netloom's own export of ZeroPad2d (before a stride-2 Conv2d and
 * a MaxPool2d) imports back with the same layers and outputs; a reflect Pad or a non-zero value
 * is an error naming what is not imported.
 */
import { describe, expect, it } from 'vitest';
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
import { decodeOnnx, encodeOnnx } from './onnx';
import { cpuTf } from './tf-cpu';

function padNet(): Graph {
  const b = new GraphBuilder('Net');
  b.chain(b.input([3, 8, 8]), [
    ['ZeroPad2d', { padding: [0, 1, 0, 1] }], ['Conv2d', { out_channels: 4, kernel_size: 3, stride: 2 }],
    ['ZeroPad2d', { padding: 1 }], ['MaxPool2d', { kernel_size: 3, stride: 2 }], ['Flatten', {}], ['Linear', { out_features: 5 }],
  ]);
  return b.build();
}

async function outputs(graph: Graph, weights: { name: string; shape: number[]; values: Float32Array }[], x: Float32Array, shape: number[], torchNames = false) {
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
    const weights = entries.map((e, k) => ({ name: e.name, shape: e.shape, values: Float32Array.from({ length: e.shape.reduce((p, q) => p * q, 1) }, (_, i) => Math.sin(i * 0.7 + k)) }));
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
    expect(reflect.ok ? '' : reflect.error).toMatch(/m\.onnx: node .* \(Pad\): only mode 'constant' is imported \(PyTorch's ZeroPad2d\), not 'reflect'/);
  }, 60_000);
});
