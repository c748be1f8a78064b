import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { smallLeNet } from '../graph/test-graphs';
import { applyFix } from '../graph/ops';
import type { Graph, GraphEdge, GraphNode } from '../graph/types';
import { analyzeGraph, MAX_ELEMENTS } from './analyze';

type N = Pick<GraphNode, 'id' | 'type' | 'params'> & Partial<GraphNode>;
function graph(nodes: N[], edges: [string, string, number?][] | GraphEdge[]): Graph {
  return {
    format: 'netloom',
    version: 1,
    name: 'Net',
    nodes: nodes.map((n) => ({ position: { x: 0, y: 0 }, ...n })),
    edges: edges.map((e, i) =>
      Array.isArray(e)
        ? { id: `e${i}`, source: e[0], target: e[1], ...(e[2] !== undefined ? { targetPort: e[2] } : {}) }
        : e,
    ),
    modules: [],
  };
}
const input = (id: string, shape: number[]): N => ({ id, type: 'Input', params: { shape } });
const errorsOf = (g: Graph) => analyzeGraph(g).errors.map((e) => e.message);

describe('analyzeGraph', () => {
  it('LeNet: shapes per node and edge, counts, shared module counted once', () => {
    const a = analyzeGraph(smallLeNet());
    expect(a.errors).toEqual([]);
    expect(a.nodes.get('conv1')?.shape).toEqual([6, 28, 28]);
    expect(a.nodes.get('pool2')?.shape).toEqual([16, 5, 5]);
    expect(a.nodes.get('flatten')?.shape).toEqual([400]);
    expect(a.nodes.get('fc3')?.shape).toEqual([10]);
    expect(a.nodes.get('fc1')?.inferred).toEqual({ in_features: 400 });
    expect(a.nodes.get('conv2')?.inferred).toEqual({ in_channels: 6 });
    expect(a.nodes.get('conv1')?.params).toBe(6 * 25 + 6);
    expect(a.nodes.get('fc1')?.macs).toBe(400 * 120);
    expect(a.nodes.get('act2')?.type).toBe('ReLU');
    expect(a.totalParams).toBe(61706);
    expect(a.trainableParams).toBe(61706);
    expect(a.totalMacs).toBe(6 * 784 * 25 + 16 * 100 * 150 + 400 * 120 + 120 * 84 + 84 * 10);
    expect(a.edges.get('e8')).toEqual([400]);
    expect(a.order[0]).toBe('input');
    const sizes = [784, 4704, 4704, 1176, 1600, 1600, 400, 400, 120, 120, 84, 84, 10];
    expect(a.activationElements).toBe(sizes.reduce((x, y) => x + y, 0));
  });

  it('a shared Conv2d counts its parameters once, its MACs per call', () => {
    const g = graph(
      [
        input('in', [4, 8, 8]),
        { id: 'c', type: 'Conv2d', params: { out_channels: 4, kernel_size: 3, padding: 1 } },
        { id: 'c2', type: 'Conv2d', params: {}, shares: 'c' },
      ],
      [
        ['in', 'c'],
        ['c', 'c2'],
      ],
    );
    const a = analyzeGraph(g);
    expect(a.errors).toEqual([]);
    expect(a.nodes.get('c2')?.params).toBe(0);
    expect(a.totalParams).toBe(4 * 4 * 9 + 4);
    expect(a.totalMacs).toBe(2 * 4 * 64 * 4 * 9);
  });

  it('a shared module called on a different channel count is an error', () => {
    const g = graph(
      [
        input('in', [4, 8, 8]),
        { id: 'c', type: 'Conv2d', params: { out_channels: 8, kernel_size: 1 } },
        { id: 'c2', type: 'Conv2d', params: {}, shares: 'c' },
      ],
      [
        ['in', 'c'],
        ['c', 'c2'],
      ],
    );
    expect(errorsOf(g)).toEqual([
      'Conv2d c2: is the same module as conv1 but gets in_channels 8 instead of 4: use a separate layer',
    ]);
  });

  it('a functional call of a kind with weights is an error', () => {
    const g = graph(
      [
        input('in', [6, 4, 4]),
        { id: 'bn', type: 'BatchNorm2d', params: {}, functional: true },
        { id: 'r', type: 'ReLU', params: {}, functional: true },
      ],
      [
        ['in', 'bn'],
        ['in', 'r'],
      ],
    );
    expect(errorsOf(g)).toEqual([
      'BatchNorm2d bn: has weight, bias, running_mean, running_var, num_batches_tracked and cannot be a functional call: clear "functional"',
    ]);
  });

  it('BatchNorm buffers are not parameters', () => {
    const g = graph([input('in', [6, 4, 4]), { id: 'bn', type: 'BatchNorm2d', params: {} }], [['in', 'bn']]);
    const a = analyzeGraph(g);
    expect(a.nodes.get('bn')?.params).toBe(12);
    expect(a.nodes.get('bn')?.inferred).toEqual({ num_features: 6 });
  });

  it('Linear after a conv: the Flatten error and fix; nodes after it are unknown without errors of their own', () => {
    const g = graph(
      [
        input('in', [16, 5, 5]),
        { id: 'fc1', type: 'Linear', params: { out_features: 120 } },
        { id: 'relu', type: 'ReLU', params: {} },
        { id: 'fc2', type: 'Linear', params: { out_features: 10 } },
      ],
      [
        ['in', 'fc1'],
        ['fc1', 'relu'],
        ['relu', 'fc2'],
      ],
    );
    const a = analyzeGraph(g);
    expect(a.errors).toEqual([
      {
        nodeId: 'fc1',
        message: 'fc1: Linear expects 400 input features, gets [16, 5, 5]: insert Flatten',
        fix: {
          kind: 'insertBefore',
          nodeId: 'fc1',
          layerType: 'Flatten',
          params: {},
          label: 'Insert Flatten before this Linear',
        },
      },
    ]);
    for (const id of ['fc1', 'relu', 'fc2']) expect(a.nodes.get(id)?.shape).toBeNull();
    expect(a.nodes.get('relu')?.error).toBeUndefined();
    expect(a.edges.get('e1')).toBeNull();
    expect(a.totalParams).toBe(0);
  });

  it('every offered fix, applied by the graph ops, clears its error', () => {
    const broken = [
      graph([input('in', [16, 5, 5]), { id: 'fc1', type: 'Linear', params: { out_features: 120 } }], [['in', 'fc1']]),
      graph(
        [
          input('in', [1, 8, 8]),
          { id: 'c', type: 'Conv2d', params: { in_channels: 3, out_channels: 2, kernel_size: 3 } },
        ],
        [['in', 'c']],
      ),
      graph([input('in', [5]), { id: 'bn', type: 'BatchNorm1d', params: { num_features: 3 } }], [['in', 'bn']]),
      graph(
        [input('in', [4]), { id: 'r', type: 'ReLU', params: {} }, { id: 's', type: 'Sigmoid', params: {} }],
        [
          ['in', 'r'],
          ['s', 'r', 1],
          ['r', 's'],
        ],
      ),
      graph(
        [input('in', [4]), { id: 'r', type: 'ReLU', params: {} }],
        [
          ['in', 'r'],
          ['in', 'ghost'],
        ],
      ),
    ];
    for (const g of broken) {
      const first = analyzeGraph(g).errors;
      expect(first.length, JSON.stringify(first)).toBeGreaterThan(0);
      let cur = g;
      for (const e of first) {
        expect(e.fix, e.message).toBeDefined();
        const r = applyFix(cur, e.fix as NonNullable<typeof e.fix>);
        if (!r.ok) throw new Error(r.error);
        cur = r.value;
      }
      const after = analyzeGraph(cur).errors;
      expect(after.map((e) => e.message)).toEqual([]);
    }
  });

  it('an in_channels mismatch carries a setParam fix for that node', () => {
    const g = graph(
      [
        input('in', [1, 8, 8]),
        { id: 'conv1', type: 'Conv2d', params: { in_channels: 3, out_channels: 2, kernel_size: 3 } },
      ],
      [['in', 'conv1']],
    );
    expect(analyzeGraph(g).errors[0]).toMatchObject({
      nodeId: 'conv1',
      message: expect.stringMatching(
        /^Conv2d conv1: in_channels is 3 but the input \[1, 8, 8\] has 1 channels: set in_channels to 1/,
      ),
      fix: { kind: 'setParam', nodeId: 'conv1', param: 'in_channels', value: 1 },
    });
  });

  it('a cycle is one error naming its nodes, with the closing edge to remove; nodes behind it are unknown', () => {
    const g = graph(
      [
        input('in', [4]),
        { id: 'a', type: 'Add', params: {} },
        { id: 'r', type: 'ReLU', params: {} },
        { id: 's', type: 'Sigmoid', params: {} },
        { id: 'out', type: 'Tanh', params: {} },
      ],
      [
        ['in', 'a', 0],
        ['s', 'a', 1],
        ['a', 'r'],
        ['r', 's'],
        ['s', 'out'],
      ],
    );
    const a = analyzeGraph(g);
    expect(a.errors).toEqual([
      {
        nodeId: 'a',
        edgeId: 'e1',
        message:
          'Add a is part of a cycle (a, relu, sigmoid): a network must not feed back into itself; remove the edge from sigmoid',
        fix: { kind: 'removeEdge', edgeId: 'e1', label: 'Remove the edge from sigmoid' },
      },
    ]);
    expect(a.nodes.get('in')?.shape).toEqual([4]);
    for (const id of ['a', 'r', 's', 'out']) expect(a.nodes.get(id)?.shape).toBeNull();
    expect(a.order).toEqual(['in']);
    const self = graph([input('in', [4]), { id: 'r', type: 'ReLU', params: {} }], [['r', 'r']]);
    expect(errorsOf(self)).toEqual([
      'ReLU relu is part of a cycle (relu): a network must not feed back into itself; remove the edge from relu',
    ]);
  });

  it('structural errors: dangling edges, missing and surplus inputs, two edges into a port, unknown types', () => {
    const g = graph(
      [
        input('in', [3, 8, 8]),
        { id: 'c', type: 'Conv2d', params: { out_channels: 2, kernel_size: 3 } },
        { id: 'lin', type: 'Linear', params: { out_features: 2 } },
        { id: 'add', type: 'Add', params: {} },
        { id: 'x', type: 'Conv3d', params: {} },
        { id: 'y', type: 'ReLU', params: {} },
        { id: 'gap', type: 'Concat', params: {} },
      ],
      [
        ['in', 'ghost'],
        ['in', 'lin', 0],
        ['in', 'lin', 1],
        ['in', 'add'],
        ['in', 'add'],
        ['in', 'x'],
        ['x', 'y'],
        ['in', 'gap', 1],
      ],
    );
    const a = analyzeGraph(g);
    expect(a.errors.map((e) => e.message)).toEqual([
      'Edge e0 points to an unknown target "ghost": remove the edge',
      'Conv2d conv1 has no input: connect one',
      'Linear fc1 takes 1 input, but 2 are connected: remove the edge from in',
      'Add add: input 0 has two edges (from in and in): remove one, or give each edge its own targetPort',
      'Conv3d x: unknown layer type "Conv3d": pick a layer from the palette',
      'Concat gap: input 0 is not connected, but input 1 is: connect input 0',
    ]);
    expect(a.errors[0].fix).toEqual({ kind: 'removeEdge', edgeId: 'e0', label: 'Remove this edge' });
    expect(a.errors[2].fix).toMatchObject({ kind: 'removeEdge', edgeId: 'e2' });
    expect(a.nodes.get('y')?.shape).toBeNull();
    expect(a.nodes.get('y')?.error).toBeUndefined();
  });

  it('Add needs two inputs of one shape; Concat names the dim and inputs that differ', () => {
    const one = graph([input('in', [4]), { id: 'add', type: 'Add', params: {} }], [['in', 'add']]);
    expect(errorsOf(one)).toEqual(['Add add needs at least 2 inputs, has 1: connect 1 more']);
    const g = graph(
      [
        input('a', [6, 4, 4]),
        input('b', [6, 2, 2]),
        { id: 'sum', type: 'Add', params: {} },
        { id: 'cat', type: 'Concat', params: {} },
      ],
      [
        ['a', 'sum', 0],
        ['b', 'sum', 1],
        ['a', 'cat', 0],
        ['b', 'cat', 1],
      ],
    );
    expect(errorsOf(g)).toEqual([
      'Add sum: inputs must have the same shape: input 0 is [6, 4, 4], input 1 is [6, 2, 2]; make them match (e.g. a 1x1 Conv2d with stride on the shortcut)',
      'Concat cat: sizes must match except in dim 1, but dim 2 differs: input 0 is [6, 4, 4], input 1 is [6, 2, 2]; resize one input or change dim',
    ]);
    const ok = graph(
      [input('a', [6, 4, 4]), input('b', [2, 4, 4]), { id: 'cat', type: 'Concat', params: {} }],
      [
        ['b', 'cat', 1],
        ['a', 'cat', 0],
      ],
    );
    expect(analyzeGraph(ok).nodes.get('cat')).toMatchObject({
      shape: [8, 4, 4],
      inputs: [
        [6, 4, 4],
        [2, 4, 4],
      ],
    });
  });

  it('invalid params name the node and field; downstream is unknown', () => {
    const g = graph(
      [
        input('in', [1, 8, 8]),
        { id: 'c', name: 'conv1', type: 'Conv2d', params: { out_channels: 2, kernel_size: -3 } },
        { id: 'r', type: 'ReLU', params: {} },
      ],
      [
        ['in', 'c'],
        ['c', 'r'],
      ],
    );
    expect(errorsOf(g)).toEqual(['Conv2d conv1: kernel_size must be a positive integer or a pair, got -3']);
  });

  it('absurd sizes are refused before anything allocates, naming the node', () => {
    const big = graph([input('in', [100000, 100000, 1000]), { id: 'r', type: 'ReLU', params: {} }], [['in', 'r']]);
    expect(errorsOf(big)[0]).toMatch(
      /^Input in: output \[100000, 100000, 1000\] has 1.00e\+13 elements per sample, more than the limit of 2\^31/,
    );
    const wide = graph(
      [input('in', [65536]), { id: 'fc', type: 'Linear', params: { out_features: 65536 } }],
      [['in', 'fc']],
    );
    expect(errorsOf(wide)).toEqual([
      'Linear fc1: weight would have 4.29e+9 elements, more than the limit of 2^31: make the layer smaller',
    ]);
    expect(MAX_ELEMENTS).toBe(2 ** 31);
    const up = graph(
      [input('in', [1, 40000, 40000]), { id: 'u', type: 'Upsample', params: { scale_factor: 1000 } }],
      [['in', 'u']],
    );
    expect(errorsOf(up).length).toBe(1);
  });

  it('NaN, Infinity, negative and fractional dims are errors, not crashes', () => {
    for (const bad of [NaN, Infinity, -1, 0, 2.5, '3', null]) {
      const g = graph([input('in', [1, bad as number, 4])], []);
      expect(errorsOf(g)[0]).toMatch(/^Input in: shape must be a list of positive integers/);
    }
  });

  it('never throws on random graphs', () => {
    const types = [
      'Input',
      'Conv2d',
      'MaxPool2d',
      'Linear',
      'Flatten',
      'Add',
      'Concat',
      'ReLU',
      'BatchNorm2d',
      'Upsample',
      'Bogus',
    ];
    const value = fc.oneof(
      fc.integer({ min: -3, max: 40 }),
      fc.constant(NaN),
      fc.constant(1e300),
      fc.constant('same'),
      fc.constant(null),
      fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 })),
    );
    const params = fc.dictionary(
      fc.constantFrom(
        'shape',
        'out_channels',
        'kernel_size',
        'stride',
        'padding',
        'out_features',
        'dim',
        'scale_factor',
        'x',
      ),
      value,
      { maxKeys: 4 },
    );
    const arb = fc.record({
      nodes: fc.array(
        fc.record({
          type: fc.constantFrom(...types),
          params,
          shares: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      edges: fc.array(
        fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: -1, max: 3 })),
        { maxLength: 12 },
      ),
    });
    fc.assert(
      fc.property(arb, ({ nodes, edges }) => {
        const g = graph(
          nodes.map((n, i) => ({
            id: `n${i}`,
            type: n.type,
            params: n.type === 'Input' && !('shape' in n.params) ? { shape: [2, 4, 4] } : n.params,
            ...(n.shares !== undefined ? { shares: `n${n.shares}` } : {}),
          })),
          edges.map(([s, t, p]) => [`n${s}`, `n${t}`, p] as [string, string, number]),
        );
        const a = analyzeGraph(g);
        expect(a.nodes.size).toBe(nodes.length);
        for (const n of a.nodes.values())
          if (n.shape) expect(n.shape.every((d) => Number.isSafeInteger(d) && d > 0)).toBe(true);
        expect(Number.isFinite(a.totalParams) && Number.isFinite(a.totalMacs)).toBe(true);
      }),
      { numRuns: 400, seed: 42 },
    );
  });
});
