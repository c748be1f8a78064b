/** Builds Electron's menu from the plain template; command items go to the focused window's renderer. */
import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { emitTo } from './ipc';
import { menuTemplate, type MenuSpec, type RecentItem } from './menu-template';

function toElectron(spec: MenuSpec, target: () => BrowserWindow | null): MenuItemConstructorOptions {
  const { command, path, submenu, ...rest } = spec;
  const item: MenuItemConstructorOptions = { ...rest };
  if (submenu) item.submenu = submenu.map((s) => toElectron(s, target));
  if (command) {
    item.click = () => {
      const w = target();
      if (w) emitTo(w.webContents, 'app.command', path ? { command, path } : { command });
    };
  }
  return item;
}

export function installMenu(recent: RecentItem[], target: () => BrowserWindow | null, devTools: boolean): void {
  const template = menuTemplate(process.platform, recent, { devTools });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template.map((s) => toElectron(s, target))));
}
