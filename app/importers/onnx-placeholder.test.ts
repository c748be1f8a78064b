/**
 * `importOnnx(..., { partial: true })`: an operator without a kind (Erf alone) becomes one
 * Unsupported placeholder of the shape the file records; the layers after it infer their shapes
 * and the analyzer reports exactly one error, on the placeholder. Without `partial` the import
 * stays an error; without a recorded shape the placeholder is refused, naming the node.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../shapes/analyze';
import { importOnnx } from './onnx';
import type { OnnxModelIn, OnnxValueInfoIn } from './onnx-types';

const info = (name: string, dims: number[]): OnnxValueInfoIn => ({
  name,
  type: { tensorType: { elemType: 1, shape: { dim: dims.map((d) => ({ dimValue: d })) } } },
});

function model(withInfo = true, op = 'Erf'): OnnxModelIn {
  return {
    producerName: 'pytorch',
    graph: {
      name: 'main_graph',
      input: [info('x', [1, 3, 4, 4])],
      output: [info('y', [1, 96])],
      node: [
        { name: '/relu/Relu', opType: 'Relu', input: ['x'], output: ['a'] },
        { name: `/${op}`, opType: op, input: ['a'], output: ['b'] },
        { name: '/relu2/Relu', opType: 'Relu', input: ['b'], output: ['c'] },
        {
          name: '/Flatten',
          opType: 'Flatten',
          input: ['c'],
          output: ['y'],
          attribute: [{ name: 'axis', type: 2, i: 1 }],
        },
      ],
      valueInfo: withInfo ? [info('a', [1, 3, 4, 4]), info('b', [1, 6, 4, 4])] : [],
    },
  };
}

describe('importOnnx partial', () => {
  it('without partial, an unmapped operator is still the error naming it, its node and the closest kinds', () => {
    const r = importOnnx(model(), 'erf.onnx');
    expect(r.ok ? '' : r.error).toMatch(
      /^erf\.onnx: unsupported operator Erf at node \/Erf \(closest Netloom kinds: GELU/,
    );
  });

  it('imports the rest around a placeholder of the recorded shape, which is the one error', () => {
    const r = importOnnx(model(), 'erf.onnx', { partial: true });
    if (!r.ok) throw new Error(r.error);
    const types = r.value.graph.nodes.map((n) => n.type);
    expect(types).toEqual(['Input', 'ReLU', 'Unsupported', 'ReLU', 'Flatten']);
    const ph = r.value.graph.nodes[2];
    expect(ph.params).toMatchObject({ op: 'Erf', onnx_node: '/Erf', output_shape: [6, 4, 4] });
    expect(r.value.placeholders).toEqual([
      expect.stringMatching(/^Erf at node \/Erf is a placeholder of output \[6, 4, 4\] \(closest Netloom kinds: GELU/),
    ]);
    const a = analyzeGraph(r.value.graph);
    // The file's shape ([6, 4, 4], not the input's 3 channels) flows on: Flatten gives 96.
    expect(a.nodes.get(ph.id)?.shape).toEqual([6, 4, 4]);
    expect(a.nodes.get(r.value.graph.nodes[4].id)?.shape).toEqual([96]);
    expect(a.errors).toHaveLength(1);
    expect(a.errors[0].nodeId).toBe(ph.id);
    expect(a.errors[0].message).toMatch(
      /ONNX operator Erf at node \/Erf has no Netloom kind: replace this placeholder .*closest kinds: GELU/,
    );
  });

  it("takes an element-wise operator's shape from its input where the file records none (torch.onnx writes no value_info)", () => {
    const r = importOnnx(model(false), 'erf.onnx', { partial: true });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.graph.nodes[2].params).toMatchObject({ op: 'Erf', output_shape: [3, 4, 4] });
  });

  it('refuses a placeholder whose shape the file does not record, naming the node and the fix', () => {
    const r = importOnnx(model(false, 'ReduceMax'), 'max.onnx', { partial: true });
    expect(r.ok ? '' : r.error).toMatch(
      /^max\.onnx: node \/ReduceMax \(ReduceMax\): the file records no fixed shape for its output 'b'.*infer_shapes/,
    );
  });
});
