/**
 * Every template against its PyTorch reference (torchvision 0.14, or scripts/torch_ref/models.py
 * for lenet5 and mlp), from one /usr/bin/python3 process: total and trainable parameter counts,
 * state_dict() keys and shapes in order (so weights load both ways), and print(model) text.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProjectText, serializeProject } from '../graph/schema';
import type { Graph } from '../graph/types';
import type { GraphAnalysis } from '../shapes/types';
import {
  buildModuleTree,
  children,
  type ModuleTree,
  countParameters,
  modules,
  namedModules,
  reprList,
  reprModel,
  stateDictEntries,
} from '../modules';
import { analyzeGraph } from '../shapes/analyze';
import { buildTemplate, TEMPLATES } from '.';

interface Ref {
  total: number;
  trainable: number;
  state_dict: [string, number[]][];
  repr: string;
  named_modules: [string, string][];
  modules: string;
  children: string;
  /** Output shape (per sample) of each leaf module at its first call, from a forward pass. */
  shapes: Record<string, number[]>;
  output: number[];
  /** torch.fx: each leaf-module call `path#k` and the module calls it reads (through functional ops). */
  wiring: { calls: Record<string, string[]>; output: string[] };
}

/** The same wiring read off the graph: module calls in execution order, edges in port order. */
function wiring(graph: Graph, analysis: GraphAnalysis, tree: ModuleTree): Ref['wiring'] {
  const types = new Map(graph.nodes.map((n) => [n.id, n.type]));
  const preds = new Map<string, string[]>(graph.nodes.map((n) => [n.id, []]));
  const edges = [...graph.edges].sort((a, b) => (a.targetPort ?? 0) - (b.targetPort ?? 0));
  for (const e of edges) preds.get(e.target)?.push(e.source);
  const callName = new Map<string, string>();
  const counts = new Map<string, number>();
  for (const id of analysis.order) {
    const path = tree.byNode.get(id)?.path;
    if (path === undefined) continue;
    const k = counts.get(path) ?? 0;
    counts.set(path, k + 1);
    callName.set(id, `${path}#${k}`);
  }
  const expand = (id: string): string[] => {
    if (types.get(id) === 'Input') return ['input'];
    const call = callName.get(id);
    return call !== undefined ? [call] : (preds.get(id) ?? []).flatMap(expand);
  };
  const calls: Record<string, string[]> = {};
  for (const [id, name] of callName) calls[name] = (preds.get(id) ?? []).flatMap(expand);
  const sinks = graph.nodes.filter((n) => !graph.edges.some((e) => e.source === n.id));
  return { calls, output: sinks.flatMap((n) => expand(n.id)) };
}

const KNOWN_TOTALS: Record<string, number> = {
  lenet5: 61_706,
  mlp: 199_210,
  resnet18: 11_689_512,
  vgg16: 138_357_544,
  googlenet: 6_624_904,
  densenet121: 7_978_856,
  mobilenet_v2: 3_504_872,
  efficientnet_b0: 5_288_548,
};

