import { describe, expect, it } from 'vitest';
import { copy, duplicate, paste, sequentialIds } from './ops';
import { checkEdit, must, refused } from './ops-test-util';
import { emptyProject } from './schema';
import { nestedBlocks, smallLeNet } from './test-graphs';

describe('copy', () => {
  it('takes the selected nodes and only the edges inside the selection', () => {
    const f = copy(smallLeNet(), ['conv1', 'relu1', 'fc3']);
    expect(f.nodes.map((n) => n.id)).toEqual(['conv1', 'relu1', 'fc3']);
    expect(f.edges.map((e) => e.id)).toEqual(['e2']);
    expect(f.modules).toEqual([]); // features is only partly selected
  });
  it('a module id copies everything inside it, with its containers', () => {
    const f = copy(nestedBlocks(), ['block']);
    expect(f.nodes.map((n) => n.id)).toEqual(['a1', 'a2', 'b1', 'cat']);
    expect(f.modules.map((m) => m.id)).toEqual(['block', 'branch_a', 'branch_b']);
    expect(f.edges.map((e) => e.id)).toEqual(['e2', 'e4', 'e5']);
    expect(JSON.parse(JSON.stringify(f))).toEqual(f); // plain JSON for the system clipboard
  });
});

describe('paste and duplicate', () => {
  it('pastes with fresh ids, offset positions and the same module', () => {
    const g = smallLeNet();
    const r = must(paste(g, copy(g, ['conv1', 'relu1']), { x: 100, y: 0 }));
    expect(r.nodeIds).toEqual(['conv2d_1', 'relu_1']);
    const [c, a] = r.graph.nodes.slice(-2);
    expect(c).toEqual({
      id: 'conv2d_1',
      type: 'Conv2d',
      parent: 'features',
      params: g.nodes[1].params,
      position: { x: 100, y: 100 },
    });
    expect(a.parent).toBe('features');
    expect(r.graph.edges.at(-1)).toEqual({ id: 'e_1', source: 'conv2d_1', target: 'relu_1' });
    expect(r.graph.edges).toHaveLength(g.edges.length + 1);
    checkEdit(g, r.graph);
  });
  it('duplicating nested containers gives fresh module ids and a free top-level name', () => {
    const g = nestedBlocks();
    const r = must(duplicate(g, ['block'], undefined, sequentialIds()));
    expect(r.moduleIds).toEqual(['m_block#1', 'm_branch_a#2', 'm_branch_b#3']);
    const mods = r.graph.modules.slice(-3);
    expect(mods.map((m) => [m.name, m.parent])).toEqual([
      ['block_2', undefined],
      ['branch_a', 'm_block#1'],
      ['branch_b', 'm_block#1'],
    ]);
    const cat = r.graph.nodes.find((n) => n.id === r.nodeIds[3]);
    expect(cat).toMatchObject({ type: 'Concat', parent: 'm_block#1', functional: true });
    const catEdges = r.graph.edges.filter((e) => e.target === cat?.id).map((e) => e.targetPort);
    expect(catEdges).toEqual([0, 1]);
    checkEdit(g, r.graph);
    const ids = [...r.graph.nodes, ...r.graph.edges, ...r.graph.modules].map((x) => x.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
  it('names that would clash are dropped for nodes; shares follow the copy or the original', () => {
    const g = smallLeNet();
    const r = must(duplicate(g, ['fc2', 'act2']));
    const [fc, act] = r.graph.nodes.slice(-2);
    expect(fc).not.toHaveProperty('name'); // 'fc2' is taken at the top level
    expect(act).toMatchObject({ shares: 'act', name: 'relu' }); // still calls the original ReLU
    checkEdit(g, r.graph);
    const both = must(duplicate(g, ['act', 'act2']));
    const [owner, sharer] = both.graph.nodes.slice(-2);
    expect(sharer.shares).toBe(owner.id);
    checkEdit(g, both.graph);
  });
  it('pasting into another document drops parents and shares that do not exist there', () => {
    const src = smallLeNet();
    const dst = emptyProject();
    const r = must(paste(dst, copy(src, ['conv1', 'act2'])));
    expect(r.graph.nodes.slice(1).map((n) => [n.parent, n.shares])).toEqual([
      [undefined, undefined],
      [undefined, undefined],
    ]);
    checkEdit(dst, r.graph);
  });
  it('refuses an empty fragment or unknown layer types', () => {
    expect(refused(paste(smallLeNet(), { nodes: [], edges: [], modules: [] }))).toMatch(/nothing to paste/);
    const f = copy(smallLeNet(), ['conv1']);
    f.nodes[0] = { ...f.nodes[0], type: 'Conv9d' };
    expect(refused(paste(smallLeNet(), f))).toBe("cannot paste: unknown layer type 'Conv9d'");
  });
});
