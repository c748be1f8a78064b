/**
 * Routes for edges that climb from one column to the next (the layout sets long chains as columns read
 * left to right, renderer/canvas/columns.ts): instead of a diagonal across both columns, the edge drops
 * below its column, runs up the free lane between the columns, and enters the next column from above.
 */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A drawn item (layer node, collapsed module or expanded module's frame) and the container holding it (null: the canvas). */
export interface LaneItem {
  box: Box;
  parent: string | null;
}

/** Where a climbing edge runs: below its column (y), up the lane (x), above the target column (y). */
export interface LaneRoute {
  below: number;
  lane: number;
  above: number;
  /** Segment of the route where its label sits (1..5; default 4, the stretch above the target). */
  home?: number;
  /**
   * Left-to-right layouts: the route with x and y swapped (`below`/`above` are x values right of the
   * source and left of the target, `lane` a y value).
   */
  flip?: boolean;
}

const CLEAR = 22;

/** Columns of a container: the x-intervals its items cover, merged, with the y-range of each. */
function columnsOf(boxes: Box[]): Box[] {
  const sorted = [...boxes].sort((a, b) => a.x0 - b.x0);
  const out: Box[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.x0 < last.x1) {
      last.x1 = Math.max(last.x1, b.x1);
      last.y0 = Math.min(last.y0, b.y0);
      last.y1 = Math.max(last.y1, b.y1);
    } else out.push({ ...b });
  }
  return out;
}

/**
 * The lane route of each edge (drawn ends: canvas item ids) whose target sits above its source in a
 * column to the right, within the innermost container holding both ends. Other edges get none.
 * `gap` is the layout's vertical gap between rows. `chain(id)` lists the canvas ids of an item's containers (outermost first) followed by the item.
 */
export function laneRoutes(
  items: ReadonlyMap<string, LaneItem>,
  edges: readonly { id: string; source: string; target: string }[],
  chain: (id: string) => string[],
  gap: number,
): Map<string, LaneRoute> {
  const routes = new Map<string, LaneRoute>();
  const children = new Map<string | null, Box[]>();
  const colsCache = new Map<string | null, Box[]>();
  for (const it of items.values())
    (children.get(it.parent) ?? children.set(it.parent, []).get(it.parent))?.push(it.box);
  const colsIn = (c: string | null): Box[] => {
    let hit = colsCache.get(c);
    if (!hit) colsCache.set(c, (hit = columnsOf(children.get(c) ?? [])));
    return hit;
  };
  for (const e of edges) {
    const s = items.get(e.source)?.box,
      t = items.get(e.target)?.box;
    if (!s || !t || t.y0 >= s.y0) continue;
    const a = chain(e.source),
      b = chain(e.target);
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    if (i >= a.length || i >= b.length) continue;
    const holder = i === 0 ? null : a[i - 1];
    const sa = items.get(a[i])?.box,
      tb = items.get(b[i])?.box;
    if (!sa || !tb) continue;
    const cols = colsIn(holder);
    const ca = cols.findIndex((c) => sa.x0 >= c.x0 && sa.x1 <= c.x1);
    const cb = cols.findIndex((c) => tb.x0 >= c.x0 && tb.x1 <= c.x1);
    if (ca < 0 || cb <= ca) continue;
    const next = cols[ca + 1];
    // Below the column when the source ends it, else through the gap under the source's row; above the
    // target column when the target starts it, else through the gap over the target's row.
    routes.set(e.id, {
      below: sa.y1 >= cols[ca].y1 ? cols[ca].y1 + CLEAR : s.y1 + gap / 2,
      lane: (cols[ca].x1 + next.x0) / 2,
      above: tb.y0 <= cols[cb].y0 ? cols[cb].y0 - CLEAR : t.y0 - gap / 2,
    });
  }
  return routes;
}
