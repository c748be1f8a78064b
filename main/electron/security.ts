/**
 * Hardening of every web contents: no navigation away from the app, no new windows, no
 * webviews, every permission request denied, every request that is not app:// cancelled.
 */
import { app, session, type WebContents } from 'electron';
import { isAppUrl } from './window-options';

function harden(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Call once, after app is ready and before the first window. */
export function installSecurity(): void {
  app.on('web-contents-created', (_event, contents) => harden(contents));
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    callback({ cancel: !(isAppUrl(details.url) || details.url.startsWith('devtools://')) });
  });
}
