/** Helpers for the graph tests (plain TypeScript, no test runner import, so the core's tsconfig accepts it). */
import type { Result } from '../result';
import { commit, createHistory, redo, undo } from './history';
import { parseProjectText, serializeProject } from './schema';
import type { Graph } from './types';

/** Test helper: the value of an ok Result (fails the test with the error otherwise). */
export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got error: ${r.error}`);
  return r.value;
}

/** The error of a refused Result. */
export function refused<T>(r: Result<T>): string {
  if (r.ok) throw new Error('expected the edit to be refused');
  return r.error;
}

/** The edited document still opens as a project file, and undo/redo move between the two states. */
export function checkEdit(before: Graph, after: Graph): void {
  const reopened = parseProjectText(serializeProject(after), 'edited.netloom.json');
  if (!reopened.ok) throw new Error(reopened.error);
  if (serializeProject(reopened.value) !== serializeProject(after))
    throw new Error('the edited document changes when saved and reopened');
  const h = commit(createHistory(before), after);
  const back = undo(h);
  if (back.present !== before) throw new Error('undo did not return the document before the edit');
  if (redo(back).present !== after) throw new Error('redo did not return the edited document');
}
