import { describe, expect, it } from 'vitest';
import { APP_URL, DESKTOP_CSP, windowOptions } from './window-options';

describe('the desktop window', () => {
  const options = windowOptions('/app/dist/electron/preload.cjs');

  it('isolates the renderer: context isolation, sandbox, no Node, web security', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/dist/electron/preload.cjs',
    });
    expect(Object.keys(options.webPreferences)).not.toContain('enableRemoteModule');
  });

  it('loads only the app origin, under a strict CSP', () => {
    expect(APP_URL).toBe('app://netloom/index.html');
    expect(DESKTOP_CSP).toContain("default-src 'none'");
    expect(DESKTOP_CSP).toContain("script-src 'self'");
    expect(DESKTOP_CSP).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(DESKTOP_CSP).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});
