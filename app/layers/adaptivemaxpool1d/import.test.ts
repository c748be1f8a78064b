// ONNX and Keras forms of AdaptiveMaxPool1d read back as it. The MaxPool attributes are those
// torch.onnx (PyTorch 1.13, opset 13) writes: AdaptiveMaxPool1d(o) on L is MaxPool kernel_shape =
// strides = [L / o], pads [0, 0] (nothing else; a size that does not divide is refused by
// torch.onnx), while nn.MaxPool1d(2) also writes ceil_mode.
import { describe, expect, it } from 'vitest';
import { importKeras } from '../../importers/keras';
import { importOnnx } from '../../importers/onnx';
import type { OnnxAttributeIn, OnnxModelIn } from '../../importers/onnx-types';

function model(op: string, attrs: Record<string, number | number[]>, shape: number[], producer = 'pytorch') {
  const attribute: OnnxAttributeIn[] = Object.entries(attrs).map(([name, v]) =>
    Array.isArray(v) ? { name, type: 7, ints: v } : { name, type: 2, i: v },
  );
  const dims = (s: number[]) => ({ tensorType: { elemType: 1, shape: { dim: s.map((d) => ({ dimValue: d })) } } });
  const m: OnnxModelIn = {
    irVersion: 8,
    producerName: producer,
    opsetImport: [{ version: 13 }],
    graph: {
      node: [{ opType: op, input: ['x'], output: ['y'], attribute }],
      input: [{ name: 'x', type: dims([1, ...shape]) }],
      output: [{ name: 'y' }],
    },
  };
  const r = importOnnx(m);
  if (!r.ok) return r.error;
  return r.value.graph.nodes.slice(1).map((n) => [n.type, n.params]);
}

describe('AdaptiveMaxPool1d import', () => {
  it('GlobalMaxPool over [C, L] (over [C, H, W] it stays AdaptiveMaxPool2d)', () => {
    expect(model('GlobalMaxPool', {}, [3, 8], 'onnx-example')).toEqual([['AdaptiveMaxPool1d', { output_size: 1 }]]);
    expect(model('GlobalMaxPool', {}, [3, 4, 4])).toEqual([['AdaptiveMaxPool2d', { output_size: 1 }]]);
  });

  it("torch.onnx's MaxPool form, whole length and a size that divides; nn.MaxPool1d stays MaxPool1d", () => {
    const k = (n: number) => ({ kernel_shape: [n], pads: [0, 0], strides: [n] });
    expect(model('MaxPool', k(8), [3, 8])).toEqual([['AdaptiveMaxPool1d', { output_size: 1 }]]);
    expect(model('MaxPool', k(2), [3, 8])).toEqual([['AdaptiveMaxPool1d', { output_size: 4 }]]);
    const plain = model('MaxPool', { ceil_mode: 0, ...k(2) }, [3, 8]);
    expect(Array.isArray(plain) && plain.map(([t]) => t)).toEqual(['MaxPool1d']);
    // Another producer's MaxPool is what it says.
    const other = model('MaxPool', k(2), [3, 8], 'tf2onnx');
    expect(Array.isArray(other) && other.map(([t]) => t)).toEqual(['MaxPool1d']);
  });

  it('Keras GlobalMaxPooling1D on a sequence [L, C]: AdaptiveMaxPool1d(1) then Flatten', () => {
    const r = importKeras({
      class_name: 'Sequential',
      config: {
        layers: [
          { class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 8, 3] } },
          { class_name: 'GlobalMaxPooling1D', config: { name: 'gmp' } },
        ],
      },
    });
    if (!r.ok) throw new Error(r.error);
    const nodes = r.value.graph.nodes;
    expect(nodes.map((n) => n.type)).toEqual(['Input', 'AdaptiveMaxPool1d', 'Flatten']);
    expect(nodes[1].params).toEqual({ output_size: 1 });
  });
});
