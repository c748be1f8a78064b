/**
 * The desktop window's settings, as plain data (this file does not import electron, so a test
 * checks them as they are used: window-options.test.ts). Issue 8, "Nobody gets in".
 */

/** The renderer is served from this origin by the app:// protocol handler (protocol.ts), never from the network. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'netloom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** True for the app's own pages and files (app://netloom/...), false for anything else. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Content-Security-Policy of every app:// response: only the app's own files, no remote anything. */
export const DESKTOP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // React Flow positions nodes with inline style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  safeDialogs: true,
} as const;

/** `icon`: the window's icon (icon.png, rendered from assets/icon.svg into the renderer build). */
export function windowOptions(preloadPath: string, dark = true, icon?: string) {
  return {
    width: 1440,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Netloom',
    backgroundColor: dark ? '#171a21' : '#f4f5f7',
    ...(icon ? { icon } : {}),
    webPreferences: { ...WEB_PREFERENCES, preload: preloadPath },
  };
}
