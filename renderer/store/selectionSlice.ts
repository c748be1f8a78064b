import type { StateCreator } from 'zustand';
import type { EditorState } from './index';

/** Canvas selection: graph node ids, `m:<module>` for containers, edge ids. Not history. */
export interface SelectionSlice {
  selection: ReadonlySet<string>;
  select(ids: Iterable<string>): void;
  /** Add or remove single ids (React Flow's select changes). */
  toggleSelected(changes: { id: string; selected: boolean }[]): void;
}

export const createSelectionSlice: StateCreator<EditorState, [], [], SelectionSlice> = (set) => ({
  selection: new Set(),
  select: (ids) => set({ selection: new Set(ids) }),
  toggleSelected: (changes) =>
    set((s) => {
      const next = new Set(s.selection);
      let changed = false;
      for (const c of changes) {
        if (c.selected && !next.has(c.id)) { next.add(c.id); changed = true; }
        if (!c.selected && next.delete(c.id)) changed = true;
      }
      return changed ? { selection: next } : {};
    }),
});
