import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import { edgePath } from './edgePath';
import type { ShapeEdgeData } from './nodeData';
import { formatShape } from '../format';

type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

/** An edge labelled with the tensor shape it carries; red when the shape does not fit its target. */
function ShapeEdgeView(props: EdgeProps<ShapeFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected } = props;
  const [path, labelX, labelY] = edgePath(
    { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition },
    data?.route,
  );
  // Zoomed out, labels are unreadable: the canvas's level of detail hides them with CSS (errors stay labelled).
  const cls = `nl-edge${data?.error ? ' error' : ''}${selected ? ' selected' : ''}`;
  // Collision avoidance (labels.ts) moved the label along its edge, or found no free spot (crowded).
  const crowded = data?.label === null;
  const [lx, ly] = data?.label ? [data.label.x, data.label.y] : [labelX, labelY];
  return (
    <>
      <BaseEdge id={id} path={path} className={cls} />
      <EdgeLabelRenderer>
        <div
          className={`nl-edge-label${data?.error ? ' error' : ''}${selected ? ' selected' : ''}${crowded ? ' crowded' : ''}`}
          data-testid="edge-label"
          data-edge-id={id}
          style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}
        >
          {data?.showSourcePort ? <span className="nl-edge-port">out {data.sourcePort}</span> : null}
          {data?.showPort ? <span className="nl-edge-port">{data.port}</span> : null}
          {formatShape(data?.shape)}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);
