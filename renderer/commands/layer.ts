import type { Connection } from '@xyflow/react';
import type { Position } from '../../app/graph/types';
import type { Fix } from '../../app/shapes/types';
import type { Command } from './types';
import { addNode, applyFix, canConnect, connect, insertOnEdge, moveNodes, renameNode, setParams } from '../../app/graph/ops';
import { starterParams } from '../edits/starter';
import { commandContext } from './context';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/nodeData';
import { containerView } from '../canvas/containers';

/** Where a double-clicked palette item lands: below the selected node, else the centre of the view. */
function defaultPosition(store: Parameters<Command['run']>[0]): Position {
  const { graph, selection } = store.getState();
  const sel = graph.nodes.filter((n) => selection.has(n.id));
  const anchor = sel[sel.length - 1];
  if (anchor) return { x: anchor.position.x, y: anchor.position.y + NODE_HEIGHT + 50 };
  const flow = commandContext.flow;
  const box = typeof document !== 'undefined' ? document.querySelector('.react-flow')?.getBoundingClientRect() : undefined;
  if (flow && box) {
    const p = flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    return { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) };
  }
  return { x: 0, y: graph.nodes.length * 100 };
}

export const addLayer: Command = {
  id: 'layer.add', label: 'Add layer',
  run(store, args) {
    const type = String(args.type ?? '');
    const position = (args.position as Position | undefined) ?? defaultPosition(store);
    const s = store.getState();
    // A layer added while a node inside an expanded container is selected joins that container.
    const view = containerView(s.graph);
    const near = s.graph.nodes.find((n) => s.selection.has(n.id) && view.owner.get(n.id) === n.id);
    // Added from the palette without a drop position (double-click, Enter) after one selected
    // layer: it is also connected to it, so a chain can be built from the keyboard alone.
    const after = !args.position && s.selection.size === 1 && near ? near.id : undefined;
    let id = '';
    s.edit(`Add ${type}`, (g) => {
      const r = addNode(g, type, starterParams(type), position, args.position ? undefined : near?.parent);
      if (!r.ok) return r;
      id = r.value.id;
      if (after && canConnect(r.value.graph, after, id).ok) {
        const c = connect(r.value.graph, after, id);
        if (c.ok) return c.value.graph;
      }
      return r.value.graph;
    });
    if (id) store.getState().select([id]);
  },
};

/** A palette item dropped on an edge splits it: source -> new layer -> target, one undo step. */
export const insertLayerOnEdge: Command = {
  id: 'layer.insertOnEdge', label: 'Insert layer on edge',
  run(store, args) {
    const type = String(args.type ?? '');
    const edgeId = String(args.edgeId ?? '');
    const position = args.position as Position | undefined;
    let id = '';
    store.getState().edit(`Insert ${type}`, (g) => {
      const r = insertOnEdge(g, edgeId, type, starterParams(type));
      if (!r.ok) return r;
      id = r.value.id;
      return position ? moveNodes(r.value.graph, new Map([[id, position]])) : r.value.graph;
    });
    if (id) store.getState().select([id]);
  },
};

export const connectEdge: Command = {
  id: 'edge.connect', label: 'Connect',
  run(store, args) {
    const c = args.connection as Connection;
    const port = Number(/^in-(\d+)$/.exec(c.targetHandle ?? '')?.[1] ?? 0);
    store.getState().edit('Connect', (g) => {
      const r = connect(g, c.source, c.target, port);
      return r.ok ? r.value.graph : r;
    });
  },
};

export const setLayerParams: Command = {
  id: 'layer.setParams', label: 'Set parameters',
  run(store, args) {
    const id = String(args.id);
    const params = args.params as Record<string, unknown>;
    store.getState().edit('Edit parameters', (g) => setParams(g, id, params), { merge: typeof args.merge === 'string' ? args.merge : undefined });
  },
};

export const renameLayer: Command = {
  id: 'layer.rename', label: 'Rename',
  run(store, args) {
    const id = String(args.id);
    store.getState().edit('Rename', (g) => renameNode(g, id, String(args.name ?? '')), { merge: `name:${id}` });
  },
};

export const fixError: Command = {
  id: 'fix.apply', label: 'Apply fix',
  run(store, args) {
    const fix = args.fix as Fix;
    store.getState().edit(fix.label, (g) => applyFix(g, fix));
  },
};

export const LAYER_COMMANDS: readonly Command[] = [addLayer, insertLayerOnEdge, connectEdge, setLayerParams, renameLayer, fixError];
