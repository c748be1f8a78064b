import type { StateCreator } from 'zustand';
import type { Graph } from '../../app/graph/types';
import type { Result } from '../../app/result';
import { emptyProject } from '../../app/graph/schema';
import * as history from '../../app/graph/history';
import type { EditorState } from './index';
import { visibleSelection } from './visibleSelection';

export interface FileInfo {
  /** Host path or handle of the project file; null until first saved. */
  path: string | null;
  name: string;
}

export interface EditOptions {
  /** Squash into the previous step when it has the same key (typing digits into one field). */
  merge?: string;
  /** Keep the current selection (default: keep it). Pass ids to select instead. */
  select?: string[];
}

export interface DocumentSlice {
  /** The document (always `history.present`, kept apart for small selectors). */
  graph: Graph;
  history: history.History;
  /** The open typing transaction (consecutive edits with this key are one undo step). */
  mergeKey: string | null;
  /** Bumped on every document change; `savedVersion` is the version last written to disk. */
  version: number;
  savedVersion: number;
  lastSavedAt: number | null;
  file: FileInfo;
  /** A drag is under way (its moves are one undo step, closed by endDrag). */
  dragging: boolean;
  /**
   * Apply a document change as one undo step. `fn` returns the new Graph, or an error Result
   * (shown as a notice that starts with `label`, the action's name; the document is unchanged).
   * Returns whether the change happened.
   */
  edit(label: string, fn: (g: Graph) => Graph | Result<Graph>, options?: EditOptions): boolean;
  undo(): void;
  redo(): void;
  beginDrag(): void;
  /** A document change during a drag: no history of its own. */
  dragTo(graph: Graph): void;
  endDrag(): void;
  /** Replace the whole document (open, new, template, restore): history starts over. */
  load(graph: Graph, file: FileInfo, dirty?: boolean): void;
  markSaved(version: number, file: FileInfo): void;
}

const isResult = (v: Graph | Result<Graph>): v is Result<Graph> =>
  'ok' in v && typeof (v as { ok: unknown }).ok === 'boolean';

export const createDocumentSlice: StateCreator<EditorState, [], [], DocumentSlice> = (set, get) => {
  const initial = emptyProject();
  /** Close an open typing transaction unless the next edit continues it. */
  const settle = (h: history.History, key: string | null, next: string | null): history.History =>
    key !== null && key !== next ? history.end(h) : h;
  return {
    graph: initial,
    history: history.createHistory(initial, 500),
    mergeKey: null,
    version: 0,
    savedVersion: 0,
    lastSavedAt: null,
    file: { path: null, name: 'untitled.netloom.json' },
    dragging: false,

    edit(label, fn, options = {}) {
      const s = get();
      if (s.editLock) {
        s.notify(s.editLock, true);
        return false;
      }
      const out = fn(s.graph);
      let next: Graph;
      if (isResult(out)) {
        // A refused edit names the action: "Group: select at least two nodes".
        if (!out.ok) {
          s.notify(`${label}: ${out.error}`, true);
          return false;
        }
        next = out.value;
      } else next = out;
      if (next === s.graph) return false;
      const merge = options.merge ?? null;
      let h = settle(s.history, s.mergeKey, merge);
      if (merge !== null && s.mergeKey !== merge) h = history.begin(h);
      h = history.commit(h, next);
      set({
        history: h,
        graph: h.present,
        mergeKey: merge,
        version: s.version + 1,
        selection: visibleSelection(options.select ? new Set(options.select) : s.selection, next),
      });
      return true;
    },

    undo() {
      const s = get();
      if (s.editLock) {
        s.notify(s.editLock, true);
        return;
      }
      const h = history.undo(history.end(s.history));
      if (h.present === s.graph) return;
      set({
        history: h,
        graph: h.present,
        mergeKey: null,
        version: s.version + 1,
        selection: visibleSelection(s.selection, h.present),
      });
    },

    redo() {
      const s = get();
      if (s.editLock) {
        s.notify(s.editLock, true);
        return;
      }
      const h = history.redo(history.end(s.history));
      if (h.present === s.graph) return;
      set({
        history: h,
        graph: h.present,
        mergeKey: null,
        version: s.version + 1,
        selection: visibleSelection(s.selection, h.present),
      });
    },

    beginDrag() {
      const s = get();
      if (s.dragging) return;
      set({ dragging: true, mergeKey: null, history: history.begin(settle(s.history, s.mergeKey, null)) });
    },
    dragTo(graph) {
      const s = get();
      const h = history.commit(s.history, graph);
      set({ history: h, graph: h.present });
    },
    endDrag() {
      const s = get();
      if (!s.dragging) return;
      const h = history.end(s.history);
      set({ dragging: false, history: h, version: h.past !== s.history.past ? s.version + 1 : s.version });
    },

    load: (graph, file, dirty = false) =>
      set((s) => ({
        graph,
        file,
        history: history.reset(s.history, graph),
        mergeKey: null,
        dragging: false,
        version: s.version + 1,
        savedVersion: dirty ? -1 : s.version + 1,
        selection: new Set(),
        // A notice was about the document it replaced ("Opened a.netloom.json"): it goes with it.
        notice: null,
      })),

    markSaved: (version, file) => set({ savedVersion: version, file, lastSavedAt: Date.now() }),
  };
};
