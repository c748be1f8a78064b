import type { Shape } from '../graph/types';

/** A one-click fix the editor can apply (and the CLI can describe). */
export type Fix =
  | { kind: 'insertBefore'; nodeId: string; layerType: string; params?: Record<string, unknown>; label: string }
  | { kind: 'setParam'; nodeId: string; param: string; value: unknown; label: string }
  | { kind: 'removeEdge'; edgeId: string; label: string }
  /** The node becomes a `layerType` layer (default arguments) in its place: same inputs, outputs, module and order. */
  | { kind: 'replaceNode'; nodeId: string; layerType: string; label: string };

export interface GraphError {
  /** The node the problem is on (absent for graph-wide problems such as "no Input"). */
  nodeId?: string;
  edgeId?: string;
  /** Names the problem and the fix: "Linear expects 400 input features, gets [16, 5, 5]: insert Flatten". */
  message: string;
  fix?: Fix;
}

export interface NodeAnalysis {
  id: string;
  type: string;
  /** Input shapes in port order (unknown inputs are null). */
  inputs: (Shape | null)[];
  /** Output shape per sample, or null when unknown (after an error upstream, or its own error). Output 0 for Split/Chunk. */
  shape: Shape | null;
  /** Kinds with several outputs (Split, Chunk): each output's shape, in port order. Absent for one output. */
  outputs?: Shape[];
  /** The node's own error, if any. Nodes after an error have shape null and no error of their own. */
  error?: GraphError;
  /** Inferred read-only parameters (`in_channels`). */
  inferred: Record<string, number>;
  /** Parameter counts of this node's module (0 for `shares` nodes: counted once, on the owner). */
  params: number;
  trainableParams: number;
  macs: number;
}

/** The shape of output `port` of an analysed node (null when unknown or when it has no such output). */
export function outputShape(a: NodeAnalysis | undefined, port = 0): Shape | null {
  if (!a) return null;
  if (a.outputs) return a.outputs[port] ?? null;
  return port === 0 ? a.shape : null;
}

export interface GraphAnalysis {
  nodes: Map<string, NodeAnalysis>;
  /** Tensor shape carried by each edge (the source's output at the edge's sourcePort), or null. */
  edges: Map<string, Shape | null>;
  /** Node ids in topological order (acyclic part). */
  order: string[];
  errors: GraphError[];
  totalParams: number;
  trainableParams: number;
  totalMacs: number;
  /** Sum of the output sizes of all nodes per sample, in elements (for the memory estimate). */
  activationElements: number;
}
