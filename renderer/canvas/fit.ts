import { getViewportForBounds, type Node, type Viewport } from '@xyflow/react';
import { drawnSize } from './labels';

/** Padding around the document when it is fitted (a fraction of the canvas), and the largest zoom a fit uses. */
export const FIT_PADDING = 0.12;
export const FIT_MAX_ZOOM = 1;

/** A rectangle on the canvas's screen (pixels from its top left). */
export interface ScreenBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: ScreenBox, b: ScreenBox) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The viewport that shows every item the canvas draws, from the document's own positions and sizes
 * (measured where React Flow has measured a node, else its declared or nominal size). Unlike React
 * Flow's fitView it needs no node to have been drawn and measured: the canvas draws only what is in
 * view, so a fit over the measured nodes alone misses what a new document put elsewhere.
 * `covered` are the boxes drawn over the canvas (the minimap, the zoom buttons): where the fit over the
 * whole canvas would put a node under one, the document is fitted beside them (left of the right-hand
 * ones and right of the left-hand ones) or above them, whichever shows it larger.
 */
export function fittedViewport(
  nodes: readonly Node[],
  width: number,
  height: number,
  minZoom: number,
  covered: readonly ScreenBox[] = [],
): Viewport | null {
  if (nodes.length === 0 || width <= 0 || height <= 0) return null;
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  const boxes = nodes.map((n) => {
    const { w, h } = drawnSize(n);
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + w);
    y1 = Math.max(y1, n.position.y + h);
    return { x: n.position.x, y: n.position.y, width: w, height: h };
  });
  const bounds = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  const fitIn = (r: ScreenBox): Viewport => {
    const vp = getViewportForBounds(bounds, r.width, r.height, minZoom, FIT_MAX_ZOOM, FIT_PADDING);
    return { x: vp.x + r.x, y: vp.y + r.y, zoom: vp.zoom };
  };
  const whole = fitIn({ x: 0, y: 0, width, height });
  const over = covered.filter((c) => c.width > 0 && c.height > 0);
  const clear = (vp: Viewport) =>
    boxes.every((b) => {
      const s = {
        x: b.x * vp.zoom + vp.x,
        y: b.y * vp.zoom + vp.y,
        width: b.width * vp.zoom,
        height: b.height * vp.zoom,
      };
      return over.every((c) => !overlaps(s, c));
    });
  if (over.length === 0 || clear(whole)) return whole;
  const regions: ScreenBox[] = [];
  const top = Math.min(...over.map((c) => c.y));
  if (top > 0) regions.push({ x: 0, y: 0, width, height: top });
  const left = Math.max(0, ...over.filter((c) => c.x + c.width / 2 < width / 2).map((c) => c.x + c.width));
  const right = Math.min(width, ...over.filter((c) => c.x + c.width / 2 >= width / 2).map((c) => c.x));
  if (right > left) regions.push({ x: left, y: 0, width: right - left, height });
  const fits = regions.map(fitIn).sort((a, b) => b.zoom - a.zoom);
  return fits.find(clear) ?? fits[0] ?? whole;
}
