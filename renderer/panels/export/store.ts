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
