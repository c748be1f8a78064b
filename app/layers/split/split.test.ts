// Split and Chunk in a graph: shapes per output, edges by output port, the errors of a wrong port,
// the edit operations that carry sourcePort, and the file format (old files load, the port survives).
import { describe, expect, it } from 'vitest';
import { connect, insertOnEdge } from '../../graph/ops';
import { parseProject, serializeProject } from '../../graph/schema';
import type { Graph } from '../../graph/types';
import { analyzeGraph } from '../../shapes/analyze';
import { GraphBuilder } from '../../templates/builder';

function twoBranches(): { g: Graph; split: string; conv: string; relu: string } {
  const b = new GraphBuilder('Net');
  const x = b.input([10, 4, 4]);
  const split = b.layer('Split', { split_size_or_sections: 4 }, x);
  const conv = b.layer('Conv2d', { out_channels: 3, kernel_size: 1 }, { id: split, port: 2 });
  const relu = b.layer('ReLU', {}, { id: split, port: 1 });
  b.layer('Concat', {}, [conv, relu, { id: split, port: 0 }]);
  return { g: b.build(), split, conv, relu };
}

describe('Split and Chunk in a graph', () => {
  it('infers every output and labels each edge with the output it leaves from', () => {
    const { g, split, conv } = twoBranches();
    const a = analyzeGraph(g);
    expect(a.errors).toEqual([]);
    expect(a.nodes.get(split)?.outputs).toEqual([
      [4, 4, 4],
      [4, 4, 4],
      [2, 4, 4],
    ]);
    expect(a.nodes.get(conv)?.inputs).toEqual([[2, 4, 4]]);
    const shapes = g.edges.filter((e) => e.source === split).map((e) => a.edges.get(e.id));
    expect(shapes).toEqual([
      [2, 4, 4],
      [4, 4, 4],
      [4, 4, 4],
    ]);
    expect(a.nodes.get(g.nodes[g.nodes.length - 1].id)?.shape).toEqual([11, 4, 4]);
    // Every output counts towards the activation memory.
    expect(a.activationElements).toBe(160 + 160 + 3 * 16 + 64 + 11 * 16);
  });

  it('an edge from an output the node does not have is an error on the reader, with a fix removing it', () => {
    const { g, split, relu } = twoBranches();
    const bad: Graph = {
      ...g,
      edges: g.edges.map((e) => (e.target === relu ? { ...e, sourcePort: 3 } : e)),
    };
    const a = analyzeGraph(bad);
    const e = a.errors.find((x) => x.nodeId === relu);
    expect(e?.message).toBe(
      `ReLU relu: its input comes from output 3 of Split ${split}, which has outputs 0 to 2: connect another output, or remove the edge`,
    );
    expect(e?.fix?.kind).toBe('removeEdge');
    // Output 1 of a one-output layer.
    const b = new GraphBuilder('Net');
    const conv = b.layer('Conv2d', { out_channels: 2, kernel_size: 1 }, b.input([1, 4, 4]));
    const r = b.layer('ReLU', {}, { id: conv, port: 1 });
    expect(analyzeGraph(b.build()).errors[0].message).toMatch(/output 1 of Conv2d \w+, which has only output 0/);
    expect(analyzeGraph(b.build()).nodes.get(r)?.shape).toBeNull();
  });

  it('Chunk gives fewer pieces than asked where PyTorch does, and shape errors name the fix', () => {
    const b = new GraphBuilder('Net');
    const x = b.input([6, 2]);
    const c = b.layer('Chunk', { chunks: 4 }, x);
    const s = b.layer('Split', { split_size_or_sections: [2, 2] }, x);
    const a = analyzeGraph(b.build());
    expect(a.nodes.get(c)?.outputs).toEqual([
      [2, 2],
      [2, 2],
      [2, 2],
    ]);
    expect(a.nodes.get(s)?.error?.message).toContain('expects split_sizes to sum exactly to 6');
    expect(a.nodes.get(s)?.error?.message).toContain('make the sections add up to 6');
  });

  it('connect stores the output port; a second edge from the same output into the same port is refused', () => {
    const { g, split, conv } = twoBranches();
    const add = connect({ ...g, edges: g.edges.filter((e) => e.target !== conv) }, split, conv, 0, undefined, 1);
    expect(add.ok).toBe(true);
    if (!add.ok) return;
    const edge = add.value.graph.edges.find((e) => e.id === add.value.id);
    expect(edge).toMatchObject({ source: split, target: conv, sourcePort: 1 });
    expect(edge?.targetPort).toBeUndefined();
    expect(connect(add.value.graph, split, conv, 0, undefined, 1).ok).toBe(false);
  });

  it('inserting a layer on an edge from output 2 reads output 2 and passes its own output on', () => {
    const { g, conv } = twoBranches();
    const edge = g.edges.find((e) => e.target === conv);
    const r = insertOnEdge(g, edge?.id ?? '', 'ReLU');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const into = r.value.graph.edges.find((e) => e.target === r.value.id);
    const out = r.value.graph.edges.find((e) => e.source === r.value.id);
    expect(into?.sourcePort).toBe(2);
    expect(out?.sourcePort).toBeUndefined();
    expect(analyzeGraph(r.value.graph).errors).toEqual([]);
  });

  it('the file keeps sourcePort, and a file without it (every older file) reads each edge from output 0', () => {
    const { g } = twoBranches();
    const text = serializeProject(g);
    expect(text).toContain('"sourcePort": 2');
    const back = parseProject(JSON.parse(text));
    expect(back.ok && back.value.edges).toEqual(g.edges);
    const old = parseProject({
      format: 'netloom',
      version: 1,
      nodes: [
        { id: 'in', type: 'Input', params: { shape: [4] } },
        { id: 'fc', type: 'Linear', params: { out_features: 2 } },
      ],
      edges: [{ id: 'e1', source: 'in', target: 'fc' }],
    });
    expect(old.ok && old.value.edges).toEqual([{ id: 'e1', source: 'in', target: 'fc' }]);
    const bad = parseProject({ ...JSON.parse(text), edges: [{ id: 'e1', source: 'a', target: 'b', sourcePort: -1 }] });
    expect(bad.ok).toBe(false);
  });
});
