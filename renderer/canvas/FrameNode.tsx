import { memo } from 'react';
import type { NodeProps, Node } from '@xyflow/react';
import type { FrameNodeData } from './nodeData';
import { runCommand } from '../commands/registry';

type FrameFlowNode = Node<FrameNodeData, 'frame'>;

/** An expanded container drawn as a labelled frame behind its children; drag the header to move it all. */
function FrameNodeView({ data, selected }: NodeProps<FrameFlowNode>) {
  const toggle = (moduleId: string) => void runCommand('module.toggle', { moduleId });
  return (
    <div
      className={`nl-frame${selected ? ' selected' : ''}${data.errors ? ' error' : ''}`}
      data-testid="frame-node"
      data-name={data.name}
      style={{ width: data.width, height: data.height }}
    >
      <div className="nl-frame-head">
        <button
          className="nl-chevron"
          title="Collapse"
          aria-label={`Collapse ${data.name}`}
          onClick={(e) => {
            e.stopPropagation();
            toggle(data.moduleId);
          }}
        >
          ▾
        </button>
        <span className="nl-frame-name">{data.name}</span>
        <span className="nl-frame-kind">{data.className ?? data.kind}</span>
      </div>
    </div>
  );
}

export const FrameNode = memo(FrameNodeView);
