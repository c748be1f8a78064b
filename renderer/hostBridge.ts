import { useEffect } from 'react';
import { parseProjectText, serializeProject } from '../app/graph/schema';
import { editorStore } from './store';
import { runCommand } from './commands/registry';
import type { PlainCommandId } from './commands/types';
import type { MenuCommand } from '../app/protocol';
import { loadGraph, projectKey } from './commands/file';
import { getHost } from './host';

/**
 * The command each Electron menu item runs (the `app.command` event, validated at the IPC boundary
 * by app/protocol/events.ts): a plain command, or file.open / view.layout, whose arguments are optional.
 */
const MENU_TO_COMMAND: Record<MenuCommand, PlainCommandId | 'file.open' | 'view.layout'> = {
  'file.new': 'file.new',
  'file.open': 'file.open',
  'file.openRecent': 'file.open',
  'file.save': 'file.save',
  'file.saveAs': 'file.saveAs',
  'edit.undo': 'edit.undo',
  'edit.redo': 'edit.redo',
  'edit.duplicate': 'edit.duplicate',
  'edit.selectAll': 'edit.selectAll',
  'edit.delete': 'edit.delete',
  'edit.group': 'module.group',
  'edit.ungroup': 'module.ungroup',
  'view.fit': 'view.fit',
  'view.zoomIn': 'view.zoomIn',
  'view.zoomOut': 'view.zoomOut',
  'view.zoomReset': 'view.zoomReset',
  'view.toggleTheme': 'view.theme',
  'view.autoLayout': 'view.layout',
  'train.start': 'train.start',
  'train.stop': 'train.stop',
  'help.shortcuts': 'help.shortcuts',
};

/** Runs a menu command; `path` (File > Open Recent) goes to file.open. */
function runMenuCommand(command: MenuCommand, path: string | undefined): void {
  const id = MENU_TO_COMMAND[command];
  void (id === 'file.open' ? runCommand(id, path ? { path } : {}) : runCommand(id));
}
const AUTOSAVE_MS = 2000;
const THEME_KEY = 'netloom.theme';

/** Restore the recovery file the banner offers. */
export async function restoreRecovery(): Promise<void> {
  const r = editorStore.getState().recovery;
  if (!r) return;
  const host = getHost();
  const got = await host.invoke('autosave.restore', { projectKey: r.projectKey });
  editorStore.getState().setRecovery(null);
  if (!got.ok) {
    editorStore.getState().notify(got.error.message, true);
    return;
  }
  const parsed = parseProjectText(got.value.text, 'recovered project');
  if (!parsed.ok) {
    editorStore.getState().notify(parsed.error, true);
    return;
  }
  const path = got.value.path ?? null;
  await loadGraph(
    editorStore,
    parsed.value,
    { path, name: path ? (path.split(/[\\/]/).pop() ?? path) : 'recovered.netloom.json' },
    false,
    true,
  );
  await host.invoke('autosave.discard', { projectKey: r.projectKey });
  editorStore.getState().notify('Restored unsaved work');
}

export async function discardRecovery(): Promise<void> {
  const r = editorStore.getState().recovery;
  editorStore.getState().setRecovery(null);
  if (r) await getHost().invoke('autosave.discard', { projectKey: r.projectKey });
}

/** Wires the store to the host: menu commands, backend name, title and dirty marker, autosave, recovery offer. */
export function useHostBridge(): void {
  useEffect(() => {
    // The theme is a preference of this browser/profile, not of the document.
    const saved = localStorage.getItem(THEME_KEY);
    const prefersLight = window.matchMedia?.('(prefers-color-scheme: light)').matches;
    editorStore.getState().setTheme(saved === 'light' || saved === 'dark' ? saved : prefersLight ? 'light' : 'dark');
    const stopTheme = editorStore.subscribe((s, prev) => {
      if (s.theme !== prev.theme) localStorage.setItem(THEME_KEY, s.theme);
    });
    return stopTheme;
  }, []);
  useEffect(() => {
    const host = getHost();
    const stops: (() => void)[] = [];
    void host.invoke('app.info').then((r) => {
      // WebGPU counts only on a hardware adapter, which the training worker finds out: name the first other rung.
      if (r.ok)
        editorStore
          .getState()
          .setBackend(r.value.backends.find((b) => b.available && b.name !== 'webgpu')?.name ?? null);
    });
    void host.invoke('autosave.list').then((r) => {
      if (r.ok && r.value.length > 0) {
        const newest = [...r.value].sort((a, b) => b.savedAt.localeCompare(a.savedAt))[0];
        editorStore.getState().setRecovery({ projectKey: newest.projectKey, savedAt: newest.savedAt });
      }
    });
    stops.push(host.on('app.command', ({ command, path }) => runMenuCommand(command, path)));
    stops.push(
      host.on('host.notice', ({ level, message }) => editorStore.getState().notify(message, level === 'error')),
    );

    let timer: ReturnType<typeof setTimeout> | undefined;
    let lastTitle = '';
    stops.push(
      editorStore.subscribe((s, prev) => {
        const dirty = s.version !== s.savedVersion;
        const title = `${dirty ? '● ' : ''}${s.file.name} — Netloom`;
        if (title !== lastTitle) {
          lastTitle = title;
          document.title = title;
          void host.invoke('window.setDocumentState', {
            dirty,
            title: s.file.name,
            ...(s.file.path ? { path: s.file.path } : {}),
          });
        }
        if (dirty && s.graph !== prev.graph && !s.dragging) {
          clearTimeout(timer);
          timer = setTimeout(() => {
            const cur = editorStore.getState();
            if (cur.version === cur.savedVersion) return;
            void host.invoke('autosave.write', {
              projectKey: projectKey(editorStore),
              text: serializeProject(cur.graph),
              ...(cur.file.path ? { path: cur.file.path } : {}),
            });
          }, AUTOSAVE_MS);
        }
      }),
    );
    const beforeUnload = (e: BeforeUnloadEvent) => {
      const s = editorStore.getState();
      if (s.version !== s.savedVersion) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', beforeUnload);
    stops.push(() => window.removeEventListener('beforeunload', beforeUnload));
    return () => {
      clearTimeout(timer);
      stops.forEach((f) => f());
    };
  }, []);
}
