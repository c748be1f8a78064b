import { useEffect, useMemo, useState } from 'react';
import type { Edge, Node } from '@xyflow/react';
import { placeLabels, type LabelSpot } from './labels';

/** Quiet time after the last change of nodes or edges before labels are placed again. */
const SETTLE_MS = 150;
const NONE: ReadonlyMap<string, LabelSpot> = new Map();

/** Per edge, where its ends are: a placement stays valid while this key does not change. */
function endKeys(nodes: readonly Node[], edges: readonly Edge[]): Map<string, string> {
  const at = new Map<string, string>();
  for (const n of nodes)
    at.set(n.id, `${n.position.x},${n.position.y},${n.measured?.width ?? ''},${n.measured?.height ?? ''}`);
  return new Map(
    edges.map((e) => [e.id, `${at.get(e.source)}|${at.get(e.target)}|${e.sourceHandle}|${e.targetHandle}`]),
  );
}

/**
 * Label spots (labels.ts) placed once the canvas settles, not on every frame of a drag or while nodes are
 * being measured: placing DenseNet-121's 966 labels takes tens of milliseconds. Until then, an edge whose
 * ends moved since the last placement shows its label at its middle.
 */
export function useLabelSpots(nodes: readonly Node[], edges: readonly Edge[], horizontal: boolean) {
  const [placed, setPlaced] = useState<{ spots: Map<string, LabelSpot>; ends: Map<string, string> } | null>(null);
  useEffect(() => {
    const t = setTimeout(
      () => setPlaced({ spots: placeLabels(nodes, edges, horizontal), ends: endKeys(nodes, edges) }),
      SETTLE_MS,
    );
    return () => clearTimeout(t);
  }, [nodes, edges, horizontal]);
  return useMemo(() => {
    if (!placed) return NONE;
    const now = endKeys(nodes, edges);
    const valid = new Map<string, LabelSpot>();
    for (const [id, spot] of placed.spots) if (placed.ends.get(id) === now.get(id)) valid.set(id, spot);
    return valid;
  }, [placed, nodes, edges]);
}
