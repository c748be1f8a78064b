/**
 * ONNX forms of these kinds that other tools write, checked against onnxruntime-node (the
 * definition of ONNX's semantics): the LRN operator (odd sizes; even sizes are centred differently
 * from PyTorch and refused), Resize to constant sizes (torch.onnx with constant folding), GELU with
 * Mul by 1/sqrt 2 instead of Div; a linear Resize PyTorch cannot express is refused.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { float, int, str } from '../../../app/compiler/onnx/builder';
import type { OnnxAttr, OnnxModel, OnnxNode, OnnxTensor } from '../../../app/compiler/onnx/types';
import { makeRng } from '../../../app/data/rng';
import { importOnnx } from '../../../app/importers/onnx';
import { getLayer } from '../../../app/layers/registry';
import { decodeOnnx, encodeOnnx } from './onnx';
import { runOnnx } from './onnx-run';
import { importedOutputs } from './testing/import-roundtrip';

const dir = mkdtempSync(join(tmpdir(), 'netloom-onnx-ops-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const node = (
  opType: string,
  inputs: string[],
  output: string,
  attributes: Record<string, OnnxAttr> = {},
): OnnxNode => ({ opType, name: `n_${output}`, inputs, outputs: [output], attributes });
const scalar = (name: string, v: number): OnnxTensor => ({ name, dims: [], dataType: 1, floats: Float32Array.of(v) });

function model(inShape: number[], outShape: number[], nodes: OnnxNode[], initializers: OnnxTensor[] = []): OnnxModel {
  return {
    irVersion: 7,
    opset: 13,
    producerName: 'test',
    producerVersion: '1',
    graph: {
      name: 'Net',
      nodes,
      initializers,
      inputs: [{ name: 'x', shape: inShape }],
      outputs: [{ name: 'y', shape: outShape }],
    },
    metadata: {},
  };
}

async function check(id: string, m: OnnxModel, type: string, params: Record<string, unknown>) {
  const path = join(dir, `${id}.onnx`);
  writeFileSync(path, encodeOnnx(m));
  const rng = makeRng(5);
  const shape = [2, ...m.graph.inputs[0].shape];
  const inputs = [
    { shape, values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.next() * 4 - 2) },
  ];
  const want = (await runOnnx(path, inputs))[0];
  const d = decodeOnnx(encodeOnnx(m));
  if (!d.ok) throw new Error(d.error);
  const r = importOnnx(d.value);
  if (!r.ok) throw new Error(r.error);
  expect(r.value.graph.nodes.map((n) => n.type)).toEqual(['Input', type]);
  const spec = getLayer(type);
  expect(spec?.schema.parse(r.value.graph.nodes[1].params)).toEqual(spec?.schema.parse(params));
  const got = (await importedOutputs(r.value.graph, r.value.weights, inputs))[0];
  expect(got.length).toBe(want.length);
  let e = 0;
  for (let i = 0; i < want.length; i++) e = Math.max(e, Math.abs(got[i] - want[i]));
  expect(e).toBeLessThan(1e-4);
}

const importError = (m: OnnxModel): string => {
  const d = decodeOnnx(encodeOnnx(m));
  if (!d.ok) throw new Error(d.error);
  const r = importOnnx(d.value, 'm.onnx');
  return r.ok ? '' : r.error;
};

describe('ONNX operators other tools write for these kinds = onnxruntime', () => {
  it('LRN of odd size is LocalResponseNorm', async () => {
    const lrn = node('LRN', ['x'], 'y', { size: int(5), alpha: float(0.001), beta: float(0.6), bias: float(1.5) });
    await check('lrn', model([7, 4, 4], [7, 4, 4], [lrn]), 'LocalResponseNorm', {
      size: 5,
      alpha: 0.001,
      beta: 0.6,
      k: 1.5,
    });
  });

  it('LRN of even size is refused, naming the node', () => {
    const lrn = node('LRN', ['x'], 'y', { size: int(4) });
    expect(importError(model([7, 4, 4], [7, 4, 4], [lrn]))).toMatch(
      /m\.onnx: node n_y \(LRN\): an LRN of even size 4 is centred one channel later/,
    );
  });

  it('Resize to constant sizes (constant-folded) is Upsample(size=...)', async () => {
    const sizes: OnnxTensor = { name: 'sizes', dims: [4], dataType: 7, ints: [2, 3, 7, 9] };
    const resize = node('Resize', ['x', '', '', 'sizes'], 'y', {
      mode: str('nearest'),
      coordinate_transformation_mode: str('asymmetric'),
      nearest_mode: str('floor'),
    });
    await check('resize-sizes', model([3, 4, 5], [3, 7, 9], [resize], [sizes]), 'Upsample', { size: [7, 9] });
  });

  it('GELU with Mul by 1/sqrt 2 is GELU', async () => {
    const nodes = [
      node('Mul', ['x', 'r'], 'a'),
      node('Erf', ['a'], 'e'),
      node('Add', ['one', 'e'], 'p'),
      node('Mul', ['x', 'half'], 'h'),
      node('Mul', ['p', 'h'], 'y'),
    ];
    await check(
      'gelu-mul',
      model([3, 4, 4], [3, 4, 4], nodes, [scalar('r', Math.SQRT1_2), scalar('one', 1), scalar('half', 0.5)]),
      'GELU',
      {},
    );
  });

  it('a linear Resize with asymmetric coordinates (no nn.Upsample equivalent) is refused', () => {
    const scales: OnnxTensor = { name: 'scales', dims: [4], dataType: 1, floats: Float32Array.of(1, 1, 2, 2) };
    const resize = node('Resize', ['x', '', 'scales'], 'y', {
      mode: str('linear'),
      coordinate_transformation_mode: str('asymmetric'),
    });
    expect(importError(model([3, 4, 5], [3, 8, 10], [resize], [scales]))).toMatch(
      /m\.onnx: node n_y \(Resize\): linear Resize with coordinate_transformation_mode 'asymmetric' has no nn\.Upsample equivalent/,
    );
  });
});
