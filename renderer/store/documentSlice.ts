import type { StateCreator } from 'zustand';
import type { Graph } from '../../app/graph/types';
import type { Result } from '../../app/result';
import { emptyProject } from '../../app/graph/schema';
import type { EditorState } from './index';

/** One undo step: the document before and after, and a label for menus ("Add Conv2d"). */
export interface Step {
  before: Graph;
  after: Graph;
  label: string;
  /** Consecutive edits with the same merge key (typing in one field) squash into one step. */
  merge?: string;
}

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
  graph: Graph;
  past: Step[];
  future: Step[];
  /** Bumped on every document change; `savedVersion` is the version last written to disk. */
  version: number;
  savedVersion: number;
  lastSavedAt: number | null;
  file: FileInfo;
  /** The document when a drag began (a whole drag is one undo step). */
  dragStart: Graph | null;
  /**
   * Apply a document change as one undo step. `fn` returns the new Graph, or an error Result
   * (shown as a notice; the document is unchanged). Returns whether the change happened.
   */
  edit(label: string, fn: (g: Graph) => Graph | Result<Graph>, options?: EditOptions): boolean;
  undo(): void;
  redo(): void;
  beginDrag(): void;
  /** A document change during a drag: no history of its own. */
  dragTo(graph: Graph): void;
  endDrag(label: string): void;
  /** Replace the whole document (open, new, template, restore): history starts over. */
  load(graph: Graph, file: FileInfo, dirty?: boolean): void;
  markSaved(version: number, file: FileInfo): void;
}

const HISTORY_LIMIT = 500;
const isResult = (v: Graph | Result<Graph>): v is Result<Graph> => 'ok' in v && typeof (v as { ok: unknown }).ok === 'boolean';

export const createDocumentSlice: StateCreator<EditorState, [], [], DocumentSlice> = (set, get) => ({
  graph: emptyProject(),
  past: [],
  future: [],
  version: 0,
  savedVersion: 0,
  lastSavedAt: null,
  file: { path: null, name: 'untitled.netloom.json' },
  dragStart: null,

  edit(label, fn, options = {}) {
    const s = get();
    const out = fn(s.graph);
    let next: Graph;
    if (isResult(out)) {
      if (!out.ok) { s.notify(out.error, true); return false; }
      next = out.value;
    } else next = out;
    if (next === s.graph) return false;
    const last = s.past[s.past.length - 1];
    const squash = options.merge !== undefined && last?.merge === options.merge && s.future.length === 0;
    const step: Step = squash ? { ...last, after: next } : { before: s.graph, after: next, label, merge: options.merge };
    const past = squash ? [...s.past.slice(0, -1), step] : [...s.past, step].slice(-HISTORY_LIMIT);
    set({
      graph: next, past, future: [], version: s.version + 1,
      ...(options.select ? { selection: new Set(options.select) } : { selection: prune(s.selection, next) }),
    });
    return true;
  },

  undo() {
    const s = get();
    const step = s.past[s.past.length - 1];
    if (!step) return;
    set({ graph: step.before, past: s.past.slice(0, -1), future: [step, ...s.future], version: s.version + 1, selection: prune(s.selection, step.before) });
  },

  redo() {
    const s = get();
    const step = s.future[0];
    if (!step) return;
    set({ graph: step.after, past: [...s.past, { ...step, merge: undefined }], future: s.future.slice(1), version: s.version + 1, selection: prune(s.selection, step.after) });
  },

  beginDrag: () => set((s) => (s.dragStart ? {} : { dragStart: s.graph })),
  dragTo: (graph) => set({ graph }),
  endDrag(label) {
    const s = get();
    if (!s.dragStart) return;
    if (s.dragStart === s.graph) { set({ dragStart: null }); return; }
    const step: Step = { before: s.dragStart, after: s.graph, label };
    set({ dragStart: null, past: [...s.past, step].slice(-HISTORY_LIMIT), future: [], version: s.version + 1 });
  },

  load: (graph, file, dirty = false) =>
    set((s) => ({ graph, file, past: [], future: [], version: s.version + 1, savedVersion: dirty ? -1 : s.version + 1, selection: new Set(), dragStart: null })),

  markSaved: (version, file) => set({ savedVersion: version, file, lastSavedAt: Date.now() }),
});

/** Drop selected ids that no longer exist in the document. */
function prune(selection: ReadonlySet<string>, g: Graph): ReadonlySet<string> {
  if (selection.size === 0) return selection;
  const ids = new Set<string>([...g.nodes.map((n) => n.id), ...g.edges.map((e) => e.id), ...g.modules.map((m) => `m:${m.id}`)]);
  const next = [...selection].filter((id) => ids.has(id));
  return next.length === selection.size ? selection : new Set(next);
}
