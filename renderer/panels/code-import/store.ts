/** Whether the PyTorch code import dialog is open, and for what: a .py file the person chose, or pasted code. */
import { create } from 'zustand';

export interface CodeImportState {
  open: boolean;
  /** A .py file (Import… chose it); null: the person pastes the code. */
  path: string | null;
  /** Pasted code (prefilled from the clipboard where the browser allows). */
  text: string;
  openFor(path: string | null, text?: string): void;
  setText(text: string): void;
  close(): void;
}

export const useCodeImport = create<CodeImportState>((set) => ({
  open: false,
  path: null,
  text: '',
  openFor: (path, text = '') => set({ open: true, path, text }),
  setText: (text) => set({ text }),
  close: () => set({ open: false }),
}));
