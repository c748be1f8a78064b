import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../app/templates';
import type { Graph } from '../../app/graph/types';
import { autoLayout, layoutInserted, reduceIfDense } from './layout';
import { containerView } from './containers';
import { NODE_HEIGHT, NODE_WIDTH } from './nodeData';

const template = (name: string, expand: boolean): Graph => {
  const r = buildTemplate(name);
  if (!r.ok) throw new Error(r.error);
  return expand ? { ...r.value, modules: r.value.modules.map(({ collapsed: _c, ...m }) => m) } : r.value;
};

/** Boxes of what the canvas draws: visible layers, and collapsed containers at their contents' corner. */
function drawnBoxes(g: Graph) {
  const view = containerView(g);
  const boxes: { id: string; x: number; y: number }[] = [];
  for (const n of g.nodes) if (view.owner.get(n.id) === n.id) boxes.push({ id: n.id, ...n.position });
  for (const m of view.visibleModules) {
    if (!m.collapsed) continue;
    const inside = g.nodes.filter((n) => view.descendants.get(m.id)?.includes(n.id));
    boxes.push({
      id: m.id,
      x: Math.min(...inside.map((n) => n.position.x)),
      y: Math.min(...inside.map((n) => n.position.y)),
    });
  }
  return boxes;
}

function overlaps(g: Graph): string[] {
  const b = drawnBoxes(g);
  const out: string[] = [];
  for (let i = 0; i < b.length; i++)
    for (let j = i + 1; j < b.length; j++) {
      if (Math.abs(b[i].x - b[j].x) < NODE_WIDTH && Math.abs(b[i].y - b[j].y) < NODE_HEIGHT)
        out.push(`${b[i].id}/${b[j].id}`);
    }
  return out;
}

describe('autoLayout (elkjs, container by container)', () => {
  it.each([
    ['googlenet', true],
    ['resnet50', false],
    ['densenet121', false],
    ['densenet121', true],
    ['resnet18', true],
  ] as const)('lays out %s (expanded: %s) with no two drawn boxes overlapping', async (name, expand) => {
    const r = await autoLayout(template(name, expand), 'DOWN');
    expect(r.ok).toBe(true);
    if (r.ok) expect(overlaps(r.value)).toEqual([]);
  });

  it('sets a tall top-down chain of stages as columns read left to right (ResNet-18 expanded)', async () => {
    const r = await autoLayout(template('resnet18', true), 'DOWN');
    if (!r.ok) throw new Error(r.error);
    const g = r.value;
    const view = containerView(g);
    const span = (moduleName: string) => {
      const m = g.modules.find((x) => x.name === moduleName && !x.parent);
      const xs = (view.descendants.get(m?.id ?? '') ?? []).map(
        (id) => g.nodes.find((n) => n.id === id)?.position.x ?? 0,
      );
      return { left: Math.min(...xs), right: Math.max(...xs) + NODE_WIDTH };
    };
    for (const [a, b] of [
      ['layer1', 'layer2'],
      ['layer2', 'layer3'],
      ['layer3', 'layer4'],
    ])
      expect(span(b).left).toBeGreaterThan(span(a).right);
    const ys = g.nodes.map((n) => n.position.y),
      xs = g.nodes.map((n) => n.position.x);
    // One column was 12,000 px tall; the columns are about as wide as they are tall.
    expect(Math.max(...ys) - Math.min(...ys)).toBeLessThan(3000);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(3500);
    expect(overlaps(g)).toEqual([]);
    // The stem sits above layer1, in its column; the head after layer4.
    const at = (id: string) => g.nodes.find((n) => n.id === id)?.position ?? { x: NaN, y: NaN };
    const stemEnd = g.nodes.find((n) => n.type === 'MaxPool2d')?.id ?? '';
    expect(at(stemEnd).x).toBeGreaterThanOrEqual(span('layer1').left - NODE_WIDTH / 2);
    expect(at(stemEnd).x).toBeLessThan(span('layer1').right);
    const fc = g.nodes.find((n) => n.type === 'Linear')?.id ?? '';
    expect(at(fc).x).toBeGreaterThan(span('layer4').right);
  });

  it('reads top-down by default and left-right on request', async () => {
    const g = template('lenet5', false);
    const down = await autoLayout(g, 'DOWN');
    const right = await autoLayout(g, 'RIGHT');
    if (!down.ok || !right.ok) throw new Error('layout failed');
    const last = g.nodes[g.nodes.length - 1].id;
    const pos = (x: Graph, id: string) => x.nodes.find((n) => n.id === id)?.position ?? { x: 0, y: 0 };
    expect(pos(down.value, last).y).toBeGreaterThan(pos(down.value, 'input').y + 500);
    expect(pos(right.value, last).x).toBeGreaterThan(pos(right.value, 'input').x + 500);
  });
});

describe('reduceIfDense', () => {
  it('keeps sparse edge sets and drops edges implied by a longer path in dense ones', () => {
    const chain: [string, string][] = [
      ['a', 'b'],
      ['b', 'c'],
    ];
    expect(reduceIfDense([...chain, ['a', 'c']], 3)).toEqual([...chain, ['a', 'c']]);
    const dense: [string, string][] = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['a', 'c'],
      ['a', 'd'],
      ['b', 'd'],
      ['a', 'd'],
    ];
    expect(reduceIfDense(dense, 3)).toEqual([
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
    ]);
  });
});

describe('layoutInserted', () => {
  it('lays out an inserted block below the layer it follows, moving only the block', async () => {
    const { insertBlock } = await import('../../app/templates/blocks');
    const base = template('lenet5', true);
    const conv = base.nodes.find((n) => n.type === 'Conv2d');
    if (!conv) throw new Error('no conv');
    const r = insertBlock(base, 'SqueezeExcitation', { x: 900, y: 900 }, { after: conv.id, channels: 6 });
    if (!r.ok) throw new Error(r.error);
    const laid = await layoutInserted(r.value.graph, r.value.moduleId, 'DOWN', conv.id);
    if (!laid.ok) throw new Error(laid.error);
    expect([...laid.value.keys()].sort()).toEqual([...r.value.nodeIds].sort());
    // Every block layer is below the conv, none on another's spot.
    for (const p of laid.value.values()) expect(p.y).toBeGreaterThan(conv.position.y + NODE_HEIGHT);
    const ps = [...laid.value.values()];
    for (let i = 0; i < ps.length; i++)
      for (let j = i + 1; j < ps.length; j++)
        expect(Math.abs(ps[i].x - ps[j].x) < NODE_WIDTH && Math.abs(ps[i].y - ps[j].y) < NODE_HEIGHT).toBe(false);
  });
});
