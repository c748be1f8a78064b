import { useEditor } from '../store';
import { runCommand } from '../commands/registry';
import { NameField } from './NameField';
import { containerView } from '../canvas/containers';

/** A selected container: rename, kind, children, collapse/expand, ungroup. */
export function ModuleInspector({ moduleId }: { moduleId: string }) {
  const graph = useEditor((s) => s.graph);
  const m = graph.modules.find((x) => x.id === moduleId);
  if (!m) return null;
  const view = containerView(graph);
  return (
    <div className="nl-inspector" data-testid="module-inspector">
      <div className="nl-insp-head">
        <span className="nl-dot cat-module" />
        <span className="nl-insp-type">{m.name}</span>
        <span className="nl-insp-id">{m.className ?? m.kind}</span>
      </div>
      <NameField
        value={m.name}
        testId="module-name"
        onChange={(name) => runCommand('module.rename', { moduleId, name })}
      />
      <dl className="nl-facts">
        <dt>kind</dt>
        <dd>{m.kind}</dd>
        <dt>children</dt>
        <dd>{view.childCount.get(m.id) ?? 0}</dd>
        <dt>layers</dt>
        <dd>{view.descendants.get(m.id)?.length ?? 0}</dd>
      </dl>
      <div className="nl-row">
        <button className="nl-btn" onClick={() => void runCommand('module.toggle', { moduleId })}>
          {m.collapsed ? 'Expand' : 'Collapse'}
        </button>
        <button className="nl-btn" onClick={() => void runCommand('module.ungroup')}>
          Ungroup
        </button>
      </div>
    </div>
  );
}
