import { describe, expect, it } from 'vitest';
import { MENU_COMMANDS } from '../../app/protocol';
import { menuTemplate, type MenuSpec } from './menu-template';

const flat = (items: MenuSpec[]): MenuSpec[] => items.flatMap((i) => [i, ...flat(i.submenu ?? [])]);
const byCommand = (items: MenuSpec[], command: string) => flat(items).find((i) => i.command === command);

describe('application menu', () => {
  for (const platform of ['linux', 'win32', 'darwin'] as const) {
    const menu = menuTemplate(platform, [{ path: '/p/a.netloom.json', name: 'a.netloom.json' }]);
    it(`has the usual items and accelerators on ${platform}`, () => {
      expect(byCommand(menu, 'file.new')?.accelerator).toBe('CmdOrCtrl+N');
      expect(byCommand(menu, 'file.save')?.accelerator).toBe('CmdOrCtrl+S');
      expect(byCommand(menu, 'file.saveAs')?.accelerator).toBe('CmdOrCtrl+Shift+S');
      expect(byCommand(menu, 'edit.undo')?.accelerator).toBe('CmdOrCtrl+Z');
      expect(byCommand(menu, 'edit.redo')?.accelerator).toBe(platform === 'darwin' ? 'Cmd+Shift+Z' : 'Ctrl+Y');
      expect(byCommand(menu, 'edit.group')?.accelerator).toBe('CmdOrCtrl+G');
      expect(byCommand(menu, 'view.fit')).toMatchObject({ accelerator: 'F', registerAccelerator: false });
      expect(flat(menu).filter((i) => i.role && ['cut', 'copy', 'paste'].includes(i.role))).toHaveLength(3);
      expect(byCommand(menu, 'file.openRecent')?.path).toBe('/p/a.netloom.json');
      for (const item of flat(menu)) if (item.command) expect(MENU_COMMANDS).toContain(item.command);
    });
  }

  it('never registers single-key accelerators (they would fire while typing)', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      for (const item of flat(menuTemplate(platform, []))) {
        if (item.accelerator && !/(Cmd|Ctrl|CmdOrCtrl|Alt|Shift)\+/.test(item.accelerator))
          expect(item.registerAccelerator, item.label).toBe(false);
        else if (item.accelerator) expect(item.registerAccelerator).toBeUndefined();
      }
    }
  });

  it('shows mnemonics on Windows and Linux only', () => {
    expect(menuTemplate('linux', [])[0]?.label).toBe('&File');
    expect(flat(menuTemplate('darwin', [])).some((i) => i.label?.includes('&'))).toBe(false);
    expect(flat(menuTemplate('darwin', [])).find((i) => i.command === 'file.saveAs')?.label).toBe('Save As…');
  });

  it('puts the app menu first on macOS and Exit under File elsewhere', () => {
    expect(menuTemplate('darwin', [])[0]?.role).toBe('appMenu');
    expect(flat(menuTemplate('linux', [])).some((i) => i.role === 'quit')).toBe(true);
  });
});
