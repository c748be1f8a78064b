/**
 * The shell in Debian's Chromium against `netloom serve`: the token gate as a browser meets it,
 * the WebSocket transport (renderer/host) end to end through the host status page, the in-page
 * workspace picker answering a dialog, and the CSP blocking what it should.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch } from './support/browser';
import { serve, type Served } from './support/serve';

let server: Served;
let browser: Browser;
let page: Page;
const statusUrl = () => server.url.replace('/?', '/host/status.html?');

beforeAll(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('netloom serve in Chromium', () => {
  it('refuses a page load without the token', async () => {
    const response = await page.goto(server.url.split('?')[0]!);
    expect(response?.status()).toBe(401);
    expect(await page.textContent('body')).toContain('open the URL that `netloom serve` printed');
  });

  it('connects over the WebSocket with the token, then drops the token from the address bar', async () => {
    await page.goto(statusUrl());
    await page.waitForSelector('#status[data-ready="true"]', { timeout: 30_000 });
    const text = await page.textContent('#status');
    expect(text).toContain('Netloom is running');
    expect(text).toContain('netloom serve (browser)');
    expect(text).toMatch(/✓ cpu/);
    expect(text).toContain('lenet5');
    expect(page.url()).not.toContain('token=');
    await page.screenshot({ path: join(import.meta.dirname, 'screenshots', 'shell-status.png') });
  });

  it('keeps working after a reload (the cookie carries the token)', async () => {
    await page.reload();
    await page.waitForSelector('#status[data-ready="true"]', { timeout: 30_000 });
  });

  it('answers a file dialog with the in-page workspace picker', async () => {
    await writeFile(join(server.workspace, 'lenet.netloom.json'), '{"x":1}');
    await writeFile(join(server.workspace, 'notes.txt'), 'not a project');
    await page.click('#choose');
    const picker = page.locator('[data-netloom-picker="open"]');
    await picker.waitFor();
    await expect.poll(() => picker.locator('li').allTextContents()).toEqual(['lenet.netloom.json', 'notes.txt']);
    await page.screenshot({ path: join(import.meta.dirname, 'screenshots', 'shell-picker.png') });
    await picker.locator('li', { hasText: 'lenet.netloom.json' }).dblclick();
    await expect
      .poll(() => page.textContent('#chosen'))
      .toBe(`Chosen: ${join(server.workspace, 'lenet.netloom.json')}`);
    expect(await picker.count()).toBe(0);
    await page.click('#choose');
    await picker.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.textContent('#chosen')).toBe('Cancelled');
  });

  it('blocks inline scripts with the CSP', async () => {
    // A string, evaluated in the page (this file is compiled without the DOM library).
    const ran = await page.evaluate(`new Promise((resolve) => {
      const s = document.createElement('script');
      s.textContent = 'window.__inlineRan = true';
      document.body.append(s);
      setTimeout(() => resolve(Boolean(window.__inlineRan)), 100);
    })`);
    expect(ran).toBe(false);
  });
});
