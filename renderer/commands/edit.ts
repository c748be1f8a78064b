import type { Command } from './types';
import type { EditorStore } from '../store';
import { selectedItems } from './selection';
import { removeItems } from '../edits/nodeEdits';
import { copyItems, pasteClip, type Clip } from '../edits/clipboard';
import { containerView } from '../canvas/containers';

/** The editor's clipboard (kept in memory: a pasted network keeps its ids apart from the source). */
let clip: Clip | null = null;
let pasteCount = 0;

const hasSelection = (store: EditorStore) => store.getState().selection.size > 0;

export const undo: Command = {
  id: 'edit.undo', label: 'Undo', keys: ['Mod+Z'],
  enabled: (s) => s.getState().past.length > 0,
  run: (s) => s.getState().undo(),
};

export const redo: Command = {
  id: 'edit.redo', label: 'Redo', keys: ['Mod+Shift+Z', 'Mod+Y'],
  enabled: (s) => s.getState().future.length > 0,
  run: (s) => s.getState().redo(),
};

export const deleteSelection: Command = {
  id: 'edit.delete', label: 'Delete', keys: ['Delete', 'Backspace'], enabled: hasSelection,
  run(store) {
    const { graph, selection, edit } = store.getState();
    const sel = selectedItems(graph, selection);
    edit('Delete', (g) => removeItems(g, new Set(sel.nodes), new Set(sel.edges), new Set(sel.modules)), { select: [] });
  },
};

export const copy: Command = {
  id: 'edit.copy', label: 'Copy', keys: ['Mod+C'], enabled: hasSelection,
  run(store) {
    const { graph, selection } = store.getState();
    const sel = selectedItems(graph, selection);
    clip = copyItems(graph, sel.nodes, sel.modules);
    pasteCount = 0;
  },
};

export const cut: Command = {
  id: 'edit.cut', label: 'Cut', keys: ['Mod+X'], enabled: hasSelection,
  run(store) {
    void copy.run(store, {});
    const { graph, selection, edit } = store.getState();
    const sel = selectedItems(graph, selection);
    edit('Cut', (g) => removeItems(g, new Set(sel.nodes), new Set(sel.edges), new Set(sel.modules)), { select: [] });
  },
};

export const paste: Command = {
  id: 'edit.paste', label: 'Paste', keys: ['Mod+V'],
  enabled: () => clip !== null && clip.nodes.length > 0,
  run(store) {
    if (!clip) return;
    const c = clip;
    pasteCount++;
    const shift = 40 * pasteCount;
    let ids: string[] = [];
    store.getState().edit('Paste', (g) => { const r = pasteClip(g, c, { x: shift, y: shift }); ids = r.ids; return r.graph; });
    store.getState().select(ids);
  },
};

export const duplicate: Command = {
  id: 'edit.duplicate', label: 'Duplicate', keys: ['Mod+D'], enabled: hasSelection,
  run(store) {
    const { graph, selection } = store.getState();
    const sel = selectedItems(graph, selection);
    const c = copyItems(graph, sel.nodes, sel.modules);
    let ids: string[] = [];
    store.getState().edit('Duplicate', (g) => { const r = pasteClip(g, c, { x: 40, y: 40 }); ids = r.ids; return r.graph; });
    store.getState().select(ids);
  },
};

export const selectAll: Command = {
  id: 'edit.selectAll', label: 'Select all', keys: ['Mod+A'],
  run(store) {
    const g = store.getState().graph;
    const view = containerView(g);
    const ids = new Set<string>();
    for (const n of g.nodes) ids.add(view.owner.get(n.id) ?? n.id);
    store.getState().select(ids);
  },
};

export const EDIT_COMMANDS: readonly Command[] = [undo, redo, cut, copy, paste, duplicate, deleteSelection, selectAll];
