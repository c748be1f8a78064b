import type { Command } from './types';
import { commandContext } from './context';
import { autoLayout } from '../canvas/layout';

export const fitView: Command = {
  id: 'view.fit',
  label: 'Fit view',
  keys: ['F'],
  run: (store) => store.getState().requestFit(true),
};

/** Auto-layout (elkjs) in the current direction, or the one given; one undo step. */
export const layout: Command<'view.layout'> = {
  id: 'view.layout',
  label: 'Auto-layout',
  keys: ['Mod+Shift+L'],
  async run(store, args) {
    const direction = args.direction ?? store.getState().direction;
    store.getState().setDirection(direction);
    const before = store.getState().graph;
    const next = await autoLayout(before, direction);
    if (store.getState().graph !== before) return; // the document changed meanwhile: do not overwrite it
    if (!next.ok) {
      store.getState().notify(next.error, true);
      return;
    }
    store.getState().edit(direction === 'DOWN' ? 'Layout top-down' : 'Layout left-right', () => next.value);
    store.getState().requestFit(true);
  },
};

export const toggleDirection: Command = {
  id: 'view.direction',
  label: 'Switch layout direction (top-down / left-right)',
  run: (store) => layout.run(store, { direction: store.getState().direction === 'DOWN' ? 'RIGHT' : 'DOWN' }),
};

export const toggleTheme: Command = {
  id: 'view.theme',
  label: 'Toggle dark / light theme',
  keys: ['Mod+Shift+T'],
  run: (store) => store.getState().setTheme(store.getState().theme === 'dark' ? 'light' : 'dark'),
};

export const zoomIn: Command = {
  id: 'view.zoomIn',
  label: 'Zoom in',
  keys: ['Mod+='],
  run: () => {
    void commandContext.flow?.zoomIn({ duration: 150 });
  },
};

export const zoomOut: Command = {
  id: 'view.zoomOut',
  label: 'Zoom out',
  keys: ['Mod+-'],
  run: () => {
    void commandContext.flow?.zoomOut({ duration: 150 });
  },
};

export const zoomReset: Command = {
  id: 'view.zoomReset',
  label: 'Actual size',
  keys: ['Mod+0'],
  run: () => {
    void commandContext.flow?.zoomTo(1, { duration: 150 });
  },
};

export const searchPalette: Command = {
  id: 'palette.search',
  label: 'Search layers',
  keys: ['/'],
  run: (store) => {
    // Focus now (not after the next render), so the keys typed right after `/` land in the search.
    if (typeof document !== 'undefined')
      document.querySelector<HTMLInputElement>('[data-testid=palette-search]')?.focus();
    store.getState().focusPalette();
  },
};

export const showShortcuts: Command = {
  id: 'help.shortcuts',
  label: 'Keyboard shortcuts',
  keys: ['?', 'F1'],
  run: (store) => store.getState().setShortcutsOpen(true),
};
