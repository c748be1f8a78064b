/**
 * Project size limits: huge or deeply nested documents are refused with one line before anything
 * walks them, and the walks that remain (longest chain, nesting depth) are iterative.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../shapes/analyze';
import { chainProblem, longestChain, MAX_CHAIN, moduleDepthProblem, PROJECT_LIMITS } from './limits';
import { parseProject } from './schema';
import { topoOrder } from './topo';
import type { Graph } from './types';

/** Input [4] followed by `n` layers in a row, alternately Linear(4) and ReLU. */
function chainDoc(n: number): Graph {
  const nodes: Graph['nodes'] = [{ id: 'in', type: 'Input', params: { shape: [4] }, position: { x: 0, y: 0 } }];
  const edges: Graph['edges'] = [];
  for (let i = 0; i < n; i++) {
    nodes.push({
      id: `l${i}`,
      type: i % 2 ? 'ReLU' : 'Linear',
      params: i % 2 ? {} : { out_features: 4 },
      position: { x: 0, y: 0 },
    });
    edges.push({ id: `e${i}`, source: i ? `l${i - 1}` : 'in', target: `l${i}` });
  }
  return { format: 'netloom', version: 1, name: 'Net', nodes, edges, modules: [] };
}

/** One Linear inside `depth` modules nested each in the previous one. */
function nestedDoc(depth: number): Graph {
  const modules: Graph['modules'] = [];
  for (let i = 0; i < depth; i++)
    modules.push({ id: `m${i}`, name: `m${i}`, kind: 'Module', ...(i ? { parent: `m${i - 1}` } : {}) });
  return {
    format: 'netloom',
    version: 1,
    name: 'Net',
    nodes: [
      { id: 'in', type: 'Input', params: { shape: [4] }, position: { x: 0, y: 0 } },
      { id: 'fc', type: 'Linear', params: { out_features: 4 }, position: { x: 0, y: 0 }, parent: `m${depth - 1}` },
    ],
    edges: [{ id: 'e', source: 'in', target: 'fc' }],
    modules,
  };
}

describe('project limits at parse time', () => {
  it('refuses more nodes than the limit before validating them, naming the count, the limit and the fix', () => {
    const r = parseProject(chainDoc(PROJECT_LIMITS.nodes + 5), 'big.json');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatch(/^big\.json: nodes: 10,006 nodes, more than a project may have \(10,000\): split/);
  });

  it('refuses more modules or edges than the limit', () => {
    const g = nestedDoc(2);
    const modules = Array.from({ length: PROJECT_LIMITS.modules + 1 }, (_, i) => ({
      id: `m${i}`,
      name: `m${i}`,
      kind: 'Module',
    }));
    const r = parseProject({ ...g, modules }, 'mods.json');
    expect(!r.ok && r.error).toMatch(/modules: 10,001 modules/);
    const edges = Array.from({ length: PROJECT_LIMITS.edges + 1 }, (_, i) => ({
      id: `e${i}`,
      source: 'in',
      target: 'fc',
    }));
    const e = parseProject({ ...g, edges }, 'edges.json');
    expect(!e.ok && e.error).toMatch(/edges: 40,001 edges/);
  });

  it('accepts a chain at the node limit', () => {
    expect(parseProject(chainDoc(PROJECT_LIMITS.nodes - 1)).ok).toBe(true);
  });

  it('refuses modules nested deeper than the limit (10,000 deep ends at once), accepts the limit itself', () => {
    const deep = parseProject(nestedDoc(10_000), 'deep.json');
    expect(!deep.ok && deep.error).toMatch(
      /^deep\.json: modules\[100\]\.parent: modules are nested 10,000 deep, more than a project may nest them \(100\)/,
    );
    expect(parseProject(nestedDoc(PROJECT_LIMITS.moduleDepth + 1)).ok).toBe(false);
    expect(parseProject(nestedDoc(PROJECT_LIMITS.moduleDepth)).ok).toBe(true);
  });

  it('computes nesting depth without recursion, also for a parent cycle (left to integrity)', () => {
    expect(moduleDepthProblem(nestedDoc(200_000))?.message).toMatch(/nested 200,000 deep/);
    const cycle = {
      modules: [
        { id: 'a', name: 'a', kind: 'Module' as const, parent: 'b' },
        { id: 'b', name: 'b', kind: 'Module' as const, parent: 'a' },
      ],
    };
    expect(moduleDepthProblem(cycle)).toBeNull();
  });
});

describe('the longest chain', () => {
  it('is measured iteratively on a 100,000-layer chain', () => {
    const g = chainDoc(100_000);
    expect(longestChain(g, topoOrder(g).order)).toEqual({ length: 100_001, end: 'l99999' });
  });

  it('counts the longest path of a branching graph', () => {
    const g = chainDoc(3);
    g.edges.push({ id: 'skip', source: 'in', target: 'l2' });
    expect(longestChain(g, topoOrder(g).order).length).toBe(4);
  });

  it('beyond MAX_CHAIN is an error of the analysis, on the node that ends the chain', () => {
    const g = chainDoc(MAX_CHAIN + 1);
    expect(chainProblem(g, topoOrder(g).order)?.nodeId).toBe(`l${MAX_CHAIN}`);
    const a = analyzeGraph(g);
    expect(a.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/3,002 layers one after another, more than Netloom can train or export \(3,000/),
    ]);
    expect(analyzeGraph(chainDoc(MAX_CHAIN - 1)).errors).toEqual([]);
  });
});
