/**
 * The prompt before closing a window with unsaved changes. The renderer reports its document
 * state (window.setDocumentState); on close the person chooses Save, Don't Save or Cancel.
 * Save asks the renderer to save (as its Save command does) and closes once it reports a clean
 * document; if the person cancels the save dialog the window stays. Once the person has
 * answered, the page's own beforeunload guard (for the browser) is overruled.
 */
import { dialog, type BrowserWindow } from 'electron';
import type { z } from 'zod';
import type { DocumentState } from '../../app/protocol';
import { emitTo } from './ipc';

type State = z.infer<typeof DocumentState>;

export interface CloseGuard {
  setState(state: State): void;
  /** The save that Save-then-close started was cancelled: keep the window. */
  cancelPendingClose(): void;
}

export function guardClose(window: BrowserWindow, discardRecovery: (projectKey: string) => Promise<void>): CloseGuard {
  let state: State = { dirty: false, title: 'untitled' };
  let allowClose = false;
  /** When Save-then-close was chosen (0: not pending). A save that fails leaves it to expire. */
  let closeAfterSave = 0;

  window.webContents.on('will-prevent-unload', (event) => {
    if (allowClose) event.preventDefault();
  });

  window.on('close', (event) => {
    if (allowClose || !state.dirty) return;
    event.preventDefault();
    void dialog
      .showMessageBox(window, {
        type: 'warning',
        message: `Save the changes to ${state.title} before closing?`,
        detail: 'Your changes will be lost if you close without saving.',
        buttons: ['Save', "Don't Save", 'Cancel'],
        defaultId: 0,
        cancelId: 2,
        noLink: true,
      })
      .then(async ({ response }) => {
        if (response === 0) {
          closeAfterSave = Date.now();
          emitTo(window.webContents, 'app.command', { command: 'file.save' });
        } else if (response === 1) {
          if (state.projectKey) await discardRecovery(state.projectKey).catch(() => undefined);
          allowClose = true;
          window.close();
        }
      });
  });

  const setState = (next: State) => {
    state = next;
    if (!window.isDestroyed()) {
      window.setTitle(`${next.dirty ? '● ' : ''}${next.title} — Netloom`);
      if (process.platform === 'darwin') {
        window.setDocumentEdited(next.dirty);
        if (next.path) window.setRepresentedFilename(next.path);
      }
    }
    if (closeAfterSave && Date.now() - closeAfterSave < 120_000 && !next.dirty) {
      allowClose = true;
      window.close();
    }
  };
  return { setState, cancelPendingClose: () => void (closeAfterSave = 0) };
}
