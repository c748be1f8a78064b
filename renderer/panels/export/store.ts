/** Whether the export dialog is open, and the state of the export it runs. */
import { create } from 'zustand';

export type ExportPhase = 'idle' | 'running' | 'done' | 'error';

export interface ExportState {
  open: boolean;
  phase: ExportPhase;
  log: string[];
  files: string[];
  outDir: string | null;
  error: string | null;
  setOpen(open: boolean): void;
  begin(): void;
  line(message: string): void;
  finish(r: { outDir: string; files: string[] } | { error: string }): void;
}

export const useExport = create<ExportState>((set) => ({
  open: false,
  phase: 'idle',
  log: [],
  files: [],
  outDir: null,
  error: null,
  setOpen: (open) => set(open ? { open, phase: 'idle', log: [], files: [], error: null, outDir: null } : { open }),
  begin: () => set({ phase: 'running', log: [], files: [], error: null, outDir: null }),
  line: (message) => set((s) => ({ log: [...s.log.slice(-200), message] })),
  finish: (r) =>
    set('error' in r ? { phase: 'error', error: r.error } : { phase: 'done', files: r.files, outDir: r.outDir }),
}));

/**
 * The import dialog after an ONNX import failed on an operator without a Netloom kind: the file,
 * that error (operator, node, closest kinds), and the error of the partial import if that failed too.
 */
export interface ImportErrorState {
  path: string | null;
  message: string;
  /** The partial import's own error (an operator with several outputs, or no recorded shape). */
  partialError: string | null;
  busy: boolean;
  openFor(path: string, message: string): void;
  setBusy(busy: boolean): void;
  fail(message: string): void;
  close(): void;
}

export const useImportError = create<ImportErrorState>((set) => ({
  path: null,
  message: '',
  partialError: null,
  busy: false,
  openFor: (path, message) => set({ path, message, partialError: null, busy: false }),
  setBusy: (busy) => set({ busy }),
  fail: (message) => set({ partialError: message, busy: false }),
  close: () => set({ path: null, message: '', partialError: null, busy: false }),
}));
