import type { StateCreator } from 'zustand';
import type { EditorState } from './index';

export type Theme = 'dark' | 'light';
export type Direction = 'DOWN' | 'RIGHT';

/** View state: never part of the document, never in history. */
export interface UiSlice {
  theme: Theme;
  direction: Direction;
  paletteQuery: string;
  paletteFocusTick: number;
  groupDialog: boolean;
  /** The keyboard shortcut overlay (`?`, F1, the help button, Electron's Help menu). */
  shortcutsOpen: boolean;
  setShortcutsOpen(open: boolean): void;
  /**
   * A request to fit the whole document into the canvas (opened a file, Fit, Layout): the canvas
   * does it after it has drawn the document the request came with (see Canvas). Counts requests.
   */
  fitRequest: { tick: number; animate: boolean };
  requestFit(animate?: boolean): void;
  /** A short message shown in the status bar (an error a person caused, or what just happened). */
  notice: { text: string; error: boolean; at: number } | null;
  backend: string | null;
  recovery: { projectKey: string; savedAt: string } | null;
  /** Why structural edits are refused right now (a training run uses the graph), or null. */
  editLock: string | null;
  setEditLock(reason: string | null): void;
  setTheme(theme: Theme): void;
  setDirection(direction: Direction): void;
  setPaletteQuery(q: string): void;
  focusPalette(): void;
  setGroupDialog(open: boolean): void;
  notify(text: string, error?: boolean): void;
  setBackend(name: string | null): void;
  setRecovery(r: UiSlice['recovery']): void;
}

export const createUiSlice: StateCreator<EditorState, [], [], UiSlice> = (set) => ({
  theme: 'dark',
  direction: 'DOWN',
  paletteQuery: '',
  paletteFocusTick: 0,
  groupDialog: false,
  shortcutsOpen: false,
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  fitRequest: { tick: 0, animate: false },
  requestFit: (animate = false) => set((s) => ({ fitRequest: { tick: s.fitRequest.tick + 1, animate } })),
  notice: null,
  backend: null,
  recovery: null,
  editLock: null,
  // A run taking the graph makes a notice about the time before it stale ("Training stopped …; the graph
  // can be edited again", "Opened …"): it goes. Errors stay until the next notice.
  setEditLock: (editLock) =>
    set((s) => ({ editLock, notice: editLock && s.notice && !s.notice.error ? null : s.notice })),
  setTheme: (theme) => set({ theme }),
  setDirection: (direction) => set({ direction }),
  setPaletteQuery: (paletteQuery) => set({ paletteQuery }),
  focusPalette: () => set((s) => ({ paletteFocusTick: s.paletteFocusTick + 1 })),
  setGroupDialog: (groupDialog) => set({ groupDialog }),
  notify: (text, error = false) => set({ notice: { text, error, at: Date.now() } }),
  setBackend: (backend) => set({ backend }),
  setRecovery: (recovery) => set({ recovery }),
});
