/**
 * One side of the bench's graph diff: a read-only canvas of a run's graph, its added, removed,
 * changed and moved nodes ringed in the diff's colours (the same on both sides). A collapsed
 * container is ringed when something inside it differs.
 */
import { useMemo } from 'react';
import { ReactFlow, ReactFlowProvider, Background, BackgroundVariant, type Edge } from '@xyflow/react';
import type { Graph } from '../../../app/graph/types';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { containerView, moduleNodeId } from '../../canvas/containers';
import { createDeriver } from '../../canvas/derive';
import { FrameNode } from '../../canvas/FrameNode';
import { LayerNode } from '../../canvas/LayerNode';
import { ModuleNode } from '../../canvas/ModuleNode';
import { ShapeEdge } from '../../canvas/ShapeEdge';

const nodeTypes = { layer: LayerNode, module: ModuleNode, frame: FrameNode };
const edgeTypes = { shape: ShapeEdge };
const NONE = new Set<string>();

export type DiffMark = 'added' | 'removed' | 'changed' | 'moved';

const cssId = (id: string) => id.replace(/["\\]/g, '\\$&');

export function DiffCanvas({
  graph,
  marks,
  side,
  title,
}: {
  graph: Graph;
  marks: ReadonlyMap<string, DiffMark>;
  side: 'a' | 'b';
  title: string;
}) {
  const derive = useMemo(() => createDeriver(), []);
  const view = useMemo(() => derive(graph, analyzeGraph(graph), NONE), [derive, graph]);
  const style = useMemo(() => {
    const owner = containerView(graph).owner;
    const drawn = new Map<string, DiffMark>();
    for (const [id, mark] of marks) {
      const at = owner.get(id) ?? (graph.modules.some((m) => m.id === id) ? moduleNodeId(id) : id);
      // A container holding several kinds of difference shows as changed.
      drawn.set(at, at !== id && drawn.has(at) && drawn.get(at) !== mark ? 'changed' : mark);
    }
    return [...drawn]
      .map(
        ([id, mark]) =>
          `.nl-bench-${side} .react-flow__node[data-id="${cssId(id)}"] > * { box-shadow: 0 0 0 3px var(--diff-${mark}); border-radius: 8px; }`,
      )
      .join('\n');
  }, [graph, marks, side]);
  return (
    <figure
      className={`nl-bench-canvas nl-bench-${side}`}
      data-testid={`bench-canvas-${side}`}
      data-marked={marks.size}
    >
      <figcaption>{title}</figcaption>
      <style>{style}</style>
      <ReactFlowProvider>
        <ReactFlow
          nodes={view.nodes}
          edges={view.edges as Edge[]}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          fitView
          minZoom={0.01}
          maxZoom={1.5}
          defaultEdgeOptions={{ type: 'shape' }}
          proOptions={{ hideAttribution: true }}
        >
          <Background variant={BackgroundVariant.Dots} gap={18} size={1.2} color="var(--grid)" />
        </ReactFlow>
      </ReactFlowProvider>
    </figure>
  );
}
