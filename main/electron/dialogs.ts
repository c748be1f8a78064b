/** Native open/save dialogs for one window, as the host's Dialogs service. */
import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs } from '../node/host/types';

export function nativeDialogs(window: BrowserWindow, defaultDir: () => string): Dialogs {
  return {
    async openFile(options) {
      const r = await dialog.showOpenDialog(window, {
        title: options.title,
        defaultPath: defaultDir(),
        filters: options.filters,
        properties: ['openFile'],
      });
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]!;
    },
    async saveFile(options) {
      const name = options.suggestedName?.replace(/[/\\]/g, '_');
      const r = await dialog.showSaveDialog(window, {
        title: options.title,
        defaultPath: name ? `${defaultDir()}/${name}` : defaultDir(),
        filters: options.filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };
}
