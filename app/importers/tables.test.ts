import { describe, expect, it } from 'vitest';
import { getLayer } from '../layers/registry';
import { importKeras } from './keras';
import { SUPPORTED } from './onnx';
import { ok } from '../result';
import type { OnnxImport, OnnxImportContext } from './kind-import';
import { importClaims, joined, KERAS_IMPORTS, ONNX_IMPORTS } from './tables';

const twice = (claims: [string, string][]) =>
  claims.filter(([k], i) => claims.findIndex(([j]) => j === k) !== i).map(([k, type]) => `${k} (again by ${type})`);

describe('import tables derived from the kinds', () => {
  it('each ONNX operator and Keras class is read by one kind only', () => {
    const { onnx, keras } = importClaims();
    expect(twice(onnx)).toEqual([]);
    expect(twice(keras)).toEqual([]);
    for (const [, type] of [...onnx, ...keras]) expect(getLayer(type), type).toBeDefined();
  });

  it("the ONNX table and its 'Netloom imports' list are the kinds' entries, in the registry's order", () => {
    const ops = importClaims().onnx.map(([op]) => op);
    expect([...ONNX_IMPORTS.keys()]).toEqual(ops);
    expect(SUPPORTED).toEqual(ops);
    expect(ops).toEqual(
      expect.arrayContaining(['Conv', 'Gemm', 'MatMul', 'BatchNormalization', 'Clip', 'Resize', 'Pad']),
    );
  });

  it('an unknown Keras class names every class of the table', () => {
    const model = {
      class_name: 'Sequential',
      config: { layers: [{ class_name: 'LSTM', config: { name: 'lstm', batch_input_shape: [null, 4] } }] },
    };
    const r = importKeras(model);
    expect(r.ok).toBe(false);
    const msg = r.ok ? '' : r.error;
    expect(msg).toMatch(/layer 'lstm' \(LSTM\): layer class LSTM is not imported; Netloom imports InputLayer/);
    for (const cls of KERAS_IMPORTS.keys()) expect(msg).toContain(cls);
  });
});

describe('an operator read by several kinds', () => {
  it("asks the kinds whose `claims` takes the node first, then the operator's owner", () => {
    const owner: OnnxImport = { ops: ['Op'], convert: () => ok({ type: 'Owner', params: {} }) };
    const claimant: OnnxImport = {
      ops: ['Op'],
      claims: (c) => c.inShape.length === 2,
      convert: () => ok({ type: 'Claimant', params: {} }),
    };
    const entry = joined([claimant, owner]).get('Op');
    const read = (inShape: number[]) => {
      const r = entry?.convert({ inShape } as unknown as OnnxImportContext);
      return r?.ok && typeof r.value === 'object' ? r.value.type : r;
    };
    expect(read([3, 8])).toBe('Claimant');
    expect(read([3, 8, 8])).toBe('Owner');
  });
});
