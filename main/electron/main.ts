/**
 * The desktop app's main process: one window on app://netloom/, the hardened session, the
 * application menu, native dialogs, and the host handlers over checked IPC.
 * Built by scripts/build-electron.mjs into dist/electron/main.js (package.json "main").
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { createHandlers } from '../node/host/handlers';
import { PathPolicy } from '../node/host/paths';
import { createServices } from '../node/host/services';
import { guardClose } from './close-guard';
import { nativeDialogs } from './dialogs';
import { attachContext, emitTo, registerIpc } from './ipc';
import { installMenu } from './menu';
import { registerAppScheme, serveApp } from './protocol';
import { installSecurity } from './security';
import { APP_URL, windowOptions } from './window-options';

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'renderer');
const preload = join(here, 'preload.cjs');

registerAppScheme();

async function start(): Promise<void> {
  await app.whenReady();
  installSecurity();
  serveApp(rendererDir);
  const paths = new PathPolicy();
  let mainWindow: BrowserWindow | null = null;
  const target = () => mainWindow ?? BrowserWindow.getAllWindows()[0] ?? null;
  const devTools = !app.isPackaged;
  const services = createServices({
    kind: 'electron',
    dataDir: app.getPath('userData'),
    paths,
    onRecentChange: (entries) => {
      installMenu(entries, target, devTools);
      if (entries[0]) app.addRecentDocument(entries[0].path);
    },
  });
  const recent = await services.recent.list();
  for (const entry of recent) await paths.grant(entry.path);
  installMenu(recent, target, devTools);
  registerIpc(createHandlers(services));

  let lastDir = app.getPath('documents');
  const openWindow = () => {
    const window = new BrowserWindow(windowOptions(preload, true, join(rendererDir, 'icon.png')));
    mainWindow = window;
    const guard = guardClose(window, (key) => services.autosaves.discard(key));
    const dialogs = nativeDialogs(window, () => lastDir);
    const detach = attachContext(window.webContents, {
      emit: (event, payload) => emitTo(window.webContents, event, payload),
      dialogs: {
        openFile: dialogs.openFile,
        async saveFile(options) {
          const chosen = await dialogs.saveFile(options);
          if (chosen === null) guard.cancelPendingClose();
          return chosen;
        },
      },
      setDocumentState: (state) => {
        if (state.path) lastDir = dirname(state.path);
        guard.setState(state);
      },
    });
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => {
      detach();
      if (mainWindow === window) mainWindow = null;
    });
    void window.loadURL(APP_URL);
  };
  openWindow();
  app.on('second-instance', () => target()?.focus());
  app.on('activate', () => BrowserWindow.getAllWindows().length === 0 && openWindow());
  app.on('window-all-closed', () => process.platform !== 'darwin' && app.quit());
}

// A second start focuses the running app's window instead of opening another.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  start().catch((e: unknown) => {
    dialog.showErrorBox('Netloom could not start', e instanceof Error ? e.message : String(e));
    app.exit(1);
  });
}
