import { memo, useMemo, useState } from 'react';
import type { ModuleEntry } from '../../app/modules/tree';
import { buildModuleTree, reprModel } from '../../app/modules';
import { getLayer } from '../../app/layers/registry';
import { useEditor, editorStore } from '../store';
import { useAnalysis } from '../store/analysis';
import { formatCompact } from '../format';
import { commandContext } from '../commands/context';
import { containerView } from '../canvas/containers';
import { NODE_HEIGHT, NODE_WIDTH } from '../canvas/nodeData';

const countParams = (e: ModuleEntry): number =>
  e.parameters.reduce((s, p) => s + p.shape.reduce((a, b) => a * b, 1), 0) +
  e.children.reduce((s, c) => s + countParams(c), 0);

/** Select a module from the tree and bring it into view (a hidden layer: its collapsed container). */
function reveal(id: string) {
  const s = editorStore.getState();
  s.select([id]);
  const flow = commandContext.flow;
  if (!flow) return;
  const owner = id.startsWith('m:') ? id : (containerView(s.graph).owner.get(id) ?? id);
  const n = flow.getNode(owner);
  if (!n) return;
  void flow.setCenter(
    n.position.x + (n.measured?.width ?? NODE_WIDTH) / 2,
    n.position.y + (n.measured?.height ?? NODE_HEIGHT) / 2,
    { zoom: Math.max(flow.getZoom(), 0.8), duration: 250 },
  );
}

const Row = memo(function Row({
  entry,
  depth,
  selected,
}: {
  entry: ModuleEntry;
  depth: number;
  selected: ReadonlySet<string>;
}) {
  const [open, setOpen] = useState(depth < 1);
  const id = entry.moduleId ? `m:${entry.moduleId}` : entry.nodeId;
  const cat = entry.kind === 'layer' ? (getLayer(entry.className)?.category ?? 'unknown') : 'module';
  const isSel = id !== undefined && selected.has(id);
  const params = countParams(entry);
  return (
    <>
      <div
        className={`nl-tree-row${isSel ? ' selected' : ''}`}
        style={{ paddingLeft: 8 + depth * 14 }}
        data-testid="tree-row"
        onClick={() => id && reveal(id)}
      >
        {entry.children.length > 0 ? (
          <button
            className="nl-chevron"
            aria-label={open ? 'Collapse' : 'Expand'}
            onClick={(e) => {
              e.stopPropagation();
              setOpen(!open);
            }}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="nl-tree-pad" />
        )}
        <span className={`nl-dot cat-${cat}`} />
        <span className="nl-tree-name mono">{entry.name || 'model'}</span>
        <span className="nl-tree-class">{entry.className}</span>
        {params > 0 && <span className="nl-tree-params">{formatCompact(params)}</span>}
      </div>
      {open && entry.children.map((c) => <Row key={c.path} entry={c} depth={depth + 1} selected={selected} />)}
    </>
  );
});

/** modules() / children() as PyTorch shows them, and print(model); follows the canvas selection. */
export function ModuleTree() {
  const graph = useEditor((s) => s.graph);
  const selection = useEditor((s) => s.selection);
  const analysis = useAnalysis();
  const [tab, setTab] = useState<'tree' | 'repr'>('tree');
  const tree = useMemo(() => buildModuleTree(graph, analysis), [graph, analysis]);
  const repr = useMemo(() => (tab === 'repr' ? reprModel(tree) : ''), [tab, tree]);
  return (
    <section className="nl-modules" aria-label="Modules">
      <div className="nl-tabs">
        <button className={`nl-tab${tab === 'tree' ? ' on' : ''}`} onClick={() => setTab('tree')}>
          Modules
        </button>
        <button
          className={`nl-tab${tab === 'repr' ? ' on' : ''}`}
          onClick={() => setTab('repr')}
          data-testid="tab-repr"
        >
          print(model)
        </button>
      </div>
      <div className="nl-scroll">
        {tab === 'tree' ? (
          <Row entry={tree.root} depth={0} selected={selection} />
        ) : (
          <pre className="nl-repr" data-testid="repr">
            {repr}
          </pre>
        )}
      </div>
    </section>
  );
}
