import type { Graph } from '../../app/graph/types';
import type { EditorStore } from '../store';
import { autoLayout } from '../canvas/layout';
import type { Command } from './types';
import { selectedItems } from './selection';
import { group, renameModule, setCollapsed, ungroup } from '../../app/graph/ops';

export const openGroupDialog: Command = {
  id: 'module.group',
  label: 'Group into Sequential / Module',
  keys: ['Mod+G'],
  enabled: (s) => s.getState().selection.size > 0,
  run: (s) => s.getState().setGroupDialog(true),
};

/** Called by the group dialog with the chosen kind and name. */
export const groupSelection: Command<'module.groupAs'> = {
  id: 'module.groupAs',
  label: 'Group',
  run(store, args) {
    const { graph, selection, edit } = store.getState();
    const sel = selectedItems(graph, selection);
    let id = '';
    const done = edit('Group', (g) => {
      const r = group(g, [...sel.nodes, ...sel.modules], {
        kind: args.kind,
        name: args.name,
        ...(args.className ? { className: args.className } : {}),
      });
      if (!r.ok) return r;
      id = r.value.id;
      return r.value.graph;
    });
    if (done) {
      store.getState().select([`m:${id}`]);
      store.getState().setGroupDialog(false);
    }
  },
};

export const ungroupSelection: Command = {
  id: 'module.ungroup',
  label: 'Ungroup',
  keys: ['Mod+Shift+G'],
  enabled: (s) => [...s.getState().selection].some((id) => id.startsWith('m:')),
  run(store) {
    const mods = [...store.getState().selection].filter((id) => id.startsWith('m:')).map((id) => id.slice(2));
    store.getState().edit(
      'Ungroup',
      (g) => {
        let cur = g;
        for (const m of mods) {
          const r = ungroup(cur, m);
          if (!r.ok) return r;
          cur = r.value;
        }
        return cur;
      },
      { select: [] },
    );
  },
};

export const toggleCollapse: Command<'module.toggle'> = {
  id: 'module.toggle',
  label: 'Collapse / expand container',
  keys: ['Mod+E'],
  async run(store, args) {
    const ids =
      args.moduleId !== undefined
        ? [args.moduleId]
        : [...store.getState().selection].filter((id) => id.startsWith('m:')).map((id) => id.slice(2));
    const g = store.getState().graph;
    const next = ids.reduce((cur, id) => {
      const m = cur.modules.find((x) => x.id === id);
      if (!m) return cur;
      const r = setCollapsed(cur, id, !m.collapsed);
      return r.ok ? r.value : cur;
    }, g);
    await relayout(store, g, next, 'Collapse / expand');
  },
};

export const renameContainer: Command<'module.rename'> = {
  id: 'module.rename',
  label: 'Rename container',
  run(store, args) {
    const { moduleId: id, name } = args;
    store.getState().edit('Rename container', (g) => renameModule(g, id, name), { merge: `mname:${id}` });
  },
};

const setAll =
  (collapsed: boolean): Command['run'] =>
  async (store) => {
    const g = store.getState().graph;
    if (!g.modules.some((m) => !!m.collapsed !== collapsed)) return;
    const next = {
      ...g,
      modules: g.modules.map((m) =>
        !!m.collapsed === collapsed ? m : collapsed ? { ...m, collapsed: true } : withoutCollapsed(m),
      ),
    };
    // What is drawn changes size as a whole (DenseNet-121 grows from 10 boxes to 432 layers): show
    // all of it, as opening a file does, instead of keeping a zoom chosen for the old drawing.
    if (await relayout(store, g, next, collapsed ? 'Collapse all' : 'Expand all')) store.getState().requestFit(true);
  };

/**
 * Collapsing or expanding changes what is drawn, so the canvas is laid out again in the same undo
 * step (an expanded container makes room for its contents). If layout fails, the toggle still applies.
 */
async function relayout(store: EditorStore, before: Graph, next: Graph, label: string): Promise<boolean> {
  if (next === before) return false;
  const laid = await autoLayout(next, store.getState().direction);
  if (store.getState().graph !== before) return false; // edited meanwhile: leave it
  store.getState().edit(label, () => (laid.ok ? laid.value : next));
  return true;
}

function withoutCollapsed<T extends { collapsed?: boolean }>(m: T): T {
  const { collapsed: _drop, ...rest } = m;
  return rest as T;
}

export const expandAll: Command = { id: 'module.expandAll', label: 'Expand all containers', run: setAll(false) };
export const collapseAll: Command = { id: 'module.collapseAll', label: 'Collapse all containers', run: setAll(true) };

export const MODULE_COMMANDS: readonly Command[] = [
  openGroupDialog,
  groupSelection,
  ungroupSelection,
  toggleCollapse,
  renameContainer,
  expandAll,
  collapseAll,
];
