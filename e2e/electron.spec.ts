/**
 * The desktop app through Playwright's Electron support, where Electron's binary is installed
 * and there is a display (it cannot be downloaded on the offline build machine: there this file
 * reports why it did not run). Checks the isolation a page sees, the contract-only bridge, and
 * that new windows and navigation away from app://netloom are refused.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUi } from '../main/node/web/build-ui';
import { REPO } from './support/serve';

function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const why = !binary
  ? "Electron's binary is not installed (node node_modules/electron/install.js)"
  : 'there is no display (run under xvfb-run)';
if (!binary || !display) console.warn(`e2e/electron.spec.ts did not run: ${why}.`);

describe.skipIf(!binary || !display)('the desktop app', () => {
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    const ui = await ensureUi();
    if (!ui.ok) throw new Error(ui.error);
    execFileSync(process.execPath, [join(REPO, 'scripts/build-electron.mjs')], { stdio: 'inherit' });
    app = await _electron.launch({ executablePath: binary!, args: [REPO] });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('loads the app from app://netloom with no Node in the page', async () => {
    expect(page.url()).toBe('app://netloom/index.html');
    expect(await page.evaluate('[typeof require, typeof process, typeof module]')).toEqual([
      'undefined',
      'undefined',
      'undefined',
    ]);
  });

  it('exposes only the contract bridge, answering as the Electron host', async () => {
    expect(await page.evaluate('Object.keys(window.netloom).sort()')).toEqual(['invoke', 'on', 'platform']);
    expect(await page.evaluate("window.netloom.invoke('app.info', {})")).toMatchObject({
      ok: true,
      value: { host: 'electron', electron: true },
    });
    expect(await page.evaluate("window.netloom.invoke('fs.readFile', { path: '/etc/passwd' })")).toMatchObject({
      ok: false,
    });
    expect(await page.evaluate("window.netloom.invoke('project.open', { path: '/etc/passwd' })")).toMatchObject({
      ok: false,
      error: { code: 'denied' },
    });
  });

  it('refuses new windows and navigation away from the app', async () => {
    expect(await page.evaluate("window.open('https://example.com') === null")).toBe(true);
    await page.evaluate("location.href = 'https://example.com'").catch(() => undefined);
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://netloom/index.html');
    expect(app.windows()).toHaveLength(1);
  });
});
