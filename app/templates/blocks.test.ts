/**
 * The palette's ready-made blocks against torchvision (one /usr/bin/python3 run): inserted after a
 * 16-channel layer, each prints as torchvision's SqueezeExcitation(16, 4) / MobileNetV2
 * InvertedResidual(16, 16, 1, 6), has its state_dict names and shapes, and is wired from the layer.
 */
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildModuleTree, reprModule, stateDictEntries } from '../modules';
import { analyzeGraph } from '../shapes/analyze';
import { BLOCKS, insertBlock } from './blocks';
import { GraphBuilder } from './builder';

const REF = `
import json, torch.nn as nn
from torchvision.ops import SqueezeExcitation
from torchvision.models.mobilenetv2 import InvertedResidual
out = {}
for name, m in (('SqueezeExcitation', SqueezeExcitation(16, 4)), ('InvertedResidual', InvertedResidual(16, 16, 1, 6))):
    out[name] = {'repr': repr(m), 'state': [[k, list(v.shape)] for k, v in m.state_dict().items()]}
print(json.dumps(out))
`;
let ref: Record<string, { repr: string; state: [string, number[]][] }>;
beforeAll(() => {
  ref = JSON.parse(execFileSync('/usr/bin/python3', ['-c', REF], { encoding: 'utf8' })) as typeof ref;
}, 60_000);

function after16() {
  const b = new GraphBuilder('Net');
  const conv = b.layer('Conv2d', { out_channels: 16, kernel_size: 3, padding: 1 }, b.input([3, 8, 8]));
  return { g: b.build(), conv };
}

describe.each(BLOCKS.map((b) => b.name))('block %s', (name) => {
  it("is torchvision's module, wired from the layer it follows", () => {
    const { g, conv } = after16();
    const r = insertBlock(g, name, { x: 0, y: 200 }, { after: conv, channels: 16 });
    if (!r.ok) throw new Error(r.error);
    const a = analyzeGraph(r.value.graph);
    expect(a.errors).toEqual([]);
    const tree = buildModuleTree(r.value.graph, a);
    const entry = tree.byModule.get(r.value.moduleId);
    if (!entry) throw new Error('no container');
    expect(reprModule(entry)).toBe(ref[name].repr);
    const prefix = `${entry.path}.`;
    const state = stateDictEntries(tree)
      .filter((e) => e.name.startsWith(prefix))
      .map((e) => [e.name.slice(prefix.length), e.shape]);
    expect(state).toEqual(ref[name].state);
    // Both readers of the block's input (the squeeze and the product, the first conv and the Add) read the layer.
    const fromConv = r.value.graph.edges.filter((e) => e.source === conv).map((e) => e.target);
    expect(fromConv).toHaveLength(2);
    expect(fromConv.every((id) => r.value.nodeIds.includes(id))).toBe(true);
    const sinks = r.value.graph.nodes.filter((n) => !r.value.graph.edges.some((e) => e.source === n.id));
    expect(sinks.map((n) => a.nodes.get(n.id)?.shape)).toEqual([[16, 8, 8]]);
  });

  it('without a layer to follow, lands unconnected with its default channels; a second copy gets a free name', () => {
    const { g } = after16();
    const one = insertBlock(g, name, { x: 0, y: 0 });
    if (!one.ok) throw new Error(one.error);
    const two = insertBlock(one.value.graph, name, { x: 300, y: 0 });
    if (!two.ok) throw new Error(two.error);
    const names = two.value.graph.modules.filter((m) => m.parent === undefined).map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const a = analyzeGraph(two.value.graph);
    expect(a.errors.some((e) => e.nodeId !== undefined && two.value.nodeIds.includes(e.nodeId))).toBe(true);
  });
});

it('an unknown block names the known ones', () => {
  const r = insertBlock(after16().g, 'Fire', { x: 0, y: 0 });
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.error).toBe("unknown block 'Fire'; known blocks: SqueezeExcitation, InvertedResidual");
});
