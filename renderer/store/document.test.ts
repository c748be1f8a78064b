import { describe, expect, it } from 'vitest';
import { canRedo, canUndo } from '../../app/graph/history';
import { createEditorStore } from './index';
import { getCommand } from '../commands/registry';
import { buildTemplate } from '../../app/templates';

const run = (store: ReturnType<typeof createEditorStore>, id: string, args: Record<string, unknown> = {}) => {
  const c = getCommand(id);
  if (!c) throw new Error(`no command ${id}`);
  return c.run(store, args);
};

/** Input -> Conv2d -> ReLU -> Flatten -> Linear, built through commands as the UI does. */
function lenetStart() {
  const store = createEditorStore();
  const add = (type: string, y: number) => {
    void run(store, 'layer.add', { type, position: { x: 0, y } });
    return [...store.getState().selection][0];
  };
  const conv = add('Conv2d', 100);
  const relu = add('ReLU', 200);
  const pool = add('MaxPool2d', 300);
  const lin = add('Linear', 400);
  for (const [s, t] of [
    ['input', conv],
    [conv, relu],
    [relu, pool],
    [pool, lin],
  ]) {
    void run(store, 'edge.connect', {
      connection: { source: s, target: t, sourceHandle: 'out', targetHandle: 'in-0' },
    });
  }
  return { store, conv, relu, pool, lin };
}

