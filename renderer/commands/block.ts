import { insertBlock } from '../../app/templates/blocks';
import { moveNodes } from '../../app/graph/ops';
import type { Graph, Position } from '../../app/graph/types';
import { analyze } from '../store/analysis';
import { containerView, moduleNodeId } from '../canvas/containers';
import { layoutInserted } from '../canvas/layout';
import { freeSpot } from '../canvas/placement';
import { FRAME_HEADER, FRAME_PAD, NODE_HEIGHT, NODE_WIDTH } from '../canvas/nodeData';
import { defaultPosition, drawnBoxes, reveal } from './layer';
import type { Command } from './types';

/**
 * Inserts a ready-made block from the palette (SqueezeExcitation, InvertedResidual): after the one
 * selected layer, sized to its output channels and wired from it, else unconnected at the centre of
 * the view with its default channels. The block is laid out as Layout lays out a container (elk, its
 * skip edges in their own lane) below the layer it follows, then moved as a whole to the nearest spot
 * where its frame covers nothing drawn; no other node moves. One undo step; the new container is selected.
 */
export const addBlock: Command<'block.add'> = {
  id: 'block.add',
  label: 'Add block',
  async run(store, args) {
    const name = args.name;
    const s = store.getState();
    const view = containerView(s.graph);
    const near =
      s.selection.size === 1
        ? s.graph.nodes.find((n) => s.selection.has(n.id) && view.owner.get(n.id) === n.id)
        : undefined;
    const shape = near ? analyze(s.graph).nodes.get(near.id)?.shape : undefined;
    const channels = shape && shape.length === 3 ? shape[0] : undefined;
    const after = channels !== undefined ? near?.id : undefined;
    const at = defaultPosition(store);
    const before = s.graph;
    const trial = insertBlock(before, name, at, { after, channels });
    let moves = new Map<string, Position>();
    if (trial.ok) {
      const laid = await layoutInserted(trial.value.graph, trial.value.moduleId, s.direction, after);
      if (laid.ok) moves = onFreeSpot(store, trial.value.graph, trial.value.moduleId, laid.value);
    }
    let moduleId = '';
    let first = '';
    const done = store.getState().edit(`Add ${name}`, (g) => {
      // Edited while the layout ran: insert where planned, without the layout made for the old document.
      const r = g === before && trial.ok ? trial : insertBlock(g, name, at, { after, channels });
      if (!r.ok) return r;
      moduleId = r.value.moduleId;
      first = r.value.nodeIds[0];
      return g === before && moves.size ? moveNodes(r.value.graph, moves) : r.value.graph;
    });
    if (done && moduleId) {
      store.getState().select([moduleNodeId(moduleId)]);
      if (near && channels === undefined)
        store
          .getState()
          .notify(`${name} takes a [C, H, W] input; ${near.id} does not give one, so the block is not connected`, true);
      reveal(first);
    }
  },
};

/** The laid-out block moved as a whole so that its frame (padding and title included) overlaps nothing drawn. */
function onFreeSpot(
  store: Parameters<Command['run']>[0],
  graph: Graph,
  moduleId: string,
  at: Map<string, Position>,
): Map<string, Position> {
  if (at.size === 0) return at;
  // A frame grows by one padding per level of containers nested inside it (as derive.ts draws it).
  const below = (id: string, seen: Set<string>): number =>
    Math.max(
      0,
      ...graph.modules.filter((m) => m.parent === id && !seen.has(m.id)).map((m) => 1 + below(m.id, seen.add(m.id))),
    );
  const depth = below(moduleId, new Set([moduleId]));
  const pad = FRAME_PAD * (1 + depth),
    header = FRAME_HEADER * (1 + depth);
  const ps = [...at.values()];
  const x0 = Math.min(...ps.map((p) => p.x)) - pad,
    y0 = Math.min(...ps.map((p) => p.y)) - pad - header;
  const size = {
    width: Math.max(...ps.map((p) => p.x)) + NODE_WIDTH + pad - x0,
    height: Math.max(...ps.map((p) => p.y)) + NODE_HEIGHT + pad - y0,
  };
  const spot = freeSpot({ x: x0, y: y0 }, size, drawnBoxes(store, undefined, true), store.getState().direction);
  const dx = spot.x - x0,
    dy = spot.y - y0;
  return new Map([...at].map(([id, p]) => [id, { x: p.x + dx, y: p.y + dy }]));
}
