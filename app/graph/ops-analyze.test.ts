import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../shapes/analyze';
import { buildTemplate } from '../templates/index';
import * as ops from './ops';
import { must } from './ops-test-util';
import type { Graph } from './types';

const template = (name: string): Graph => must(buildTemplate(name));

describe('edits that only reorganise keep the network the same (fast-check)', () => {
  it('group, ungroup, rename, move and collapse never change parameters, MACs or errors', () => {
    const bases = ['lenet5', 'resnet18'].map(template);
    const facts = (g: Graph) => {
      const a = analyzeGraph(g);
      return [a.totalParams, a.trainableParams, a.totalMacs, a.errors.length];
    };
    const expected = bases.map(facts);
    const step = fc.record({
      k: fc.constantFrom('group', 'ungroup', 'rename', 'move', 'collapse'),
      a: fc.nat(),
      b: fc.nat(),
      seq: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(step, { maxLength: 12 }), (which, steps) => {
        let g = bases[which];
        for (const s of steps) {
          const node = g.nodes[s.a % g.nodes.length];
          const mod = g.modules.length ? g.modules[s.b % g.modules.length] : undefined;
          const siblings = g.nodes.filter((n) => n.parent === node.parent).map((n) => n.id);
          let r: ReturnType<typeof ops.ungroup> | null = null;
          if (s.k === 'group') {
            const pick = siblings.slice(siblings.indexOf(node.id), siblings.indexOf(node.id) + 1 + (s.b % 3));
            const res = ops.group(g, pick, {
              kind: s.seq ? 'Sequential' : 'Module',
              name: ops.suggestModuleName(g, node.parent),
            });
            r = res.ok ? { ok: true, value: res.value.graph } : res;
          } else if (s.k === 'ungroup' && mod) r = ops.ungroup(g, mod.id);
          else if (s.k === 'rename') r = ops.renameNode(g, node.id, `n${s.b}`);
          else if (s.k === 'move') r = { ok: true, value: ops.moveNodes(g, { [node.id]: { x: s.b, y: s.a } }) };
          else if (s.k === 'collapse' && mod) r = ops.setCollapsed(g, mod.id, s.seq);
          if (r?.ok) g = r.value;
        }
        expect(facts(g)).toEqual(expected[which]);
      }),
      { numRuns: 60 },
    );
  });
  it('duplicating a whole network doubles its parameters', () => {
    const g = template('lenet5');
    const d = must(
      ops.duplicate(
        g,
        g.nodes.map((n) => n.id),
      ),
    ).graph;
    expect(analyzeGraph(d).totalParams).toBe(2 * analyzeGraph(g).totalParams);
    expect(analyzeGraph(d).errors).toEqual([]);
  });
});
