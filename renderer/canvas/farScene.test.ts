import { describe, expect, it } from 'vitest';
import { buildTemplate } from '../../app/templates';
import { analyzeGraph } from '../../app/shapes/analyze';
import type { Graph } from '../../app/graph/types';
import { createDeriver } from './derive';
import { boxOf, buildFarScene, hitTest, inView } from './farScene';
import { NODE_WIDTH } from './nodeData';

const expanded = (name: string): Graph => {
  const r = buildTemplate(name);
  if (!r.ok) throw new Error(r.error);
  return { ...r.value, modules: r.value.modules.map(({ collapsed: _c, ...m }) => m) };
};

describe('the low-zoom canvas scene', () => {
  it('has one box per drawn layer or collapsed container, one frame per expanded one, one path per edge', () => {
    const g = expanded('densenet121');
    const view = createDeriver()(g, analyzeGraph(g), new Set());
    const scene = buildFarScene(view.nodes, view.edges, false);
    expect(scene.boxes.map((b) => b.id).sort()).toEqual(
      view.nodes
        .filter((n) => n.type !== 'frame')
        .map((n) => n.id)
        .sort(),
    );
    expect(scene.boxes.filter((b) => b.kind === 'layer')).toHaveLength(g.nodes.length);
    expect(scene.frames).toHaveLength(view.nodes.filter((n) => n.type === 'frame').length);
    expect(scene.edges).toHaveLength(view.edges.length);
    for (const e of scene.edges) expect(e.path).toMatch(/^M -?[\d.]+,-?[\d.]+ [CL] /);
    // Outer frames come first (drawn behind the ones nested in them).
    for (let i = 1; i < scene.frames.length; i++)
      expect(scene.frames[i].depth).toBeGreaterThanOrEqual(scene.frames[i - 1].depth);
  });

  it('carries types, category colours, errors and the selection', () => {
    const g0 = expanded('lenet5');
    const flatten = g0.nodes.find((n) => n.type === 'Flatten');
    // Without its Flatten, LeNet's first Linear gets a 4-d input: a shape error.
    const g: Graph = {
      ...g0,
      nodes: g0.nodes.filter((n) => n !== flatten),
      edges: g0.edges
        .filter((e) => e.target !== flatten?.id)
        .map((e) =>
          e.source === flatten?.id
            ? { ...e, source: g0.edges.find((x) => x.target === flatten?.id)?.source ?? e.source }
            : e,
        ),
    };
    const conv = g.nodes.find((n) => n.type === 'Conv2d');
    const view = createDeriver()(g, analyzeGraph(g), new Set([conv?.id ?? '']));
    const scene = buildFarScene(view.nodes, view.edges, false);
    const box = scene.boxes.find((b) => b.id === conv?.id);
    expect(box).toMatchObject({ label: 'Conv2d', color: '--cat-conv', selected: true, error: false });
    expect(scene.boxes.find((b) => b.label === 'Linear')?.error).toBe(true);
    expect(scene.edges.some((e) => e.error)).toBe(true);
  });

  it('hit-tests layers before the frames around them, and frames by their header band only', () => {
    const g = expanded('lenet5');
    const view = createDeriver()(g, analyzeGraph(g), new Set());
    const scene = buildFarScene(view.nodes, view.edges, false);
    const conv = scene.boxes.find((b) => b.label === 'Conv2d');
    if (!conv) throw new Error('no Conv2d');
    expect(hitTest(scene, conv.x + conv.w / 2, conv.y + conv.h / 2)).toBe(conv.id);
    expect(hitTest(scene, conv.x - 2, conv.y, 0)).not.toBe(conv.id);
    expect(hitTest(scene, conv.x - 2, conv.y, 5)).toBe(conv.id);
    const frame = scene.frames.find((f) => f.label === 'features');
    if (!frame) throw new Error('no features frame');
    expect(hitTest(scene, frame.x + 4, frame.y + frame.header / 2)).toBe(frame.id);
    // Inside the frame but on no layer and below its header: nothing (the pane), as with elements.
    expect(hitTest(scene, frame.x + frame.w - 2, frame.y + frame.h - 2)).toBeUndefined();
    expect(boxOf(scene, conv.id)).toBe(conv);
  });

  it('culls to the view: what one frame draws is what intersects it', () => {
    const g = expanded('resnet18');
    const view = createDeriver()(g, analyzeGraph(g), new Set());
    const scene = buildFarScene(view.nodes, view.edges, false);
    const first = scene.boxes[0];
    const r = { x: first.x, y: first.y, width: NODE_WIDTH / 2, height: 10 };
    expect(inView(scene, r).boxes.map((b) => b.id)).toContain(first.id);
    const all = inView(scene, { x: -1e6, y: -1e6, width: 2e6, height: 2e6 });
    expect(all.boxes).toHaveLength(scene.boxes.length);
    expect(all.frames).toHaveLength(scene.frames.length);
    expect(inView(scene, { x: 1e6, y: 1e6, width: 10, height: 10 }).boxes).toHaveLength(0);
  });
});
