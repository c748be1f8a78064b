import type { Position } from '../../app/graph/types';

/** A laid-out item of one container: its box, whether it is an (expanded or collapsed) container, whether it is a border dummy. */
export interface ColumnItem {
  x: number;
  y: number;
  width: number;
  height: number;
  container: boolean;
  border: boolean;
}

export interface Padding {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export const ZERO_PAD: Padding = { left: 0, top: 0, right: 0, bottom: 0 };

/** A top-down chain taller than this is set in columns. */
export const COLUMNS_ABOVE = 2200;
/** Vertical gap between items in a column (room for an edge's shape label), and between columns (a lane for the edge to the next column and its label). */
export const ROW_GAP = 44;
export const COLUMN_GAP = 120;

/**
 * A tall top-down chain (ResNet's stem, layer1..layer4 and head; DenseNet's stages; the dense layers of
 * a long dense block) set as columns read left to right, each column top-down, instead of one very tall
 * column: the whole network fits the window at a zoom where a stage is legible.
 *
 * Items are taken in elk's top-down order and applies only when they form a chain (no two side by
 * side). A new column starts where the kind changes between plain layers and containers (the stem, each
 * stage and the head stand apart, as in `print(model)`), or where the column would grow taller than the
 * tallest item or `columnHeight`, whichever is more; a short run of plain layers then joins the stage it
 * feeds (the stem sits above layer1), which keeps the whole near the window's shape. Items are aligned on their column's left edge. Returns the
 * positions (in the input's order) and the container's size, or null to keep elk's single column.
 */
export function columns(
  items: ColumnItem[],
  pad: Padding,
  columnHeight = COLUMNS_ABOVE,
): { at: Position[]; width: number; height: number } | null {
  const real = items.map((it, i) => ({ ...it, i })).filter((it) => !it.border);
  if (real.length < 3) return null;
  const order = [...real].sort((a, b) => a.y - b.y);
  const top = order[0].y,
    bottom = Math.max(...order.map((it) => it.y + it.height));
  if (bottom - top <= COLUMNS_ABOVE) return null;
  for (let k = 1; k < order.length; k++) if (order[k].y < order[k - 1].y + order[k - 1].height) return null;
  if (!order.some((it) => it.container)) return null;

  const limit = Math.max(columnHeight, ...order.map((it) => it.height));
  const cols: (typeof order)[] = [];
  let col: typeof order = [],
    h = 0;
  for (const it of order) {
    const last = col[col.length - 1];
    if (last && (last.container !== it.container || h + ROW_GAP + it.height > limit)) {
      cols.push(col);
      col = [];
      h = 0;
    }
    h += (col.length ? ROW_GAP : 0) + it.height;
    col.push(it);
  }
  cols.push(col);
  // A short run of plain layers before a stage (a stem) shares the stage's column, above it.
  const tall = (c: typeof order) => c.reduce((s, it) => s + it.height, 0) + ROW_GAP * (c.length - 1);
  for (let k = 0; k + 1 < cols.length; k++) {
    if (cols[k].some((it) => it.container) || tall(cols[k]) > limit / 3) continue;
    cols.splice(k, 2, [...cols[k], ...cols[k + 1]]);
  }
  if (cols.length < 2) return null;

  const at: Position[] = items.map(() => ({ x: pad.left, y: pad.top }));
  let x = pad.left,
    height = 0;
  for (const c of cols) {
    const w = Math.max(...c.map((it) => it.width));
    let y = pad.top;
    for (const it of c) {
      at[it.i] = { x, y };
      y += it.height + ROW_GAP;
    }
    height = Math.max(height, y - ROW_GAP);
    x += w + COLUMN_GAP;
  }
  return { at, width: x - COLUMN_GAP + pad.right, height: height + pad.bottom };
}
