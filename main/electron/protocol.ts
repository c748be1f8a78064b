/**
 * app://netloom/ serves the built renderer from disk, with the desktop CSP on every response.
 * Nothing is ever loaded from the network (security.ts cancels every other request).
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentType, fileFor } from '../node/web/static';
import { APP_HOST, APP_SCHEME, DESKTOP_CSP } from './window-options';

/** Must run before app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveApp(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const headers = { 'Content-Security-Policy': DESKTOP_CSP, 'X-Content-Type-Options': 'nosniff' };
    const file = url.host === APP_HOST ? fileFor(rendererDir, url.pathname) : null;
    if (!file) return new Response('not found', { status: 404, headers });
    try {
      const body = await readFile(file);
      return new Response(body, { status: 200, headers: { ...headers, 'Content-Type': contentType(file) } });
    } catch {
      return new Response('not found', { status: 404, headers });
    }
  });
}
