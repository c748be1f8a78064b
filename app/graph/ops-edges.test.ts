import { describe, expect, it } from 'vitest';
import { addNode, applyFix, canConnect, connect, disconnect, insertBefore, insertOnEdge, removeNodes } from './ops';
import { checkEdit, must, refused } from './ops-test-util';
import { nestedBlocks, smallLeNet } from './test-graphs';

describe('canConnect and connect', () => {
  it('connects into the first free port', () => {
    const g = removeNodes(smallLeNet(), []);
    const cut = disconnect(g, 'e9'); // fc1 -> act
    const { graph, id } = must(connect(cut, 'fc1', 'act'));
    expect(graph.edges.at(-1)).toEqual({ id, source: 'fc1', target: 'act' });
    expect(id).toBe('e_1');
    checkEdit(cut, graph);
  });
  it('uses ports for merges (Concat)', () => {
    const g = nestedBlocks();
    const { graph } = must(addNode(g, 'Concat', { dim: 1 }, { x: 0, y: 0 }));
    const c1 = must(connect(graph, 'a2', 'concat_1'));
    const c2 = must(connect(c1.graph, 'b1', 'concat_1'));
    expect(c2.graph.edges.slice(-2).map((e) => e.targetPort)).toEqual([undefined, 1]);
    expect(must(canConnect(c2.graph, 'in', 'concat_1'))).toEqual({ port: 2 });
    expect(refused(connect(c2.graph, 'in', 'concat_1', 1))).toBe(
      "input port 1 of Concat 'concat_1' is already connected: remove that edge first",
    );
    checkEdit(graph, c2.graph);
  });
  it('refuses cycles before the edge exists', () => {
    const g = smallLeNet();
    expect(refused(canConnect(g, 'fc3', 'conv1'))).toBe(
      "Conv2d 'conv1' takes 1 input and already has 1: remove an input edge first",
    );
    const open = disconnect(g, 'e1');
    expect(refused(canConnect(open, 'fc3', 'conv1'))).toBe(
      "connecting Linear 'fc3' to Conv2d 'conv1' would make a cycle: Conv2d 'conv1' already leads to Linear 'fc3'",
    );
    expect(refused(canConnect(g, 'conv1', 'conv1'))).toBe("cannot connect Conv2d 'conv1' to itself");
  });
  it('refuses too many inputs, inputs into Input, unknown nodes, duplicates and bad ports', () => {
    const g = smallLeNet();
    expect(refused(canConnect(g, 'conv1', 'input'))).toBe(
      "Input 'input' takes no inputs: connect from it, not into it",
    );
    expect(refused(canConnect(g, 'input', 'relu1'))).toMatch(/takes 1 input and already has 1/);
    expect(refused(canConnect(g, 'ghost', 'relu1'))).toBe("no node with id 'ghost'");
    expect(refused(canConnect(g, 'input', 'conv1'))).toBe("Input 'input' is already connected to Conv2d 'conv1'");
    const free = disconnect(g, 'e2');
    expect(refused(canConnect(free, 'conv1', 'relu1', 1))).toBe("ReLU 'relu1' has no input port 1 (ports 0 to 0)");
    expect(must(canConnect(free, 'conv1', 'relu1'))).toEqual({ port: 0 });
  });
  it('disconnect removes edges; unknown ids change nothing', () => {
    const g = smallLeNet();
    const d = disconnect(g, ['e1', 'e2']);
    expect(d.edges).toHaveLength(g.edges.length - 2);
    checkEdit(g, d);
    expect(disconnect(g, 'nope')).toBe(g);
  });
});

describe('insertOnEdge, insertBefore, applyFix', () => {
  it('splits an edge and places the node before the target in document order', () => {
    const g = smallLeNet();
    const { graph, id } = must(insertOnEdge(g, 'e2', 'BatchNorm2d'));
    expect(id).toBe('batchnorm2d_1');
    const order = graph.nodes.map((n) => n.id);
    expect(order.indexOf(id)).toBe(order.indexOf('relu1') - 1);
    expect(graph.nodes[order.indexOf(id)]).toEqual({
      id,
      type: 'BatchNorm2d',
      params: {},
      parent: 'features',
      position: { x: 0, y: 150 },
    });
    expect(graph.edges.filter((e) => e.source === id || e.target === id)).toEqual([
      { id: 'e_1', source: 'conv1', target: id },
      { id: 'e2', source: id, target: 'relu1' },
    ]);
    checkEdit(g, graph);
    expect(refused(insertOnEdge(g, 'e2', 'Add'))).toMatch(/cannot be inserted on an edge/);
    expect(refused(insertOnEdge(g, 'e2', 'Input'))).toMatch(/cannot be inserted/);
  });
  it('keeps the target port when splitting an edge into a Concat', () => {
    const g = nestedBlocks();
    const { graph, id } = must(insertBefore(g, 'cat', 'ReLU', {}, 1));
    expect(graph.edges.find((e) => e.source === id)).toEqual({ id: 'e5', source: id, target: 'cat', targetPort: 1 });
    checkEdit(g, graph);
  });
  it('insertBefore a node without input connects the new layer into it', () => {
    const g = disconnect(smallLeNet(), 'e8');
    const { graph, id } = must(insertBefore(g, 'fc1', 'Flatten'));
    expect(graph.edges.at(-1)).toEqual({ id: 'e_1', source: id, target: 'fc1' });
    checkEdit(g, graph);
  });
  it('applies the three kinds of fix', () => {
    const g = removeNodes(smallLeNet(), ['flatten']);
    const wired = must(connect(g, 'pool2', 'fc1')).graph;
    const flat = must(
      applyFix(wired, { kind: 'insertBefore', nodeId: 'fc1', layerType: 'Flatten', label: 'insert Flatten' }),
    );
    const f = flat.nodes.find((n) => n.type === 'Flatten');
    expect(flat.edges.some((e) => e.source === 'pool2' && e.target === f?.id)).toBe(true);
    expect(flat.edges.some((e) => e.source === f?.id && e.target === 'fc1')).toBe(true);
    checkEdit(wired, flat);
    const set = must(
      applyFix(wired, { kind: 'setParam', nodeId: 'fc1', param: 'in_features', value: 400, label: 'set in_features' }),
    );
    expect(set.nodes.find((n) => n.id === 'fc1')?.params.in_features).toBe(400);
    const rm = must(applyFix(wired, { kind: 'removeEdge', edgeId: 'e1', label: 'remove' }));
    expect(rm.edges.some((e) => e.id === 'e1')).toBe(false);
    expect(refused(applyFix(rm, { kind: 'removeEdge', edgeId: 'e1', label: 'remove' }))).toMatch(/already removed/);
    expect(refused(applyFix(wired, { kind: 'insertBefore', nodeId: 'ghost', layerType: 'Flatten', label: 'x' }))).toBe(
      "no node with id 'ghost'",
    );
  });
});
