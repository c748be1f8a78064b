import { memo, useEffect, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps, type Node } from '@xyflow/react';
import type { LayerNodeData } from './nodeData';
import { formatCompact, formatShape } from '../format';
import { useEditor } from '../store';
import { FixButton } from '../panels/FixButton';

type LayerFlowNode = Node<LayerNodeData, 'layer'>;

/** The one node component for every layer kind: type, key params, output shape, parameter count. */
function LayerNodeView({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const horizontal = useEditor((s) => s.direction === 'RIGHT');
  // Handles that come and go (a Split's outputs follow its params, a Concat grows a port) move the
  // others: React Flow measures handle positions once, so it is told to measure again.
  // Not on mount: React Flow measures a new node itself, and hundreds of nodes mounting at once (Expand
  // all on DenseNet-121) each asking for a re-measure kept Chromium busy for minutes.
  const updateInternals = useUpdateNodeInternals();
  const handles = `${data.ports}/${data.outputs}/${horizontal}`;
  const measuredHandles = useRef(handles);
  useEffect(() => {
    if (measuredHandles.current === handles) return;
    measuredHandles.current = handles;
    updateInternals(id);
  }, [id, handles, updateInternals]);
  const inPos = horizontal ? Position.Left : Position.Top;
  const outPos = horizontal ? Position.Right : Position.Bottom;
  // Zoomed out, the canvas's level of detail (one data-lod attribute, see LevelOfDetail) hides all but
  // the type with CSS: no node subscribes to the zoom or re-renders when it changes.
  const cls = [
    'nl-node',
    `cat-${data.category}`,
    selected ? 'selected' : '',
    data.error ? 'error' : '',
    horizontal ? 'horizontal' : '',
    data.hasInput && data.multiInput ? 'ports-in' : '',
    data.multiOutput ? 'ports-out' : '',
  ].join(' ');
  return (
    <div className={cls} data-testid="layer-node" data-type={data.type}>
      {data.hasInput &&
        Array.from({ length: data.ports }, (_, i) => {
          const offset = `${((i + 1) / (data.ports + 1)) * 100}%`;
          return (
            <Handle
              key={i}
              id={`in-${i}`}
              type="target"
              position={inPos}
              style={horizontal ? { top: offset } : { left: offset }}
              className="nl-handle"
              title={data.multiInput ? `input ${i}` : 'input'}
            >
              {data.multiInput && <span className="nl-port">{i}</span>}
            </Handle>
          );
        })}
      <div className="nl-node-head">
        <span className="nl-node-type">{data.type}</span>
        {data.name && <span className="nl-node-name">{data.name}</span>}
        {data.params > 0 && (
          <span className="nl-node-params" title={`${data.params.toLocaleString('en-US')} parameters`}>
            {formatCompact(data.params)}
          </span>
        )}
      </div>
      {data.summary && <div className="nl-node-summary">{data.summary}</div>}
      <div className="nl-node-shape" data-testid="node-shape">
        {formatShape(data.shape)}
      </div>
      {data.error && (
        <div className="nl-node-error" data-testid="node-error">
          <span title={data.error}>{data.error}</span>
          {data.fix && <FixButton fix={data.fix} />}
        </div>
      )}
      {data.multiOutput ? (
        Array.from({ length: data.outputs }, (_, k) => {
          const offset = `${((k + 1) / (data.outputs + 1)) * 100}%`;
          const shape = data.outputShapes?.[k];
          return (
            <Handle
              key={k}
              id={`out-${k}`}
              type="source"
              position={outPos}
              style={horizontal ? { top: offset } : { left: offset }}
              className="nl-handle"
              title={`output ${k}${shape ? ` ${formatShape(shape)}` : ''}`}
              data-testid="output-handle"
            >
              <span className="nl-port nl-port-out">{k}</span>
            </Handle>
          );
        })
      ) : (
        <Handle id="out" type="source" position={outPos} className="nl-handle" title="output" />
      )}
    </div>
  );
}

export const LayerNode = memo(LayerNodeView);
