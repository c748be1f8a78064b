import type { Graph } from '../../app/graph/types';
import { emptyProject, parseProjectText, serializeProject } from '../../app/graph/schema';
import { buildTemplate } from '../../app/templates';
import { layoutTopDown } from '../../app/templates/layout';
import type { Command } from './types';
import type { EditorStore } from '../store';
import { autoLayout } from '../canvas/layout';

const FILTERS = [{ name: 'Netloom project', extensions: ['json'] }];

/** Ask before throwing away unsaved changes. */
export function confirmDiscard(store: EditorStore): boolean {
  const s = store.getState();
  if (s.version === s.savedVersion) return true;
  if (typeof window === 'undefined' || typeof window.confirm !== 'function') return true;
  return window.confirm(`${s.file.name} has unsaved changes. Discard them?`);
}

async function host() {
  const { getHost } = await import('../host');
  return getHost();
}

/** Load a graph as a fresh document, laid out so collapsed containers sit where they are drawn. */
export async function loadGraph(
  store: EditorStore,
  graph: Graph,
  file: { path: string | null; name: string },
  relayout: boolean,
  dirty = false,
) {
  const laid =
    relayout && graph.modules.some((m) => m.collapsed) ? await autoLayout(graph, store.getState().direction) : null;
  store.getState().load(laid?.ok ? laid.value : graph, file, dirty);
  store.getState().requestFit();
}

/**
 * Whether every node sits where Netloom's generators put it (`netloom new`, `netloom import`:
 * app/templates/layout.ts), i.e. the file was never laid out on the canvas. Such a file is laid out
 * on open like a template from the gallery, so its collapsed containers do not leave gaps.
 */
export function hasGeneratedLayout(graph: Graph): boolean {
  const at = layoutTopDown(graph);
  return graph.nodes.every((n) => {
    const p = at.get(n.id);
    return p !== undefined && p.x === n.position.x && p.y === n.position.y;
  });
}

export const newProject: Command = {
  id: 'file.new',
  label: 'New project',
  keys: ['Mod+N'],
  run(store) {
    if (!confirmDiscard(store)) return;
    store.getState().load(emptyProject(), { path: null, name: 'untitled.netloom.json' });
    store.getState().requestFit();
  },
};

export const openTemplate: Command<'file.template'> = {
  id: 'file.template',
  label: 'New from template',
  async run(store, args) {
    if (!confirmDiscard(store)) return;
    const r = buildTemplate(args.name);
    if (!r.ok) {
      store.getState().notify(r.error, true);
      return;
    }
    await loadGraph(store, r.value, { path: null, name: `${args.name}.netloom.json` }, true);
  },
};

export const openProject: Command<'file.open'> = {
  id: 'file.open',
  label: 'Open…',
  keys: ['Mod+O'],
  async run(store, args) {
    if (!confirmDiscard(store)) return;
    const h = await host();
    let path = args.path ?? null;
    if (!path) {
      const chosen = await h.invoke('dialog.openFile', { title: 'Open project', filters: FILTERS });
      if (!chosen.ok) {
        store.getState().notify(chosen.error.message, true);
        return;
      }
      if (!chosen.value) return;
      path = chosen.value.path;
    }
    const opened = await h.invoke('project.open', { path });
    if (!opened.ok) {
      store.getState().notify(opened.error.message, true);
      return;
    }
    const parsed = parseProjectText(opened.value.text, opened.value.name);
    if (!parsed.ok) {
      store.getState().notify(parsed.error, true);
      return;
    }
    await loadGraph(
      store,
      parsed.value,
      { path: opened.value.path, name: opened.value.name },
      hasGeneratedLayout(parsed.value),
    );
    store.getState().notify(`Opened ${opened.value.name}`);
  },
};

async function afterSave(store: EditorStore, version: number, saved: { path: string; name: string }, key: string) {
  store.getState().markSaved(version, { path: saved.path, name: saved.name });
  store.getState().notify(`Saved ${saved.name}`);
  const h = await host();
  await h.invoke('autosave.discard', { projectKey: key });
}

export const saveAs: Command = {
  id: 'file.saveAs',
  label: 'Save as…',
  keys: ['Mod+Shift+S'],
  async run(store) {
    const s = store.getState();
    const version = s.version;
    const key = projectKey(store);
    const h = await host();
    const r = await h.invoke('project.saveAs', { text: serializeProject(s.graph), suggestedName: s.file.name });
    if (!r.ok) {
      store.getState().notify(r.error.message, true);
      return;
    }
    if (r.value) await afterSave(store, version, r.value, key);
  },
};

export const save: Command = {
  id: 'file.save',
  label: 'Save',
  keys: ['Mod+S'],
  async run(store) {
    const s = store.getState();
    if (!s.file.path) return saveAs.run(store, {});
    const version = s.version;
    const key = projectKey(store);
    const h = await host();
    const r = await h.invoke('project.save', { path: s.file.path, text: serializeProject(s.graph) });
    if (!r.ok) {
      store.getState().notify(r.error.message, true);
      return;
    }
    await afterSave(store, version, r.value, key);
  },
};

let sessionKey: string | null = null;
/** The recovery-file key of the open document: its path, or one key per unsaved session. */
export function projectKey(store: EditorStore): string {
  const path = store.getState().file.path;
  if (path) return path;
  sessionKey ??= `untitled-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
  return sessionKey;
}

export const FILE_COMMANDS: readonly Command[] = [newProject, openTemplate, openProject, save, saveAs];
