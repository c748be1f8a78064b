import { useEffect } from 'react';
import { useStore } from '@xyflow/react';

/** Zoom below which edge labels hide (errors keep theirs), and below which nodes show only their type. */
export const LABELS_BELOW = 0.4;
export const BOXES_BELOW = 0.3;

/** Below this zoom the graph is drawn on one <canvas> instead of as elements (Canvas.tsx, FarCanvas.tsx). */
export const CANVAS_BELOW = BOXES_BELOW;

export type Lod = 'near' | 'mid' | 'far';

export const lodOf = (zoom: number): Lod => (zoom < BOXES_BELOW ? 'far' : zoom < LABELS_BELOW ? 'mid' : 'near');

const selectLod = (s: { transform: [number, number, number] }): Lod => lodOf(s.transform[2]);

/**
 * The canvas's level of detail as one attribute (`data-lod` on the canvas element), which CSS reads
 * (renderer/styles/app.css). The only component that follows the zoom: crossing a threshold restyles
 * the canvas without re-rendering a single node or edge, and zooming re-renders nothing.
 */
export function LevelOfDetail({ target }: { target: React.RefObject<HTMLDivElement | null> }) {
  const lod = useStore(selectLod);
  useEffect(() => {
    target.current?.setAttribute('data-lod', lod);
  }, [lod, target]);
  return null;
}
