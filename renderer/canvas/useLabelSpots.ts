import { useEffect, useMemo, useState } from 'react';
import type { Edge, Node } from '@xyflow/react';
import { placeLabels, type LabelSpot } from './labels';
import { createDetourAttacher, detourRoutes } from './detours';
import type { LaneRoute } from './lanes';

/** Quiet time after the last change of nodes or edges before labels are placed again. */
const SETTLE_MS = 150;
const NONE: ReadonlyMap<string, LabelSpot> = new Map();
const NO_ROUTES: ReadonlyMap<string, LaneRoute> = new Map();
const withDetours = createDetourAttacher();

/** Per edge, where its ends are: a placement stays valid while this key does not change. */
function endKeys(nodes: readonly Node[], edges: readonly Edge[]): Map<string, string> {
  const at = new Map<string, string>();
  for (const n of nodes)
    at.set(n.id, `${n.position.x},${n.position.y},${n.measured?.width ?? ''},${n.measured?.height ?? ''}`);
  return new Map(
    edges.map((e) => [e.id, `${at.get(e.source)}|${at.get(e.target)}|${e.sourceHandle}|${e.targetHandle}`]),
  );
}

function valid<T>(placed: Map<string, T>, ends: Map<string, string>, now: Map<string, string>): Map<string, T> {
  const out = new Map<string, T>();
  for (const [id, v] of placed) if (ends.get(id) === now.get(id)) out.set(id, v);
  return out;
}

/**
 * Detours for edges that would cross a node (detours.ts) and label spots (labels.ts, along the routed
 * edges), worked out once the canvas settles, not on every frame of a drag or while nodes are being
 * measured: placing DenseNet-121's 966 labels takes tens of milliseconds. Until then, an edge whose
 * ends moved since the last placement is drawn as its usual curve with its label at its middle.
 */
export function useLabelSpots(nodes: readonly Node[], edges: Edge[], horizontal: boolean) {
  const [placed, setPlaced] = useState<{
    spots: Map<string, LabelSpot>;
    routes: Map<string, LaneRoute>;
    ends: Map<string, string>;
  } | null>(null);
  useEffect(() => {
    const t = setTimeout(() => {
      const routes = detourRoutes(nodes, edges, horizontal);
      const spots = placeLabels(nodes, withDetours(edges, routes), horizontal);
      setPlaced({ spots, routes, ends: endKeys(nodes, edges) });
    }, SETTLE_MS);
    return () => clearTimeout(t);
  }, [nodes, edges, horizontal]);
  return useMemo(() => {
    if (!placed) return { spots: NONE, routes: NO_ROUTES };
    const now = endKeys(nodes, edges);
    return { spots: valid(placed.spots, placed.ends, now), routes: valid(placed.routes, placed.ends, now) };
  }, [placed, nodes, edges]);
}

export { withDetours };
