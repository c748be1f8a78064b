/**
 * `importOnnx(..., { partial: true })`: an operator without a kind (Erf alone) becomes one
 * Unsupported placeholder of the shape the file records; the layers after it infer their shapes
 * and the analyzer reports exactly one error, on the placeholder. Without `partial` the import
 * stays an error; without a recorded shape the placeholder is refused, naming the node.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../shapes/analyze';
import { applyFix } from '../graph/ops';
import type { Fix } from '../shapes/types';
import { importOnnx } from './onnx';
import { isUnmappedOperatorError, unmappedHead } from '../protocol/import-unmapped';
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
    // The GUI knows this error by its words (app/protocol/import-unmapped.ts) and offers the partial import.
    const message = r.ok ? '' : r.error;
    expect(isUnmappedOperatorError(message)).toBe(true);
    expect(unmappedHead(message)).toBe(
      'erf.onnx: unsupported operator Erf at node /Erf (closest Netloom kinds: GELU, ELU, LocalResponseNorm)',
    );
    expect(isUnmappedOperatorError('erf.onnx: node /ReduceMax (ReduceMax): the file records no fixed shape')).toBe(
      false,
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
      expect.stringMatching(
        /^Unsupported erf: ONNX operator Erf \(node \/Erf\) has no Netloom kind; it takes \[3, 4, 4\] and gives \[6, 4, 4\] per sample: .*closest kinds: GELU/,
      ),
    ]);
    const a = analyzeGraph(r.value.graph);
    // The file's shape ([6, 4, 4], not the input's 3 channels) flows on: Flatten gives 96.
    expect(a.nodes.get(ph.id)?.shape).toEqual([6, 4, 4]);
    expect(a.nodes.get(r.value.graph.nodes[4].id)?.shape).toEqual([96]);
    expect(a.errors).toHaveLength(1);
    expect(a.errors[0].nodeId).toBe(ph.id);
    expect(a.errors[0].message).toMatch(
      /^Unsupported erf: ONNX operator Erf \(node \/Erf\) has no Netloom kind; it takes \[3, 4, 4\] and gives \[6, 4, 4\] per sample: replace this placeholder with a layer that computes Erf \(closest kinds: GELU/,
    );
    // No kind with default arguments turns 3 channels into 6: no one-click replacement is offered.
    expect(a.errors[0].fix).toBeUndefined();
  });

  it('names a placeholder by its module path from the ONNX node name, uniquely, and offers the closest kind that keeps the shape', () => {
    const m = model(false);
    const nodes = m.graph?.node ?? [];
    // torch.onnx's names: a module's operators under its scope, two torch.erf calls inside layer1.
    nodes[0].name = '/layer1/relu/Relu';
    nodes[1].name = '/layer1/Erf';
    nodes.splice(2, 0, { name: '/layer1/Erf_1', opType: 'Erf', input: ['b'], output: ['b2'] });
    nodes[3] = { ...nodes[3], input: ['b2'] };
    const r = importOnnx(m, 'erf.onnx', { partial: true });
    if (!r.ok) throw new Error(r.error);
    const phs = r.value.graph.nodes.filter((n) => n.type === 'Unsupported');
    expect(phs.map((n) => n.name)).toEqual(['erf', 'erf_1']);
    expect(phs.every((n) => n.functional === undefined && n.parent === 'm_layer1')).toBe(true);
    const a = analyzeGraph(r.value.graph);
    expect(a.errors.map((e) => e.message.split(':')[0])).toEqual([
      'Unsupported layer1.erf',
      'Unsupported layer1.erf_1',
    ]);
    expect(a.errors[0].fix).toEqual({
      kind: 'replaceNode',
      nodeId: phs[0].id,
      layerType: 'GELU',
      label: 'Replace with GELU',
    });
    // The fix as the editor applies it: a GELU in its place, same module, edges and order; one error left.
    const fixed = applyFix(r.value.graph, a.errors[0].fix as Fix);
    if (!fixed.ok) throw new Error(fixed.error);
    const i = r.value.graph.nodes.indexOf(phs[0]);
    const gelu = fixed.value.nodes[i];
    expect(gelu).toMatchObject({ type: 'GELU', parent: 'm_layer1', params: {} });
    expect(gelu.name).toBeUndefined();
    expect(fixed.value.edges.filter((e) => e.source === gelu.id || e.target === gelu.id)).toHaveLength(2);
    expect(fixed.value.edges.some((e) => e.source === phs[0].id || e.target === phs[0].id)).toBe(false);
    const b = analyzeGraph(fixed.value);
    expect(b.errors.map((e) => e.message.split(':')[0])).toEqual(['Unsupported layer1.erf_1']);
    expect(b.nodes.get(gelu.id)?.shape).toEqual([3, 4, 4]);
  });

  it("keeps the attribute name of a module whose forward is the operator, and a Sequential's index", () => {
    const m = model(false);
    const nodes = m.graph?.node ?? [];
    // self.act = MyErf() at the root; features = Sequential(ReLU(), MyErf()) in the second file.
    nodes[1].name = '/act/Erf';
    const r = importOnnx(m, 'erf.onnx', { partial: true });
    if (!r.ok) throw new Error(r.error);
    const ph = r.value.graph.nodes.find((n) => n.type === 'Unsupported');
    expect(ph).toMatchObject({ name: 'act' });
    expect(analyzeGraph(r.value.graph).errors[0].message).toMatch(
      /^Unsupported act: ONNX operator Erf \(node \/act\/Erf\)/,
    );

    const s = model(false);
    const sn = s.graph?.node ?? [];
    sn[0].name = '/features/features.0/Relu';
    sn[1].name = '/features/features.1/Erf';
    const q = importOnnx(s, 'erf.onnx', { partial: true });
    if (!q.ok) throw new Error(q.error);
    expect(q.value.graph.modules).toMatchObject([{ name: 'features', kind: 'Sequential' }]);
    expect(analyzeGraph(q.value.graph).errors[0].message).toMatch(/^Unsupported features\.1: ONNX operator Erf/);
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