let refs: Record<string, Ref>;
beforeAll(() => {
  const names = TEMPLATES.map((t) => t.name);
  try {
    const out = execFileSync('/usr/bin/python3', ['scripts/torch_ref/templates_ref.py', ...names], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    refs = JSON.parse(out) as Record<string, Ref>;
  } catch (e) {
    throw new Error(
      `the PyTorch reference failed: install python3-torch and python3-torchvision (apt-get install python3-torch python3-torchvision): ${String(e)}`,
    );
  }
});

describe.each(TEMPLATES.map((t) => t.name))('template %s', (name) => {
  const graph = TEMPLATES.find((t) => t.name === name)!.build();
  const analysis = analyzeGraph(graph);
  const tree = buildModuleTree(graph, analysis);

  it('is a valid graph', () => {
    expect(analysis.errors).toEqual([]);
  });

  it('has the parameter counts of the PyTorch reference', () => {
    expect(analysis.totalParams).toBe(refs[name].total);
    expect(analysis.trainableParams).toBe(refs[name].trainable);
    expect(countParameters(tree.root).total).toBe(refs[name].total);
    if (KNOWN_TOTALS[name] !== undefined) expect(analysis.totalParams).toBe(KNOWN_TOTALS[name]);
  });

  it('has the state_dict keys and shapes of the reference, in order', () => {
    expect(stateDictEntries(tree).map((e) => [e.name, e.shape])).toEqual(refs[name].state_dict);
  });

  it('prints exactly as print(model)', () => {
    expect(reprModel(tree)).toBe(refs[name].repr);
  });

  it('has the named_modules() of the reference, and prints modules() and children() as PyTorch', () => {
    expect(namedModules(tree).map(([n, m]) => [n, m.className])).toEqual(refs[name].named_modules);
    expect(reprList(modules(tree))).toBe(refs[name].modules);
    expect(reprList(children(tree.root))).toBe(refs[name].children);
  });

  it('computes the output shape PyTorch computes for every module and the model (the wiring follows forward)', () => {
    const byPath = new Map(namedModules(tree));
    const got = Object.keys(refs[name].shapes).map((path) => {
      const id = byPath.get(path)?.nodeId;
      return [path, id === undefined ? 'missing' : analysis.nodes.get(id)?.shape];
    });
    expect(got).toEqual(Object.entries(refs[name].shapes));
    const sinks = graph.nodes.filter((n) => !graph.edges.some((e) => e.source === n.id));
    expect(sinks.map((n) => analysis.nodes.get(n.id)?.shape)).toEqual([refs[name].output]);
  });

  it('is wired as torch.fx traces the reference forward (every module call reads the same calls)', () => {
    expect(wiring(graph, analysis, tree)).toEqual(refs[name].wiring);
  });

  it('survives a save and load unchanged (same tree, same names)', () => {
    const loaded = parseProjectText(serializeProject(graph), `${name}.netloom.json`);
    if (!loaded.ok) throw new Error(loaded.error);
    expect(loaded.value).toEqual(graph);
    expect(reprModel(buildModuleTree(loaded.value, analyzeGraph(loaded.value)))).toBe(refs[name].repr);
  });
});

describe('templates', () => {
  it('lay nodes out top-down with inputs on top and no two nodes on one spot', () => {
    for (const t of TEMPLATES) {
      const g = t.build();
      const input = g.nodes.find((n) => n.type === 'Input')!;
      expect(Math.min(...g.nodes.map((n) => n.position.y))).toBe(input.position.y);
      const spots = new Set(g.nodes.map((n) => `${n.position.x},${n.position.y}`));
      expect(spots.size).toBe(g.nodes.length);
    }
  });

  it('collapse the big containers for a readable overview', () => {
    const collapsed = (name: string) => {
      const r = buildTemplate(name);
      if (!r.ok) throw new Error(r.error);
      return r.value.modules.filter((m) => m.collapsed).map((m) => m.name);
    };
    expect(collapsed('resnet18')).toEqual(expect.arrayContaining(['layer1', 'layer4', '0', '1']));
    expect(collapsed('vgg16')).toContain('features');
    expect(collapsed('alexnet')).toContain('features');
    expect(collapsed('googlenet')).toContain('inception4a');
    expect(collapsed('densenet121')).toContain('denseblock3');
    expect(collapsed('lenet5')).toEqual([]);
  });

  it('buildTemplate names the known templates for an unknown name', () => {
    const r = buildTemplate('resnet1000');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('lenet5, mlp, alexnet');
  });
});

describe('template settings', () => {
  it('lenet5 and mlp come ready to train on Fashion-MNIST with the course optimizer', () => {
    for (const name of ['lenet5', 'mlp']) {
      const r = buildTemplate(name);
      if (!r.ok) throw new Error(r.error);
      expect(r.value.dataset).toEqual({ name: 'fashion-mnist' });
      expect(r.value.training).toMatchObject({ optimizer: 'sgd', lr: 0.01 });
    }
  });
});
