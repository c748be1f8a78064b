import { useEditor, editorStore } from '../store';
import { useAnalysis } from '../store/analysis';
import { getLayer } from '../../app/layers/registry';
import { formatCompact, formatInt, formatShape } from '../format';
import { ParamForm } from './ParamForm';
import { FixButton } from './FixButton';
import { ModuleInspector } from './ModuleInspector';
import { NameField } from './NameField';
import { ModuleTree } from './ModuleTree';
import { runCommand } from '../commands/registry';
import { useMemo } from 'react';
import { buildModuleTree } from '../../app/modules';
import { LayerHelp } from './LayerHelp';

/** The selected layer: name, parameters, shapes, counts, errors with fixes. */
export function Inspector() {
  const selection = useEditor((s) => s.selection);
  const graph = useEditor((s) => s.graph);
  const a = useAnalysis();
  const ids = [...selection].filter((id) => !graph.edges.some((e) => e.id === id));
  const only = ids.length === 1 ? ids[0] : null;
  const node = only ? graph.nodes.find((n) => n.id === only) : undefined;
  // People read module paths (`classifier.0`, `fc1`), as in print(model), never internal ids.
  const tree = useMemo(() => buildModuleTree(graph), [graph]);
  const pathOf = (id: string) => tree.byNode.get(id)?.path || graph.nodes.find((n) => n.id === id)?.name || id;

  let body;
  if (only?.startsWith('m:')) body = <ModuleInspector moduleId={only.slice(2)} />;
  else if (node) {
    const spec = getLayer(node.type);
    const na = a.nodes.get(node.id);
    body = (
      <div className="nl-inspector" data-testid="inspector">
        <div className="nl-insp-head">
          <span className={`nl-dot cat-${spec?.category ?? 'unknown'}`} />
          <span className="nl-insp-type">{node.type}</span>
          <span className="nl-insp-id" title={`id ${node.id}`}>
            {pathOf(node.id)}
          </span>
        </div>
        {spec?.description && <div className="nl-insp-desc">{spec.description}</div>}
        {spec && <LayerHelp spec={spec} />}
        <NameField
          value={node.name ?? ''}
          placeholder="attribute name (conv1)"
          testId="node-name"
          onChange={(name) => runCommand('layer.rename', { id: node.id, name })}
        />
        {na?.error && (
          <div className="nl-insp-error" data-testid="inspector-error">
            <div>{na.error.message}</div>
            {na.error.fix && <FixButton fix={na.error.fix} />}
          </div>
        )}
        <dl className="nl-facts">
          <dt>input</dt>
          <dd className="mono">{na?.inputs.length ? na.inputs.map((s) => formatShape(s)).join('  ') : '—'}</dd>
          <dt>output</dt>
          <dd className="mono" data-testid="inspector-output">
            {formatShape(na?.shape)}
          </dd>
          <dt>params</dt>
          <dd>
            {formatInt(na?.params ?? 0)}
            {na && na.trainableParams !== na.params ? ` (${formatInt(na.trainableParams)} trainable)` : ''}
          </dd>
          <dt>MACs</dt>
          <dd>{formatCompact(na?.macs ?? 0)}</dd>
        </dl>
        <div className="nl-section-title">Parameters</div>
        {spec ? (
          <ParamForm node={node} spec={spec} inferred={na?.inferred ?? {}} help={spec.help?.params ?? {}} />
        ) : (
          <div className="nl-insp-desc">Unknown layer kind.</div>
        )}
      </div>
    );
  } else if (ids.length > 1) {
    body = (
      <div className="nl-inspector">
        <div className="nl-insp-head">
          <span className="nl-insp-type">{ids.length} selected</span>
        </div>
        <button className="nl-btn primary" onClick={() => void runCommand('module.group')}>
          Group into a container…
        </button>
      </div>
    );
  } else {
    body = (
      <div className="nl-inspector">
        <div className="nl-insp-head">
          <span className="nl-insp-type">{graph.name}</span>
          <span className="nl-insp-id">root module</span>
        </div>
        <dl className="nl-facts">
          <dt>layers</dt>
          <dd>{graph.nodes.length}</dd>
          <dt>params</dt>
          <dd>{formatInt(a.totalParams)}</dd>
          <dt>MACs</dt>
          <dd>{formatCompact(a.totalMacs)}</dd>
        </dl>
        {graph.modules.length > 0 && (
          <div className="nl-row">
            <button className="nl-btn" data-testid="expand-all" onClick={() => void runCommand('module.expandAll')}>
              Expand all
            </button>
            <button className="nl-btn" data-testid="collapse-all" onClick={() => void runCommand('module.collapseAll')}>
              Collapse all
            </button>
          </div>
        )}
        <div className="nl-section-title">Problems</div>
        {a.errors.length === 0 && <div className="nl-insp-desc">No errors: every shape fits.</div>}
        {a.errors.slice(0, 50).map((e, i) => (
          <div key={i} className="nl-insp-error">
            <button className="nl-link" onClick={() => e.nodeId && runCommandSelect(e.nodeId)}>
              {e.nodeId ? pathOf(e.nodeId) : 'graph'}
            </button>
            : {e.message}
            {e.fix && <FixButton fix={e.fix} />}
          </div>
        ))}
      </div>
    );
  }
  return (
    <aside className="nl-side right" aria-label="Inspector">
      <div className="nl-section-title">Inspector</div>
      <div className="nl-scroll">{body}</div>
      <ModuleTree />
    </aside>
  );
}

function runCommandSelect(id: string) {
  editorStore.getState().select([id]);
}
