import type { Edge, Node } from '@xyflow/react';
import type { Graph, Position } from '../../app/graph/types';
import type { GraphAnalysis } from '../../app/shapes/types';
import { getLayer } from '../../app/layers/registry';
import type { AnyLayerSpec as AnySpec } from '../../app/layers/spec';
import { containerView, isModuleNodeId, moduleIdOf, moduleNodeId, type ContainerView } from './containers';
import { laneRoutes, type LaneItem, type LaneRoute } from './lanes';
import { ROW_GAP } from './columns';
import {
  FRAME_HEADER,
  FRAME_PAD,
  NODE_HEIGHT,
  NODE_WIDTH,
  type FrameNodeData,
  type LayerNodeData,
  type ModuleNodeData,
  type ShapeEdgeData,
} from './nodeData';

export interface FlowView {
  nodes: Node[];
  edges: Edge[];
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/**
 * Graph + analysis + selection -> React Flow nodes and edges. Pure apart from memoisation:
 * an unchanged node keeps its object identity, so React Flow re-renders only what moved or changed.
 */
export function createDeriver(): (graph: Graph, analysis: GraphAnalysis, selection: ReadonlySet<string>) => FlowView {
  const nodeCache = new Map<string, { key: unknown[]; node: Node }>();
  const edgeCache = new Map<string, { key: unknown[]; edge: Edge }>();
  const reuse = <T>(
    cache: Map<string, { key: unknown[]; value?: T }>,
    id: string,
    key: unknown[],
    make: () => T,
  ): T => {
    const hit = cache.get(id) as { key: unknown[]; value: T } | undefined;
    if (hit && hit.key.length === key.length && hit.key.every((k, i) => k === key[i])) return hit.value;
    const value = make();
    cache.set(id, { key, value } as never);
    return value;
  };

  return (graph, analysis, selection) => {
    const view = containerView(graph);
    const byId = new Map(graph.nodes.map((n) => [n.id, n]));
    const incoming = new Map<string, number>();
    const outgoing = new Map<string, number>();
    for (const e of graph.edges) {
      incoming.set(e.target, Math.max(incoming.get(e.target) ?? 0, (e.targetPort ?? 0) + 1));
      outgoing.set(e.source, Math.max(outgoing.get(e.source) ?? 0, (e.sourcePort ?? 0) + 1));
    }

    // Corner of each collapsed module: the top-left of everything inside it.
    const corner = new Map<string, Position>();
    for (const m of graph.modules) {
      let x = Infinity,
        y = Infinity;
      for (const id of view.descendants.get(m.id) ?? []) {
        const p = byId.get(id)?.position;
        if (p) {
          x = Math.min(x, p.x);
          y = Math.min(y, p.y);
        }
      }
      corner.set(m.id, Number.isFinite(x) ? { x, y } : { x: 0, y: 0 });
    }
    const collapsedPos = (moduleId: string): Position => corner.get(moduleId) ?? { x: 0, y: 0 };
    // Frames of expanded modules: the box around what is drawn inside them.
    const boxes = new Map<string, Box>();
    const grow = (b: Box | undefined, x: number, y: number, w: number, h: number): Box =>
      b
        ? { x0: Math.min(b.x0, x), y0: Math.min(b.y0, y), x1: Math.max(b.x1, x + w), y1: Math.max(b.y1, y + h) }
        : { x0: x, y0: y, x1: x + w, y1: y + h };
    for (const m of view.visibleModules) {
      if (m.collapsed) continue;
      let b: Box | undefined;
      for (const id of view.descendants.get(m.id) ?? []) {
        const o = view.owner.get(id);
        const p = o === id ? byId.get(id)?.position : o ? collapsedPos(o.slice(2)) : undefined;
        if (p) b = grow(b, p.x, p.y, NODE_WIDTH, NODE_HEIGHT);
      }
      if (b) boxes.set(m.id, b);
    }
    const errorsIn = (moduleId: string): number =>
      (view.descendants.get(moduleId) ?? []).filter((id) => analysis.nodes.get(id)?.error).length;

    const nodes: Node[] = [];
    const nextKeep = new Set<string>();
    // Frames first so they are drawn behind layer nodes.
    for (const m of view.visibleModules) {
      const id = moduleNodeId(m.id);
      nextKeep.add(id);
      const selected = selection.has(id);
      if (m.collapsed) continue;
      const b = boxes.get(m.id) ?? { x0: 0, y0: 0, x1: NODE_WIDTH, y1: NODE_HEIGHT };
      const depth = view.depth.get(m.id) ?? 0;
      const below = maxDepthBelow(m.id, graph.modules);
      const pad = FRAME_PAD * (1 + below),
        header = FRAME_HEADER * (1 + below);
      const x = b.x0 - pad,
        y = b.y0 - pad - header;
      const width = b.x1 - b.x0 + 2 * pad,
        height = b.y1 - b.y0 + 2 * pad + header;
      const errors = errorsIn(m.id);
      nodes.push(
        reuse(nodeCache as never, id, [m, x, y, width, height, selected, errors, depth, header], (): Node => ({
          id,
          type: 'frame',
          position: { x, y },
          selected,
          zIndex: -10 + depth,
          width,
          height,
          data: {
            moduleId: m.id,
            name: m.name,
            kind: m.kind,
            className: m.className,
            width,
            height,
            errors,
            header,
          } satisfies FrameNodeData,
        })),
      );
    }
    for (const m of view.visibleModules) {
      if (!m.collapsed) continue;
      const id = moduleNodeId(m.id);
      const out = moduleOutput(graph, view.descendants.get(m.id) ?? [], analysis.order);
      const shape = out ? (analysis.nodes.get(out)?.shape ?? null) : null;
      const params = (view.descendants.get(m.id) ?? []).reduce((s, n) => s + (analysis.nodes.get(n)?.params ?? 0), 0);
      const errors = errorsIn(m.id);
      const children = view.childCount.get(m.id) ?? 0;
      const pos = collapsedPos(m.id);
      const selected = selection.has(id);
      nodes.push(
        reuse(nodeCache as never, id, [m, pos.x, pos.y, shape, params, errors, children, selected], (): Node => ({
          id,
          type: 'module',
          position: pos,
          selected,
          data: {
            moduleId: m.id,
            name: m.name,
            kind: m.kind,
            className: m.className,
            children,
            shape,
            params,
            errors,
          } satisfies ModuleNodeData,
        })),
      );
    }
    for (const n of graph.nodes) {
      if (view.owner.get(n.id) !== n.id) continue;
      nextKeep.add(n.id);
      const a = analysis.nodes.get(n.id);
      const selected = selection.has(n.id);
      const inc = incoming.get(n.id) ?? 0;
      const outs = outgoing.get(n.id) ?? 0;
      nodes.push(
        reuse(nodeCache as never, n.id, [n, a, selected, inc, outs], (): Node => {
          const spec = getLayer(n.type);
          const multi = (spec?.inputs.max ?? 1) > 1;
          const multiOutput = spec?.inferOutputs !== undefined;
          const ports = multi ? Math.min(spec?.inputs.max ?? 1, Math.max(spec?.inputs.min ?? 1, inc + 1)) : 1;
          const data: LayerNodeData = {
            type: n.type,
            name: n.name,
            category: spec?.category ?? 'unknown',
            summary: spec
              ? safeSummary(() => {
                  const p = spec.schema.safeParse(n.params);
                  return p.success ? spec.summary(p.data) : '';
                })
              : 'unknown layer kind',
            shape: a?.shape ?? null,
            params: a?.params ?? 0,
            error: a?.error?.message,
            fix: a?.error?.fix,
            ports,
            multiInput: multi,
            hasInput: (spec?.inputs.max ?? 1) > 0,
            functional: n.functional,
            outputs: multiOutput ? outputHandles(spec, n.params, a?.outputs?.length, outs) : 1,
            multiOutput,
            outputShapes: a?.outputs,
          };
          return { id: n.id, type: 'layer', position: n.position, selected, data };
        }),
      );
    }

    const routes = climbingRoutes(graph, view, nodes);
    const edges: Edge[] = [];
    const seen = new Set<string>();
    for (const e of graph.edges) {
      const s = view.owner.get(e.source),
        t = view.owner.get(e.target);
      if (!s || !t || s === t) continue;
      const targetNode = byId.get(e.target);
      const port = e.targetPort ?? 0;
      const targetHandle = t === e.target ? `in-${port}` : 'in';
      const from = e.sourcePort ?? 0;
      const multiOut = s === e.source && getLayer(byId.get(e.source)?.type ?? '')?.inferOutputs !== undefined;
      const sourceHandle = multiOut ? `out-${from}` : 'out';
      const key = `${s}>${sourceHandle}>${t}>${targetHandle}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const shape = analysis.edges.get(e.id) ?? null;
      const error =
        analysis.errors.some((x) => x.edgeId === e.id) ||
        (t === e.target && !!analysis.nodes.get(e.target)?.error && shape !== null);
      const multi = t === e.target && (getLayer(targetNode?.type ?? '')?.inputs.max ?? 1) > 1;
      const selected = selection.has(e.id);
      const route = routes.get(e.id);
      const routeKey = route ? `${route.below},${route.lane},${route.above}` : '';
      edges.push(
        reuse(
          edgeCache as never,
          e.id,
          [s, t, sourceHandle, targetHandle, shape, error, selected, multi, routeKey],
          (): Edge => ({
            id: e.id,
            source: s,
            target: t,
            sourceHandle,
            targetHandle,
            type: 'shape',
            selected,
            data: {
              shape,
              error,
              port,
              showPort: multi,
              sourcePort: from,
              showSourcePort: multiOut,
              ...(route ? { route } : {}),
            } satisfies ShapeEdgeData,
          }),
        ),
      );
    }
    for (const id of nodeCache.keys()) if (!nextKeep.has(id) && !byId.has(id)) nodeCache.delete(id);
    return { nodes, edges };
  };
}

/** Lane routes of the edges that climb from one column to the next (see lanes.ts), by graph edge id. */
function climbingRoutes(graph: Graph, view: ContainerView, nodes: Node[]): Map<string, LaneRoute> {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const canvasParent = (moduleId: string | undefined): string | null =>
    moduleId && view.modules.has(moduleId) ? moduleNodeId(moduleId) : null;
  const items = new Map<string, LaneItem>();
  for (const n of nodes) {
    const w = n.width ?? NODE_WIDTH,
      h = n.height ?? NODE_HEIGHT;
    const box = { x0: n.position.x, y0: n.position.y, x1: n.position.x + w, y1: n.position.y + h };
    const parent = isModuleNodeId(n.id)
      ? canvasParent(view.modules.get(moduleIdOf(n.id))?.parent)
      : canvasParent(byId.get(n.id)?.parent);
    items.set(n.id, { box, parent });
  }
  const chains = new Map<string | null, string[]>();
  const chainOf = (c: string | null): string[] => {
    if (c === null) return [];
    let hit = chains.get(c);
    if (!hit) {
      chains.set(c, []); // guards against a parent cycle in a damaged file
      chains.set(c, (hit = [...chainOf(items.get(c)?.parent ?? null), c]));
    }
    return hit;
  };
  const drawn: { id: string; source: string; target: string }[] = [];
  for (const e of graph.edges) {
    const source = view.owner.get(e.source),
      target = view.owner.get(e.target);
    if (source && target && source !== target) drawn.push({ id: e.id, source, target });
  }
  return laneRoutes(items, drawn, (id) => [...chainOf(items.get(id)?.parent ?? null), id], ROW_GAP);
}

/**
 * Output handles of a Split/Chunk: one per piece when the shapes are known; otherwise as many as the
 * params say (a list of sections), else 2, and never fewer than the edges use (so none is lost).
 */
function outputHandles(
  spec: AnySpec | undefined,
  params: Record<string, unknown>,
  known: number | undefined,
  used: number,
): number {
  if (known !== undefined) return Math.max(known, used);
  const parsed = spec?.schema.safeParse(params);
  const fromParams = parsed?.success ? spec?.outputCount?.(parsed.data) : undefined;
  return Math.max(fromParams ?? 2, used, 1);
}

function safeSummary(f: () => string): string {
  try {
    return f();
  } catch {
    return '';
  }
}

function maxDepthBelow(moduleId: string, modules: Graph['modules']): number {
  let best = 0;
  for (const m of modules) if (m.parent === moduleId) best = Math.max(best, 1 + maxDepthBelow(m.id, modules));
  return best;
}

/** The node whose output leaves the module: the last one (in execution order) with an edge to outside, else the last one. */
export function moduleOutput(graph: Graph, inside: string[], order: string[]): string | undefined {
  const set = new Set(inside);
  const leaving = new Set(graph.edges.filter((e) => set.has(e.source) && !set.has(e.target)).map((e) => e.source));
  let last: string | undefined, lastLeaving: string | undefined;
  for (const id of order) {
    if (!set.has(id)) continue;
    last = id;
    if (leaving.has(id)) lastLeaving = id;
  }
  return lastLeaving ?? last;
}
