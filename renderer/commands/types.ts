import type { EditorStore } from '../store';

export interface CommandArgs {
  [key: string]: unknown;
}

/** One user action: the same from the toolbar, a shortcut, the Electron menu and tests. */
export interface Command {
  id: string;
  label: string;
  /** Shortcuts in `Mod+Shift+Z` form (Mod = Ctrl, or Cmd on macOS); the first is shown in tooltips. */
  keys?: string[];
  /** Whether the command can run now (buttons grey out; shortcuts do nothing). */
  enabled?(store: EditorStore): boolean;
  run(store: EditorStore, args: CommandArgs): void | Promise<void>;
}
