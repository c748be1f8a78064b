import type { StateCreator } from 'zustand';
import type { EditorState } from './index';
import { visibleSelection } from './visibleSelection';

/**
 * Canvas selection: graph node ids, `m:<module>` for containers, edge ids. Not history. It only
 * ever holds what the canvas draws (see visibleSelection): a hidden layer stands for its container.
 */
export interface SelectionSlice {
  selection: ReadonlySet<string>;
  select(ids: Iterable<string>): void;
  /** Add or remove single ids (React Flow's select changes). */
  toggleSelected(changes: { id: string; selected: boolean }[]): void;
}

export const createSelectionSlice: StateCreator<EditorState, [], [], SelectionSlice> = (set, get) => ({
  selection: new Set(),
  select: (ids) => set({ selection: visibleSelection(new Set(ids), get().graph) }),
  toggleSelected: (changes) =>
    set((s) => {
      const next = new Set(s.selection);
      let changed = false;
      for (const c of changes) {
        if (c.selected && !next.has(c.id)) {
          next.add(c.id);
          changed = true;
        }
        if (!c.selected && next.delete(c.id)) changed = true;
      }
      return changed ? { selection: visibleSelection(next, s.graph) } : {};
    }),
});
