import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../app/templates';
import { analyzeGraph } from '../../app/shapes/analyze';
import { createDeriver } from './derive';
import { applyMoves } from './applyMoves';
import type { Graph } from '../../app/graph/types';

const lenet = (): Graph => {
  const r = buildTemplate('lenet5');
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('derive: Graph -> React Flow view', () => {
  it('draws expanded containers as frames and labels edges with per-sample shapes', () => {
    const g = lenet();
    const view = createDeriver()(g, analyzeGraph(g), new Set());
    const frames = view.nodes.filter((n) => n.type === 'frame');
    expect(frames.map((f) => (f.data as { name: string }).name).sort()).toEqual(['classifier', 'features']);
    expect(view.nodes.filter((n) => n.type === 'layer')).toHaveLength(g.nodes.length);
    const flatten = g.nodes.find((n) => n.type === 'Flatten');
    const into = view.edges.find((e) => e.target === flatten?.id);
    expect((into?.data as { shape: number[] }).shape).toEqual([16, 5, 5]);
  });

  it('draws a collapsed container as one node with its child count and output shape, edges rerouted', () => {
    const g0 = lenet();
    const g: Graph = { ...g0, modules: g0.modules.map((m) => (m.name === 'features' ? { ...m, collapsed: true } : m)) };
    const a = analyzeGraph(g);
    const view = createDeriver()(g, a, new Set());
    const box = view.nodes.find((n) => n.type === 'module');
    expect(box?.data).toMatchObject({ name: 'features', shape: [16, 5, 5], children: 6 });
    const hidden = g.nodes
      .filter((n) => n.parent === g.modules.find((m) => m.name === 'features')?.id)
      .map((n) => n.id);
    expect(view.nodes.some((n) => hidden.includes(n.id))).toBe(false);
    expect(view.edges.filter((e) => e.source === box?.id || e.target === box?.id)).toHaveLength(2);
  });

  it('keeps unchanged nodes identical between derivations (React Flow re-renders only what moved)', () => {
    const g = lenet();
    const a = analyzeGraph(g);
    const derive = createDeriver();
    const first = derive(g, a, new Set());
    const moved = applyMoves(
      g,
      new Map([[g.nodes[1].id, { x: 500, y: 500 }]]),
      new Map(first.nodes.map((n) => [n.id, n.position])),
    );
    const second = derive(moved, a, new Set());
    const same = second.nodes.filter((n) => first.nodes.includes(n)).length;
    expect(same).toBeGreaterThan(g.nodes.length - 3);
    expect(second.nodes.find((n) => n.id === g.nodes[1].id)?.position).toEqual({ x: 500, y: 500 });
  });

  it('moving a container moves everything inside it', () => {
    const g = lenet();
    const m = g.modules.find((x) => x.name === 'classifier');
    if (!m) throw new Error('no classifier');
    const view = createDeriver()(g, analyzeGraph(g), new Set());
    const frame = view.nodes.find((n) => n.id === `m:${m.id}`);
    if (!frame) throw new Error('no frame');
    const moved = applyMoves(
      g,
      new Map([[frame.id, { x: frame.position.x + 100, y: frame.position.y }]]),
      new Map(view.nodes.map((n) => [n.id, n.position])),
    );
    for (const n of g.nodes.filter((x) => x.parent === m.id)) {
      expect(moved.nodes.find((x) => x.id === n.id)?.position.x).toBe(n.position.x + 100);
    }
  });
});

describe('derive: a Split has one labelled output handle per piece', () => {
  it('draws out-0..out-k handles, routes each edge from its own handle, and reads handles back as ports', async () => {
    const { GraphBuilder } = await import('../../app/templates/builder');
    const { sourcePortOf } = await import('./connect');
    const b = new GraphBuilder('Net');
    const s = b.layer('Split', { split_size_or_sections: [4, 2] }, b.input([6, 3, 3]));
    const r = b.layer('ReLU', {}, { id: s, port: 1 });
    const g = b.build();
    const view = createDeriver()(g, analyzeGraph(g), new Set());
    const node = view.nodes.find((n) => n.id === s);
    expect(node?.data).toMatchObject({
      multiOutput: true,
      outputs: 2,
      outputShapes: [
        [4, 3, 3],
        [2, 3, 3],
      ],
    });
    const edge = view.edges.find((e) => e.target === r);
    expect(edge?.sourceHandle).toBe('out-1');
    expect(edge?.data).toMatchObject({ shape: [2, 3, 3], sourcePort: 1, showSourcePort: true });
    const input = view.nodes.find((n) => (n.data as { type?: string }).type === 'Input');
    expect(input?.data).toMatchObject({ multiOutput: false, outputs: 1 });
    expect([sourcePortOf('out'), sourcePortOf('out-3'), sourcePortOf('in-0')]).toEqual([0, 3, undefined]);
  });
});
