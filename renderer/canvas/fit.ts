import { getViewportForBounds, type Node, type Viewport } from '@xyflow/react';
import { drawnSize } from './labels';

/** Padding around the document when it is fitted (a fraction of the canvas), and the largest zoom a fit uses. */
export const FIT_PADDING = 0.12;
export const FIT_MAX_ZOOM = 1;

/**
 * The viewport that shows every item the canvas draws, from the document's own positions and sizes
 * (measured where React Flow has measured a node, else its declared or nominal size). Unlike React
 * Flow's fitView it needs no node to have been drawn and measured: the canvas draws only what is in
 * view, so a fit over the measured nodes alone misses what a new document put elsewhere.
 */
export function fittedViewport(
  nodes: readonly Node[],
  width: number,
  height: number,
  minZoom: number,
): Viewport | null {
  if (nodes.length === 0 || width <= 0 || height <= 0) return null;
  let x0 = Infinity,
    y0 = Infinity,
    x1 = -Infinity,
    y1 = -Infinity;
  for (const n of nodes) {
    const { w, h } = drawnSize(n);
    x0 = Math.min(x0, n.position.x);
    y0 = Math.min(y0, n.position.y);
    x1 = Math.max(x1, n.position.x + w);
    y1 = Math.max(y1, n.position.y + h);
  }
  return getViewportForBounds(
    { x: x0, y: y0, width: x1 - x0, height: y1 - y0 },
    width,
    height,
    minZoom,
    FIT_MAX_ZOOM,
    FIT_PADDING,
  );
}
