/**
 * The seed's nn.Module example (Net / MyModule, course notes 2.6.3): modules(), children(),
 * named_modules(), named_parameters() and print(model) equal PyTorch's, computed by
 * scripts/torch_ref/seed_module.py under Debian's /usr/bin/python3.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../shapes/analyze';
import { GraphBuilder } from '../templates/builder';
import {
  buildModuleTree,
  children,
  modules,
  namedModules,
  namedParameters,
  reprList,
  reprModel,
  stateDictEntries,
} from '.';

interface SeedRef {
  repr: string;
  modules: string;
  modules_len: number;
  children: string;
  children_len: number;
  named_modules: string[];
  named_parameters: [string, number[]][];
}

function seedGraph() {
  const b = new GraphBuilder('Net');
  const x = b.input([4]);
  const net = b.module('net', 'Sequential');
  const my = b.module('0', 'Module', { parent: net, className: 'MyModule' });
  const l1 = b.layer('Linear', { out_features: 3 }, x, { parent: my, name: 'net' });
  const r = b.layer('ReLU', { inplace: true }, l1, { parent: net });
  b.layer('Linear', { out_features: 2 }, r, { parent: net });
  return b.build();
}

let ref: SeedRef;
beforeAll(() => {
  try {
    ref = JSON.parse(
      execFileSync('/usr/bin/python3', ['scripts/torch_ref/seed_module.py'], { encoding: 'utf8' }),
    ) as SeedRef;
  } catch (e) {
    throw new Error(
      `PyTorch reference failed: install python3-torch (apt-get install python3-torch python3-torchvision): ${String(e)}`,
    );
  }
});

describe('seed Net/MyModule example against PyTorch', () => {
  const graph = seedGraph();
  const tree = buildModuleTree(graph, analyzeGraph(graph));

  it('print(model) is identical', () => {
    expect(reprModel(tree)).toBe(ref.repr);
  });

  it('list(model.modules()) has 6 entries printed as PyTorch prints them', () => {
    expect(modules(tree).length).toBe(6);
    expect(modules(tree).length).toBe(ref.modules_len);
    expect(reprList(modules(tree))).toBe(ref.modules);
  });

  it('list(model.children()) has 1 entry printed as PyTorch prints it', () => {
    expect(children(tree.root).length).toBe(ref.children_len);
    expect(reprList(children(tree.root))).toBe(ref.children);
  });

  it('named_modules() and named_parameters() names and shapes match', () => {
    expect(namedModules(tree).map(([n]) => n)).toEqual(ref.named_modules);
    expect(namedParameters(tree).map((p) => [p.name, p.shape])).toEqual(ref.named_parameters);
    expect(stateDictEntries(tree).map((p) => [p.name, p.shape])).toEqual(ref.named_parameters);
  });
});
