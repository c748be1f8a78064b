/**
 * The application menu as plain data (no electron import, so tests read it). Items with a
 * `command` are sent to the renderer as `app.command`; items with a `role` are Electron's own
 * (clipboard, window, quit). Accelerators follow each platform's habits.
 *
 * Chromium gives a key press to the page first and to the menu only when the page did not
 * handle it (preventDefault, or a text field's own editing), so a shortcut the canvas handles
 * does not run twice, and one it leaves (focus elsewhere) still reaches it through the menu.
 * Single keys (F, Delete) are shown but not registered, so typing never triggers them.
 */
import type { MenuCommand } from '../../app/protocol';

export interface MenuSpec {
  label?: string;
  role?:
    | 'about'
    | 'services'
    | 'hide'
    | 'hideOthers'
    | 'unhide'
    | 'quit'
    | 'close'
    | 'cut'
    | 'copy'
    | 'paste'
    | 'minimize'
    | 'zoom'
    | 'front'
    | 'togglefullscreen'
    | 'toggleDevTools'
    | 'window'
    | 'appMenu'
    | 'windowMenu';
  type?: 'separator' | 'submenu';
  accelerator?: string;
  registerAccelerator?: boolean;
  command?: MenuCommand;
  /** For file.openRecent. */
  path?: string;
  enabled?: boolean;
  submenu?: MenuSpec[];
}

export interface RecentItem {
  path: string;
  name: string;
}

const sep: MenuSpec = { type: 'separator' };

export function menuTemplate(
  platform: NodeJS.Platform,
  recent: RecentItem[],
  opts: { devTools?: boolean } = {},
): MenuSpec[] {
  const mac = platform === 'darwin';
  const cmd = (label: string, command: MenuCommand, accelerator?: string): MenuSpec => ({
    label,
    command,
    accelerator,
  });
  const single = (label: string, command: MenuCommand, accelerator: string): MenuSpec => ({
    label,
    command,
    accelerator,
    registerAccelerator: false,
  });

  const recentMenu: MenuSpec[] = recent.length
    ? recent.map((r) => ({ label: r.name, command: 'file.openRecent' as const, path: r.path }))
    : [{ label: 'No recent files', enabled: false }];

  const file: MenuSpec = {
    label: '&File',
    submenu: [
      cmd('&New Project', 'file.new', 'CmdOrCtrl+N'),
      cmd('&Open…', 'file.open', 'CmdOrCtrl+O'),
      { label: 'Open &Recent', submenu: recentMenu },
      sep,
      cmd('&Save', 'file.save', 'CmdOrCtrl+S'),
      cmd('Save &As…', 'file.saveAs', 'CmdOrCtrl+Shift+S'),
      sep,
      { role: 'close', label: mac ? 'Close Window' : '&Close Window' },
      ...(mac ? [] : [{ role: 'quit' as const, label: 'E&xit', accelerator: 'Ctrl+Q' }]),
    ],
  };
  const edit: MenuSpec = {
    label: '&Edit',
    submenu: [
      cmd('&Undo', 'edit.undo', 'CmdOrCtrl+Z'),
      cmd('&Redo', 'edit.redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
      sep,
      { role: 'cut', label: 'Cu&t' },
      { role: 'copy', label: '&Copy' },
      { role: 'paste', label: '&Paste' },
      cmd('&Duplicate', 'edit.duplicate', 'CmdOrCtrl+D'),
      single('De&lete', 'edit.delete', mac ? 'Backspace' : 'Delete'),
      cmd('Select &All', 'edit.selectAll', 'CmdOrCtrl+A'),
      sep,
      cmd('&Group', 'edit.group', 'CmdOrCtrl+G'),
      cmd('U&ngroup', 'edit.ungroup', 'CmdOrCtrl+Shift+G'),
    ],
  };
  const view: MenuSpec = {
    label: '&View',
    submenu: [
      single('&Fit to Window', 'view.fit', 'F'),
      cmd('Zoom &In', 'view.zoomIn', 'CmdOrCtrl+='),
      cmd('Zoom &Out', 'view.zoomOut', 'CmdOrCtrl+-'),
      cmd('Actual &Size', 'view.zoomReset', 'CmdOrCtrl+0'),
      sep,
      cmd('Auto &Layout', 'view.autoLayout', 'CmdOrCtrl+Shift+L'),
      cmd('Toggle &Theme', 'view.toggleTheme', 'CmdOrCtrl+Shift+T'),
      sep,
      { role: 'togglefullscreen' },
      ...(opts.devTools ? [{ role: 'toggleDevTools' as const }] : []),
    ],
  };
  const train: MenuSpec = {
    label: '&Train',
    submenu: [
      cmd('&Start Training', 'train.start', 'CmdOrCtrl+Enter'),
      cmd('S&top Training', 'train.stop', 'CmdOrCtrl+.'),
    ],
  };
  const help: MenuSpec = {
    label: '&Help',
    submenu: [single('&Keyboard Shortcuts', 'help.shortcuts', 'F1')],
  };
  const windowMenu: MenuSpec = { role: 'windowMenu' };
  // '&' marks the mnemonic (Alt+letter) on Windows and Linux; macOS menus have none.
  const appMenu: MenuSpec = { role: 'appMenu' };
  return mac
    ? [appMenu, file, edit, view, train, windowMenu, help].map(withoutMnemonics)
    : [file, edit, view, train, help];
}

function withoutMnemonics(item: MenuSpec): MenuSpec {
  return {
    ...item,
    ...(item.label ? { label: item.label.replace(/&(?!&)/g, '') } : {}),
    ...(item.submenu ? { submenu: item.submenu.map(withoutMnemonics) } : {}),
  };
}
