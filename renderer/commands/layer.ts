import type { Position } from '../../app/graph/types';
import type { Command } from './types';
import {
  addNode,
  applyFix,
  canConnect,
  connect,
  insertOnEdge,
  moveNodes,
  renameNode,
  setParams,
} from '../../app/graph/ops';
import { starterParams } from '../edits/starter';
import { commandContext } from './context';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/nodeData';
import { after, between, freeSpot, type Box } from '../canvas/placement';
import { containerView } from '../canvas/containers';
import { sourcePortOf } from '../canvas/connect';

type Store = Parameters<Command['run']>[0];

/**
 * What the canvas draws now (React Flow's measured boxes), or the document's positions without a canvas.
 * Frames of expanded containers count only when asked (a block must not land inside another container).
 */
export function drawnBoxes(store: Store, except?: string, frames = false): Box[] {
  const flow = commandContext.flow;
  if (flow) {
    return flow
      .getNodes()
      .filter((n) => n.id !== except && (frames || n.type !== 'frame'))
      .map((n) => ({
        x: n.position.x,
        y: n.position.y,
        width: n.measured?.width ?? n.width ?? NODE_WIDTH,
        height: n.measured?.height ?? n.height ?? NODE_HEIGHT,
      }));
  }
  return store
    .getState()
    .graph.nodes.filter((n) => n.id !== except)
    .map((n) => ({ ...n.position, width: NODE_WIDTH, height: NODE_HEIGHT }));
}

function boxOf(store: Store, id: string): Box | undefined {
  const n = commandContext.flow?.getNode(id);
  if (n)
    return {
      x: n.position.x,
      y: n.position.y,
      width: n.measured?.width ?? NODE_WIDTH,
      height: n.measured?.height ?? NODE_HEIGHT,
    };
  const g = store.getState().graph.nodes.find((x) => x.id === id);
  return g ? { ...g.position, width: NODE_WIDTH, height: NODE_HEIGHT } : undefined;
}

const SIZE = { width: NODE_WIDTH, height: NODE_HEIGHT };

/**
 * Where a layer added without a drop point (double-click, `/` + Enter) lands: after the selected
 * node or container in the reading direction, else the centre of the view; on a free spot either way.
 */
export function defaultPosition(store: Store): Position {
  const { selection, direction } = store.getState();
  const anchorId = [...selection].reverse().find((id) => !store.getState().graph.edges.some((e) => e.id === id));
  const anchor = anchorId ? boxOf(store, anchorId) : undefined;
  let want: Position = { x: 0, y: store.getState().graph.nodes.length * 100 };
  if (anchor) want = after(anchor, SIZE, direction);
  else {
    const flow = commandContext.flow;
    const box =
      typeof document !== 'undefined' ? document.querySelector('.react-flow')?.getBoundingClientRect() : undefined;
    if (flow && box) {
      const p = flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
      want = { x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) };
    }
  }
  return freeSpot(want, SIZE, drawnBoxes(store), direction);
}

/** Pan (never zoom) so that a node just placed is on screen. */
export function reveal(id: string): void {
  const flow = commandContext.flow;
  if (!flow || typeof requestAnimationFrame === 'undefined') return;
  // Pressing F (or a layout) before the next frame asked for the whole document: a pan to this one node
  // afterwards would undo that fit.
  const fits = commandContext.fits;
  requestAnimationFrame(() => {
    if (commandContext.fits !== fits) return;
    const n = flow.getNode(id);
    const el = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!n || !el) return;
    const w = n.measured?.width ?? NODE_WIDTH,
      h = n.measured?.height ?? NODE_HEIGHT;
    const a = flow.flowToScreenPosition(n.position);
    const b = flow.flowToScreenPosition({ x: n.position.x + w, y: n.position.y + h });
    const margin = 24;
    if (a.x >= el.left + margin && a.y >= el.top + margin && b.x <= el.right - margin && b.y <= el.bottom - margin)
      return;
    void flow.setCenter(n.position.x + w / 2, n.position.y + h / 2, { zoom: flow.getZoom() });
  });
}

export const addLayer: Command<'layer.add'> = {
  id: 'layer.add',
  label: 'Add layer',
  run(store, args) {
    const { type } = args;
    const position = args.position ?? defaultPosition(store);
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
    if (id) {
      store.getState().select([id]);
      if (!args.position) reveal(id);
    }
  },
};

/** A palette item dropped on an edge splits it: source -> new layer -> target, one undo step. */
export const insertLayerOnEdge: Command<'layer.insertOnEdge'> = {
  id: 'layer.insertOnEdge',
  label: 'Insert layer on edge',
  run(store, args) {
    const { type, edgeId, position } = args;
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

export const connectEdge: Command<'edge.connect'> = {
  id: 'edge.connect',
  label: 'Connect',
  run(store, args) {
    const c = args.connection;
    const port = Number(/^in-(\d+)$/.exec(c.targetHandle ?? '')?.[1] ?? 0);
    store.getState().edit('Connect', (g) => {
      const r = connect(g, c.source, c.target, port, undefined, sourcePortOf(c.sourceHandle) ?? 0);
      return r.ok ? r.value.graph : r;
    });
  },
};

export const setLayerParams: Command<'layer.setParams'> = {
  id: 'layer.setParams',
  label: 'Set parameters',
  run(store, args) {
    const { id, params, merge } = args;
    store.getState().edit('Edit parameters', (g) => setParams(g, id, params), { merge });
  },
};

export const renameLayer: Command<'layer.rename'> = {
  id: 'layer.rename',
  label: 'Rename',
  run(store, args) {
    const { id, name } = args;
    store.getState().edit('Rename', (g) => renameNode(g, id, name), { merge: `name:${id}` });
  },
};

export const fixError: Command<'fix.apply'> = {
  id: 'fix.apply',
  label: 'Apply fix',
  run(store, args) {
    const { fix } = args;
    store.getState().edit(fix.label, (g) => {
      const r = applyFix(g, fix);
      if (!r.ok) return r;
      // A layer the fix inserts (a Flatten) goes on a free spot beside its successor, not on top of another node.
      const had = new Set(g.nodes.map((n) => n.id));
      const added = r.value.nodes.filter((n) => !had.has(n.id));
      if (added.length === 0) return r.value;
      const moves = new Map<string, Position>();
      for (const n of added) {
        const prev = r.value.edges.find((e) => e.target === n.id);
        const next = r.value.edges.find((e) => e.source === n.id);
        const a = prev ? boxOf(store, prev.source) : undefined;
        const b = next ? boxOf(store, next.target) : undefined;
        // Between the two nodes it now sits between (where a person looks for it), else just after its input.
        const want =
          a && b
            ? between(a, b, SIZE, store.getState().direction)
            : a
              ? after(a, SIZE, store.getState().direction)
              : n.position;
        moves.set(n.id, freeSpot(want, SIZE, drawnBoxes(store), store.getState().direction));
      }
      return moveNodes(r.value, moves);
    });
  },
};

export const LAYER_COMMANDS: readonly Command[] = [
  addLayer,
  insertLayerOnEdge,
  connectEdge,
  setLayerParams,
  renameLayer,
  fixError,
];
