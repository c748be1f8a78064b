import { describe, expect, it } from 'vitest';
import {
  group,
  moduleNodeIds,
  renameModule,
  renameNode,
  setCollapsed,
  setModuleClass,
  suggestModuleName,
  ungroup,
} from './ops';
import { checkEdit, must, refused } from './ops-test-util';
import { nestedBlocks, smallLeNet } from './test-graphs';

describe('group and ungroup', () => {
  it('groups nodes of one module into a new container', () => {
    const g = smallLeNet();
    const { graph, id } = must(group(g, ['fc1', 'act', 'fc2'], { kind: 'Sequential', name: 'classifier' }));
    expect(id).toBe('m_classifier_1');
    expect(graph.modules.at(-1)).toEqual({ id, name: 'classifier', kind: 'Sequential' });
    // fc1/fc2 keep valid identifiers inside a Sequential; `act` sharing is unaffected.
    expect(graph.nodes.filter((n) => n.parent === id).map((n) => [n.id, n.name])).toEqual([
      ['fc1', 'fc1'],
      ['act', 'relu'],
      ['fc2', 'fc2'],
    ]);
    checkEdit(g, graph);
  });
  it('nests: group nodes inside a module, then group that module with a sibling', () => {
    const g = smallLeNet();
    const inner = must(group(g, ['conv1', 'relu1'], { kind: 'Module', name: 'block', className: 'ConvBlock' }));
    expect(inner.graph.modules.at(-1)).toEqual({
      id: inner.id,
      name: 'block',
      kind: 'Module',
      className: 'ConvBlock',
      parent: 'features',
    });
    checkEdit(g, inner.graph);
    const outer = must(group(inner.graph, [inner.id, 'pool1'], { kind: 'Sequential', name: 'stage1' }));
    expect(outer.graph.modules.find((m) => m.id === inner.id)?.parent).toBe(outer.id);
    expect(outer.graph.modules.find((m) => m.id === outer.id)?.parent).toBe('features');
    checkEdit(inner.graph, outer.graph);
    expect(moduleNodeIds(outer.graph, outer.id).sort()).toEqual(['conv1', 'pool1', 'relu1']);
    // Ungroup the outer: block and pool1 return to features; then ungroup block.
    const u1 = must(ungroup(outer.graph, outer.id));
    expect(u1).toEqual(inner.graph);
    checkEdit(outer.graph, u1);
    expect(must(ungroup(u1, inner.id))).toEqual(g);
  });
  it('index names that do not fit a Module are dropped; clashing names are adjusted on ungroup', () => {
    const named = must(renameNode(smallLeNet(), 'conv1', '0'));
    const { graph, id } = must(group(named, ['conv1', 'relu1'], { kind: 'Module', name: 'stem' }));
    expect(graph.nodes.find((n) => n.id === 'conv1')).not.toHaveProperty('name');
    checkEdit(named, graph);
    // A container named like a sibling of its parent gets a free name when ungrouped.
    const g = nestedBlocks();
    const clash = must(renameNode(g, 'pool', 'branch_a'));
    const up = must(ungroup(clash, 'block'));
    expect(up.modules.map((m) => m.name).sort()).toEqual(['branch_a_2', 'branch_b']);
    checkEdit(clash, up);
    expect(id).toBeTruthy();
  });
  it('refuses mixed parents, empty selections, bad names and unknown ids', () => {
    const g = smallLeNet();
    expect(refused(group(g, ['conv1', 'fc1'], { kind: 'Sequential', name: 'x' }))).toMatch(/spans several modules/);
    expect(refused(group(g, [], { kind: 'Sequential', name: 'x' }))).toMatch(/select the layers/);
    expect(refused(group(g, ['fc1'], { kind: 'Sequential', name: 'fc2' }))).toMatch(
      /group name: 'fc2' is already used/,
    );
    expect(refused(group(g, ['fc1'], { kind: 'Sequential', name: 'my block' }))).toMatch(/not a Python identifier/);
    expect(refused(group(g, ['fc1'], { kind: 'Module', name: 'head', className: 'class' }))).toMatch(
      /class name: .*keyword/,
    );
    expect(refused(group(g, ['ghost'], { kind: 'Sequential', name: 'x' }))).toBe("no node or module with id 'ghost'");
    expect(refused(ungroup(g, 'ghost'))).toBe("no module with id 'ghost'");
  });
  it('suggests free names', () => {
    const g = smallLeNet();
    expect(suggestModuleName(g)).toBe('block');
    expect(suggestModuleName(g, 'features')).toBe('0');
    const b = must(group(g, ['fc1'], { kind: 'Sequential', name: 'block' })).graph;
    expect(suggestModuleName(b)).toBe('block_2');
  });
});

describe('renameModule, setModuleClass, setCollapsed', () => {
  it('renames with Python rules and uniqueness', () => {
    const g = nestedBlocks();
    const r = must(renameModule(g, 'branch_a', 'left'));
    expect(r.modules[1].name).toBe('left');
    checkEdit(g, r);
    expect(refused(renameModule(g, 'branch_a', 'branch_b'))).toBe(
      "module 'branch_a': 'branch_b' is already used in module 'block': choose another name",
    );
    expect(refused(renameModule(g, 'block', 'fc'))).toMatch(/already used in the top-level module/);
    expect(must(renameModule(g, 'block', 'block'))).toBe(g);
  });
  it('sets and clears the class name', () => {
    const g = nestedBlocks();
    const c = must(setModuleClass(g, 'branch_a', 'Branch'));
    expect(c.modules[1].className).toBe('Branch');
    checkEdit(g, c);
    const cleared = must(setModuleClass(g, 'block', undefined));
    expect(cleared.modules[0]).not.toHaveProperty('className');
    expect(refused(setModuleClass(g, 'block', '9Lives'))).toMatch(/not a Python identifier/);
  });
  it('collapses and expands', () => {
    const g = nestedBlocks();
    const c = must(setCollapsed(g, 'block', true));
    expect(c.modules[0].collapsed).toBe(true);
    checkEdit(g, c);
    const e = must(setCollapsed(g, 'branch_b', false));
    expect(e.modules[2]).not.toHaveProperty('collapsed');
    expect(must(setCollapsed(g, 'block', false))).toBe(g);
  });
});