describe('editor store: document edits and history', () => {
  it('adds layers with fresh ids and starter params, connects them, and undoes each step', () => {
    const { store, conv } = lenetStart();
    const g = store.getState().graph;
    expect(g.nodes.map((n) => n.type)).toEqual(['Input', 'Conv2d', 'ReLU', 'MaxPool2d', 'Linear']);
    expect(g.nodes.find((n) => n.id === conv)?.params).toEqual({ out_channels: 16, kernel_size: 3 });
    expect(g.edges).toHaveLength(4);
    store.getState().undo();
    expect(store.getState().graph.edges).toHaveLength(3);
    store.getState().redo();
    expect(store.getState().graph.edges).toHaveLength(4);
    expect(store.getState().version).not.toBe(store.getState().savedVersion);
  });

  it('refuses a connection that would make a cycle or exceed the inputs, and says why', () => {
    const { store, conv, lin } = lenetStart();
    const before = store.getState().graph;
    void run(store, 'edge.connect', {
      connection: { source: lin, target: conv, sourceHandle: 'out', targetHandle: 'in-0' },
    });
    expect(store.getState().graph).toBe(before);
    expect(store.getState().notice?.error).toBe(true);
    // The notice names the refused action (the edit's label).
    expect(store.getState().notice?.text).toMatch(/^Connect: /);
    void run(store, 'edge.connect', {
      connection: { source: 'input', target: lin, sourceHandle: 'out', targetHandle: 'in-0' },
    });
    expect(store.getState().graph).toBe(before);
  });

  it('squashes typing in one field into one undo step, and a whole drag into one', () => {
    const { store, conv } = lenetStart();
    for (const v of [1, 12, 120])
      void run(store, 'layer.setParams', {
        id: conv,
        params: { out_channels: v, kernel_size: 3 },
        merge: `param:${conv}:out_channels`,
      });
    void run(store, 'layer.setParams', {
      id: conv,
      params: { out_channels: 120, kernel_size: 5 },
      merge: `param:${conv}:kernel_size`,
    });
    store.getState().undo();
    expect(store.getState().graph.nodes.find((n) => n.id === conv)?.params).toEqual({
      out_channels: 120,
      kernel_size: 3,
    });
    store.getState().undo();
    expect(store.getState().graph.nodes.find((n) => n.id === conv)?.params).toEqual({
      out_channels: 16,
      kernel_size: 3,
    });

    store.getState().redo();
    store.getState().redo();
    const beforeDrag = store.getState().graph;
    const n = store.getState().history.past.length;
    store.getState().beginDrag();
    for (let i = 1; i <= 5; i++) {
      const g = store.getState().graph;
      store
        .getState()
        .dragTo({ ...g, nodes: g.nodes.map((x) => (x.id === conv ? { ...x, position: { x: i * 10, y: 100 } } : x)) });
    }
    store.getState().endDrag();
    expect(store.getState().history.past.length).toBe(n + 1);
    store.getState().undo();
    expect(store.getState().graph).toBe(beforeDrag);
    expect(canRedo(store.getState().history)).toBe(true);
  });

  it('adds a layer after the selected one and connects it when added without a drop position (keyboard path)', () => {
    const { store } = lenetStart();
    const lin = store.getState().graph.nodes.find((n) => n.type === 'Linear')?.id as string;
    store.getState().select([lin]);
    void run(store, 'layer.add', { type: 'Softmax' });
    const g = store.getState().graph;
    const soft = g.nodes.find((n) => n.type === 'Softmax');
    expect(g.edges.some((e) => e.source === lin && e.target === soft?.id)).toBe(true);
    expect(soft?.position.y).toBeGreaterThan(g.nodes.find((n) => n.id === lin)?.position.y ?? 0);
    expect([...store.getState().selection]).toEqual([soft?.id]);
  });

  it('keeps selection out of history', () => {
    const { store, conv } = lenetStart();
    const h = store.getState().history;
    store.getState().select([conv]);
    store.getState().select([]);
    expect(store.getState().history).toBe(h);
  });

  it('groups, collapses, renames and ungroups containers; each is one undo step', async () => {
    const { store, conv, relu, pool } = lenetStart();
    store.getState().select([conv, relu, pool]);
    void run(store, 'module.groupAs', { kind: 'Sequential', name: 'features' });
    let g = store.getState().graph;
    expect(g.modules).toHaveLength(1);
    const m = g.modules[0];
    expect(m).toMatchObject({ name: 'features', kind: 'Sequential' });
    expect(g.nodes.filter((n) => n.parent === m.id).map((n) => n.id)).toEqual([conv, relu, pool]);
    expect([...store.getState().selection]).toEqual([`m:${m.id}`]);
    await run(store, 'module.toggle', { moduleId: m.id });
    expect(store.getState().graph.modules[0].collapsed).toBe(true);
    void run(store, 'module.rename', { moduleId: m.id, name: 'class' });
    expect(store.getState().graph.modules[0].name).toBe('features');
    expect(store.getState().notice?.text).toMatch(/keyword/);
    void run(store, 'module.ungroup');
    g = store.getState().graph;
    expect(g.modules).toHaveLength(0);
    expect(g.nodes.every((n) => n.parent === undefined)).toBe(true);
    store.getState().undo();
    store.getState().undo();
    expect(store.getState().graph.modules[0].collapsed).toBeUndefined();
    store.getState().undo();
    expect(store.getState().graph.modules).toHaveLength(0);
  });

  it('copies and pastes with fresh ids and the edges inside the selection; duplicate and delete', () => {
    const { store, conv, relu } = lenetStart();
    store.getState().select([conv, relu]);
    void run(store, 'edit.copy');
    void run(store, 'edit.paste');
    const g = store.getState().graph;
    expect(g.nodes).toHaveLength(7);
    const pasted = [...store.getState().selection];
    expect(pasted).toHaveLength(2);
    expect(pasted.some((id) => id === conv || id === relu)).toBe(false);
    expect(g.edges.filter((e) => pasted.includes(e.source) && pasted.includes(e.target))).toHaveLength(1);
    void run(store, 'edit.duplicate');
    expect(store.getState().graph.nodes).toHaveLength(9);
    void run(store, 'edit.delete');
    expect(store.getState().graph.nodes).toHaveLength(7);
    void run(store, 'edit.selectAll');
    expect(store.getState().selection.size).toBe(7);
  });

  it('applies a one-click fix from the analysis (insert Flatten before Linear)', async () => {
    const { store } = lenetStart();
    const { analyze } = await import('./analysis');
    const a = analyze(store.getState().graph);
    const e = a.errors.find((x) => x.fix);
    expect(e?.fix?.kind).toBe('insertBefore');
    void run(store, 'fix.apply', { fix: e?.fix });
    const after = analyze(store.getState().graph);
    expect(after.errors).toEqual([]);
    expect(store.getState().graph.nodes.some((n) => n.type === 'Flatten')).toBe(true);
    store.getState().undo();
    expect(analyze(store.getState().graph).errors.length).toBeGreaterThan(0);
  });

  it('load starts history over and marks the document clean', () => {
    const { store } = lenetStart();
    store.getState().load(store.getState().graph, { path: 'a.netloom.json', name: 'a.netloom.json' });
    expect(canUndo(store.getState().history)).toBe(false);
    expect(store.getState().version).toBe(store.getState().savedVersion);
  });
});

describe('Expand all and Collapse all', () => {
  it('lay the network out again and fit the view to all of it; a single toggle keeps the view', async () => {
    const store = createEditorStore();
    const t = buildTemplate('resnet18');
    if (!t.ok) throw new Error(t.error);
    store.getState().load(t.value, { path: null, name: 'resnet18' });
    const tick = () => store.getState().fitRequest.tick;
    const before = tick();
    await run(store, 'module.expandAll');
    expect(store.getState().graph.modules.every((m) => !m.collapsed)).toBe(true);
    expect(tick()).toBe(before + 1);
    expect(store.getState().fitRequest.animate).toBe(true);
    await run(store, 'module.expandAll'); // nothing left to expand: no fit
    expect(tick()).toBe(before + 1);
    await run(store, 'module.collapseAll');
    expect(store.getState().graph.modules.every((m) => m.collapsed)).toBe(true);
    expect(tick()).toBe(before + 2);
    const first = store.getState().graph.modules[0];
    await run(store, 'module.toggle', { moduleId: first.id });
    expect(store.getState().graph.modules[0].collapsed).toBeFalsy();
    expect(tick()).toBe(before + 2);
  });
});
