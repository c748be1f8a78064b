import type { Fix } from '../../app/shapes/types';
import type { Shape } from '../../app/graph/types';
import type { LayerCategory } from '../../app/layers/spec';
import type { LaneRoute } from './lanes';

/** Drawn size of a node, used for frames around expanded modules and for auto-layout. */
export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 66;
export const FRAME_PAD = 18;
export const FRAME_HEADER = 26;

export interface LayerNodeData extends Record<string, unknown> {
  type: string;
  name?: string;
  category: LayerCategory | 'unknown';
  summary: string;
  shape: Shape | null;
  params: number;
  error?: string;
  fix?: Fix;
  /** Target ports drawn, in order (Concat/Add grow one free port). */
  ports: number;
  multiInput: boolean;
  hasInput: boolean;
  functional?: boolean;
  /** Output handles drawn: 1, or one per piece of a Split/Chunk (`out-0`, `out-1`, ...). */
  outputs: number;
  /** The kind has several outputs: handles `out-k`, each labelled with its index. */
  multiOutput: boolean;
  /** Each output's shape when known (handle tooltips). */
  outputShapes?: (Shape | null)[];
}

export interface ModuleNodeData extends Record<string, unknown> {
  moduleId: string;
  name: string;
  kind: string;
  className?: string;
  children: number;
  shape: Shape | null;
  params: number;
  errors: number;
}

export interface FrameNodeData extends Record<string, unknown> {
  moduleId: string;
  name: string;
  kind: string;
  className?: string;
  width: number;
  height: number;
  errors: number;
  /** Height of the header band above the contents (grows with the containers nested inside). */
  header?: number;
}

export interface ShapeEdgeData extends Record<string, unknown> {
  shape: Shape | null;
  error: boolean;
  port?: number;
  showPort: boolean;
  /** Set on an edge that climbs to the next column: it runs up the lane between the columns. */
  route?: LaneRoute;
  /** Where collision avoidance put the label (renderer/canvas/labels.ts); null: no free spot, shown on hover only. */
  label?: { x: number; y: number } | null;
  /** Output of the source the edge leaves from (Split, Chunk), shown as `out k`. */
  sourcePort?: number;
  showSourcePort?: boolean;
}
