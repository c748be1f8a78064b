import { useState } from 'react';
import type { ModuleKind } from '../../app/graph/types';
import { editorStore, useEditor } from '../store';
import { runCommand } from '../commands/registry';
import { suggestModuleName } from '../../app/graph/ops';
import { selectedItems } from '../commands/selection';

/** The name the dialog proposes: free among the siblings of the selection, so Group accepts it as is. */
function proposedName(): string {
  const { graph, selection } = editorStore.getState();
  const sel = selectedItems(graph, selection);
  const first = sel.nodes[0] ?? sel.modules[0];
  const parent = graph.nodes.find((n) => n.id === first)?.parent ?? graph.modules.find((m) => m.id === first)?.parent;
  return suggestModuleName(graph, parent);
}

/** Ctrl+G: name and kind of the new container. */
export function GroupDialog() {
  const open = useEditor((s) => s.groupDialog);
  return open ? <GroupForm /> : null;
}

function GroupForm() {
  const close = useEditor((s) => s.setGroupDialog);
  const notice = useEditor((s) => s.notice);
  const [name, setName] = useState(proposedName);
  const [kind, setKind] = useState<ModuleKind>('Sequential');
  const [className, setClassName] = useState('');
  const submit = () => void runCommand('module.groupAs', { name, kind, className: kind === 'Module' ? className : '' });
  return (
    <div className="nl-dialog-backdrop" onMouseDown={() => close(false)}>
      <div
        className="nl-dialog"
        role="dialog"
        aria-label="Group into a container"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close(false);
          if (e.key === 'Enter') submit();
        }}
      >
        <div className="nl-dialog-title">Group into a container</div>
        <label className="nl-field">
          <span className="nl-field-name">name</span>
          <input
            autoFocus
            className="nl-input mono"
            value={name}
            data-testid="group-name"
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        <label className="nl-field">
          <span className="nl-field-name">kind</span>
          <select
            className="nl-input"
            value={kind}
            data-testid="group-kind"
            onChange={(e) => setKind(e.target.value as ModuleKind)}
          >
            <option value="Sequential">nn.Sequential</option>
            <option value="Module">custom nn.Module</option>
          </select>
        </label>
        {kind === 'Module' && (
          <label className="nl-field">
            <span className="nl-field-name">class</span>
            <input
              className="nl-input mono"
              value={className}
              placeholder="Block"
              onChange={(e) => setClassName(e.target.value)}
            />
          </label>
        )}
        {notice?.error && <div className="nl-field-error">{notice.text}</div>}
        <div className="nl-row end">
          <button className="nl-btn" onClick={() => close(false)}>
            Cancel
          </button>
          <button className="nl-btn primary" data-testid="group-ok" onClick={submit}>
            Group
          </button>
        </div>
      </div>
    </div>
  );
}
