import { createStore, useStore, type StoreApi } from 'zustand';
import { createDocumentSlice, type DocumentSlice } from './documentSlice';
import { createSelectionSlice, type SelectionSlice } from './selectionSlice';
import { createUiSlice, type UiSlice } from './uiSlice';

export type EditorState = DocumentSlice & SelectionSlice & UiSlice;
export type EditorStore = StoreApi<EditorState>;

/** A fresh editor store (tests make their own; the app uses `editorStore`). */
export function createEditorStore(): EditorStore {
  return createStore<EditorState>()((...a) => ({
    ...createDocumentSlice(...a),
    ...createSelectionSlice(...a),
    ...createUiSlice(...a),
  }));
}

export const editorStore = createEditorStore();

/** Read the editor store through a small selector (re-renders only when the selected value changes). */
export function useEditor<T>(selector: (s: EditorState) => T): T {
  return useStore(editorStore, selector);
}
