import { describe, expect, it } from 'vitest';
import { sequentialIds } from './ids';
import { addNode, duplicate, moveNodes, removeNodes, renameNode, setParams } from './ops';
import { checkEdit, must, refused } from './ops-test-util';
import { nestedBlocks, smallLeNet } from './test-graphs';

describe('addNode', () => {
  it('appends a node with a deterministic fresh id', () => {
    const g = smallLeNet();
    const { graph, id } = must(addNode(g, 'Conv2d', { out_channels: 4 }, { x: 5, y: 6 }, 'features'));
    expect(id).toBe('conv2d_1');
    expect(graph.nodes.at(-1)).toEqual({
      id,
      type: 'Conv2d',
      params: { out_channels: 4 },
      position: { x: 5, y: 6 },
      parent: 'features',
    });
    expect(graph.nodes.slice(0, -1)).toEqual(g.nodes);
    expect(graph.nodes[0]).toBe(g.nodes[0]); // structural sharing
    checkEdit(g, graph);
    expect(must(addNode(graph, 'Conv2d', {}, { x: 0, y: 0 })).id).toBe('conv2d_2');
    expect(must(addNode(g, 'ReLU', {}, { x: 0, y: 0 }, undefined, sequentialIds(7))).id).toBe('relu#7');
    // An injected id that is taken is skipped.
    expect(must(addNode(g, 'ReLU', {}, { x: 0, y: 0 }, undefined, () => 'conv1')).id).toBe('relu_1');
  });
  it('refuses unknown types, unknown parents and non-finite positions', () => {
    expect(refused(addNode(smallLeNet(), 'Conv3d', {}, { x: 0, y: 0 }))).toMatch(
      /^unknown layer type 'Conv3d' \(known: Input, Conv2d/,
    );
    expect(refused(addNode(smallLeNet(), 'ReLU', {}, { x: 0, y: 0 }, 'ghost'))).toBe("no module with id 'ghost'");
    expect(refused(addNode(smallLeNet(), 'ReLU', {}, { x: NaN, y: 0 }))).toMatch(/finite/);
  });
});

describe('removeNodes', () => {
  it('removes nodes with their edges', () => {
    const g = smallLeNet();
    const after = removeNodes(g, ['fc2']);
    expect(after.nodes.map((n) => n.id)).not.toContain('fc2');
    expect(after.edges.some((e) => e.source === 'fc2' || e.target === 'fc2')).toBe(false);
    expect(after.edges).toHaveLength(g.edges.length - 2);
    checkEdit(g, after);
    expect(removeNodes(g, ['nope'])).toBe(g);
  });
  it("removing a module's last node removes the emptied module, up the tree", () => {
    const g = nestedBlocks();
    const noB = removeNodes(g, ['b1']);
    expect(noB.modules.map((m) => m.id)).toEqual(['block', 'branch_a']);
    checkEdit(g, noB);
    const all = removeNodes(g, ['a1', 'a2', 'b1', 'cat']);
    expect(all.modules).toEqual([]);
    checkEdit(g, all);
    // A module that still holds something stays.
    expect(removeNodes(g, ['a1']).modules).toHaveLength(3);
  });
  it('a node sharing a removed node takes over its module', () => {
    const g = smallLeNet();
    const after = removeNodes(g, ['act']);
    expect(after.nodes.find((n) => n.id === 'act2')).toEqual({
      id: 'act2',
      type: 'ReLU',
      name: 'relu',
      params: {},
      position: { x: 0, y: 1100 },
    });
    checkEdit(g, after);
  });
  it('a promoted sharer whose name a sibling already uses drops it (found by the edit fuzzer)', () => {
    const g = smallLeNet();
    // A copy of act + act2: the copied owner's name 'relu' clashes and is dropped; remove that owner.
    const dup = must(duplicate(g, ['act', 'act2']));
    const [owner, sharer] = dup.graph.nodes.slice(-2);
    expect(sharer).toMatchObject({ shares: owner.id });
    expect(sharer).not.toHaveProperty('name'); // follows its owner's (dropped) name
    const renamed = must(renameNode(dup.graph, sharer.id, 'relu')); // a display name may repeat the owner's...
    const after = removeNodes(renamed, [owner.id]); // ...but once it owns the module, 'relu' is act's
    const promoted = after.nodes.find((n) => n.id === sharer.id);
    expect(promoted).not.toHaveProperty('shares');
    expect(promoted).not.toHaveProperty('name');
    checkEdit(renamed, after);
  });
});

describe('moveNodes, setParams, renameNode', () => {
  it('moves nodes; unchanged positions give the same graph', () => {
    const g = smallLeNet();
    const moved = moveNodes(g, { conv1: { x: 10, y: 20 } });
    expect(moved.nodes[1].position).toEqual({ x: 10, y: 20 });
    expect(moved.nodes[2]).toBe(g.nodes[2]);
    checkEdit(g, moved);
    expect(moveNodes(g, new Map([['conv1', { x: 0, y: 100 }]]))).toBe(g);
    expect(moveNodes(g, { conv1: { x: Infinity, y: 0 } })).toBe(g);
  });
  it('setParams merges, and undefined removes a key', () => {
    const g = smallLeNet();
    const a = must(setParams(g, 'conv1', { out_channels: 8, padding: undefined, stride: 2 }));
    expect(a.nodes[1].params).toEqual({ out_channels: 8, kernel_size: 5, stride: 2 });
    expect(g.nodes[1].params).toEqual({ out_channels: 6, kernel_size: 5, padding: 2 });
    checkEdit(g, a);
    expect(must(setParams(g, 'conv1', { out_channels: 6 }))).toBe(g);
    expect(refused(setParams(g, 'ghost', {}))).toBe("no node with id 'ghost'");
  });
  it('renameNode checks Python rules and uniqueness in the module', () => {
    const g = smallLeNet();
    const a = must(renameNode(g, 'fc2', 'hidden'));
    expect(a.nodes[10].name).toBe('hidden');
    checkEdit(g, a);
    const cleared = must(renameNode(g, 'fc2', ''));
    expect(cleared.nodes[10]).not.toHaveProperty('name');
    checkEdit(g, cleared);
    expect(refused(renameNode(g, 'fc2', 'fc1'))).toBe(
      "Linear 'fc2': 'fc1' is already used in the top-level module: choose another name",
    );
    expect(refused(renameNode(g, 'fc2', 'features'))).toMatch(/already used/);
    expect(refused(renameNode(g, 'fc2', '1x'))).toMatch(/not a Python identifier/);
    expect(refused(renameNode(g, 'fc2', 'lambda'))).toMatch(/Python keyword/);
    expect(refused(renameNode(g, 'fc2', '0'))).toMatch(/not a Python identifier/);
    // torchvision's add_module names (RegNet's block1-0) are accepted; other punctuation is not.
    expect(must(renameNode(g, 'fc2', 'block1-0')).nodes[10].name).toBe('block1-0');
    expect(refused(renameNode(g, 'fc2', '-x'))).toMatch(/not a Python identifier/);
    expect(refused(renameNode(g, 'fc2', 'a-'))).toMatch(/not a Python identifier/);
    expect(refused(renameNode(g, 'fc2', 'my block'))).toMatch(/not a Python identifier/);
    // Inside a Sequential an index is fine, but not twice.
    const seq = must(renameNode(g, 'conv1', '5'));
    expect(refused(renameNode(seq, 'relu1', '5'))).toMatch(/'5' is already used in module 'features'/);
    // A node that shares a module may repeat the owner's name.
    expect(must(renameNode(g, 'act2', 'relu')).nodes[11].name).toBe('relu');
  });
});
