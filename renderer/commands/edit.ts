import type { Command } from './types';
import { canRedo, canUndo } from '../../app/graph/history';
import type { EditorStore } from '../store';
import { selectedItems } from './selection';
import type { Graph } from '../../app/graph/types';
import {
  copy as copyOp,
  disconnect,
  duplicate as duplicateOp,
  moduleNodeIds,
  paste as pasteOp,
  removeNodes,
  type Fragment,
} from '../../app/graph/ops';
import { containerView } from '../canvas/containers';

/** Delete the selected nodes, edges and containers (a container goes with everything inside it). */
function removeSelected(g: Graph, selection: ReadonlySet<string>): Graph {
  const sel = selectedItems(g, selection);
  const nodes = [...sel.nodes, ...sel.modules.flatMap((m) => moduleNodeIds(g, m))];
  return removeNodes(disconnect(g, sel.edges), nodes);
}

/** The editor's clipboard (kept in memory: a pasted network keeps its ids apart from the source). */
let clip: Fragment | null = null;
let pasteCount = 0;

const hasSelection = (store: EditorStore) => store.getState().selection.size > 0;

export const undo: Command = {
  id: 'edit.undo',
  label: 'Undo',
  keys: ['Mod+Z'],
  enabled: (s) => canUndo(s.getState().history),
  run: (s) => s.getState().undo(),
};

export const redo: Command = {
  id: 'edit.redo',
  label: 'Redo',
  keys: ['Mod+Shift+Z', 'Mod+Y'],
  enabled: (s) => canRedo(s.getState().history),
  run: (s) => s.getState().redo(),
};

export const deleteSelection: Command = {
  id: 'edit.delete',
  label: 'Delete',
  keys: ['Delete', 'Backspace'],
  enabled: hasSelection,
  run(store) {
    const { selection, edit } = store.getState();
    edit('Delete', (g) => removeSelected(g, selection), { select: [] });
  },
};

export const copy: Command = {
  id: 'edit.copy',
  label: 'Copy',
  keys: ['Mod+C'],
  enabled: hasSelection,
  run(store) {
    const { graph, selection } = store.getState();
    const sel = selectedItems(graph, selection);
    clip = copyOp(graph, [...sel.nodes, ...sel.modules]);
    pasteCount = 0;
  },
};

export const cut: Command = {
  id: 'edit.cut',
  label: 'Cut',
  keys: ['Mod+X'],
  enabled: hasSelection,
  run(store) {
    void copy.run(store, {});
    const { selection, edit } = store.getState();
    edit('Cut', (g) => removeSelected(g, selection), { select: [] });
  },
};

export const paste: Command = {
  id: 'edit.paste',
  label: 'Paste',
  keys: ['Mod+V'],
  enabled: () => clip !== null && clip.nodes.length > 0,
  run(store) {
    if (!clip) return;
    const c = clip;
    pasteCount++;
    const shift = 40 * pasteCount;
    let ids: string[] = [];
    store.getState().edit('Paste', (g) => {
      const r = pasteOp(g, c, { x: shift, y: shift });
      if (!r.ok) return r;
      ids = [...r.value.nodeIds, ...r.value.moduleIds.map((m) => `m:${m}`)];
      return r.value.graph;
    });
    store.getState().select(ids);
  },
};

export const duplicate: Command = {
  id: 'edit.duplicate',
  label: 'Duplicate',
  keys: ['Mod+D'],
  enabled: hasSelection,
  run(store) {
    const { graph, selection } = store.getState();
    const sel = selectedItems(graph, selection);
    let ids: string[] = [];
    store.getState().edit('Duplicate', (g) => {
      const r = duplicateOp(g, [...sel.nodes, ...sel.modules], { x: 40, y: 40 });
      if (!r.ok) return r;
      ids = [...r.value.nodeIds, ...r.value.moduleIds.map((m) => `m:${m}`)];
      return r.value.graph;
    });
    store.getState().select(ids);
  },
};

export const selectAll: Command = {
  id: 'edit.selectAll',
  label: 'Select all',
  keys: ['Mod+A'],
  run(store) {
    const g = store.getState().graph;
    const view = containerView(g);
    const ids = new Set<string>();
    for (const n of g.nodes) ids.add(view.owner.get(n.id) ?? n.id);
    store.getState().select(ids);
  },
};

export const deselect: Command = {
  id: 'edit.deselect',
  label: 'Clear the selection',
  keys: ['Escape'],
  enabled: hasSelection,
  run: (store) => store.getState().select([]),
};

export const EDIT_COMMANDS: readonly Command[] = [
  undo,
  redo,
  cut,
  copy,
  paste,
  duplicate,
  deleteSelection,
  selectAll,
  deselect,
];
