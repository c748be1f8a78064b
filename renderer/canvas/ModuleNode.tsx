import { memo } from 'react';
import { Handle, Position, type NodeProps, type Node } from '@xyflow/react';
import type { ModuleNodeData } from './nodeData';
import { formatCompact, formatShape } from '../format';
import { useEditor } from '../store';
import { runCommand } from '../commands/registry';

type ModuleFlowNode = Node<ModuleNodeData, 'module'>;

/** A collapsed container: name, kind, child count, output shape; the chevron expands it. */
function ModuleNodeView({ data, selected }: NodeProps<ModuleFlowNode>) {
  const horizontal = useEditor((s) => s.direction === 'RIGHT');
  const toggle = (moduleId: string) => void runCommand('module.toggle', { moduleId });
  const cls = ['nl-node', 'nl-module', selected ? 'selected' : '', data.errors ? 'error' : ''].join(' ');
  return (
    <div className={cls} data-testid="module-node" data-name={data.name}>
      <Handle
        id="in"
        type="target"
        position={horizontal ? Position.Left : Position.Top}
        className="nl-handle"
        isConnectable={false}
      />
      <div className="nl-node-head">
        <button
          className="nl-chevron"
          title="Expand (double-click)"
          aria-label={`Expand ${data.name}`}
          onClick={(e) => {
            e.stopPropagation();
            toggle(data.moduleId);
          }}
        >
          ▸
        </button>
        <span className="nl-node-type nl-module-name" title={data.name}>
          {data.name}
        </span>
        {data.params > 0 && (
          <span className="nl-node-params" title={`${data.params.toLocaleString('en-US')} parameters`}>
            {formatCompact(data.params)}
          </span>
        )}
      </div>
      {/* The class on its own line: "Sequential" and long custom class names are never cut to "Sequent…". */}
      <div className="nl-node-summary" title={data.className ?? data.kind}>
        {data.className ?? data.kind} · {data.children} {data.children === 1 ? 'child' : 'children'}
        {data.errors ? ` · ${data.errors} error${data.errors > 1 ? 's' : ''}` : ''}
      </div>
      <div className="nl-node-shape" data-testid="node-shape">
        {formatShape(data.shape)}
      </div>
      <Handle id="out" type="source" position={horizontal ? Position.Right : Position.Bottom} className="nl-handle" />
    </div>
  );
}

export const ModuleNode = memo(ModuleNodeView);
