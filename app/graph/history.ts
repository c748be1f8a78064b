import type { Graph } from './types';

/**
 * Undo/redo over document snapshots (as tldraw's HistoryManager, without its diffing: Graphs are
 * immutable and share structure, so a snapshot costs one reference). Only the document is history;
 * selection and viewport live elsewhere in the store. Immutable: every function returns a new
 * History (or the same one when nothing changes), so a zustand store can hold it as a value.
 *
 * A transaction (`begin` ... `end`) squashes every change in between into one undo step: a whole
 * drag, or a typed number, is one step. `cancel` rolls the document back to where `begin` was.
 */
export interface History {
  readonly past: readonly Graph[];
  readonly present: Graph;
  readonly future: readonly Graph[];
  /** The document when the open transaction began; null when none is open. */
  readonly base: Graph | null;
  /** At most this many undo steps are kept (the oldest are dropped). */
  readonly limit: number;
}

export const DEFAULT_HISTORY_LIMIT = 200;

export function createHistory(graph: Graph, limit = DEFAULT_HISTORY_LIMIT): History {
  return { past: [], present: graph, future: [], base: null, limit: Math.max(1, Math.floor(limit)) };
}

function pushPast(h: History, snapshot: Graph): readonly Graph[] {
  const past = [...h.past, snapshot];
  return past.length > h.limit ? past.slice(past.length - h.limit) : past;
}

/** Records an edit. Inside a transaction only the present changes; a no-op edit (same object) records nothing. */
export function commit(h: History, next: Graph): History {
  if (next === h.present) return h;
  if (h.base !== null) return { ...h, present: next };
  return { ...h, past: pushPast(h, h.present), present: next, future: [] };
}

/** Opens a transaction (a mark). Already open: unchanged, the outer one continues. */
export function begin(h: History): History {
  return h.base !== null ? h : { ...h, base: h.present };
}

/** Closes the transaction: everything since `begin` becomes one undo step (none when nothing changed). */
export function end(h: History): History {
  if (h.base === null) return h;
  if (h.base === h.present) return { ...h, base: null };
  return { ...h, past: pushPast(h, h.base), future: [], base: null };
}

/** Abandons the transaction: the document returns to what it was at `begin`. */
export function cancel(h: History): History {
  if (h.base === null) return h;
  return { ...h, present: h.base, base: null };
}

export function canUndo(h: History): boolean {
  return h.past.length > 0 || (h.base !== null && h.base !== h.present);
}

export function canRedo(h: History): boolean {
  return h.base === null && h.future.length > 0;
}

/** Steps back one change (an open transaction is closed first, so it is what gets undone). */
export function undo(h: History): History {
  const closed = end(h);
  if (closed.past.length === 0) return closed;
  const past = closed.past.slice(0, -1);
  return { ...closed, past, present: closed.past[closed.past.length - 1], future: [closed.present, ...closed.future] };
}

export function redo(h: History): History {
  if (!canRedo(h)) return h;
  const [next, ...future] = h.future;
  return { ...h, past: pushPast(h, h.present), present: next, future };
}

/** Starts over from a document (open, new project): nothing to undo. */
export function reset(h: History, graph: Graph): History {
  return createHistory(graph, h.limit);
}
