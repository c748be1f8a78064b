/**
 * Export and import from the GUI, in Debian's Chromium against `netloom serve`: open LeNet-5 from the
 * templates, export all formats into the workspace through the dialog (folder chosen with the in-page
 * picker), read the list of files written, then File > Import the ONNX file back onto the canvas: it has
 * weights, so it opens as a project saved beside it, with its module tree and an `imported` run in the Runs tab.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from './support/browser';
import { serve, type Served } from './support/serve';
import { collapseDock, shot } from './support/editor';

let server: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(server.url);
  await page.locator('.react-flow__node-layer[data-id="input"]').waitFor();
  await collapseDock(page);
}, 200_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('export and import from the GUI (web host, Chromium)', () => {
  it('exports LeNet-5 in every format into the workspace and lists the files', async () => {
    await page.locator('[data-testid=template-lenet5]').click();
    await expect.poll(() => page.locator('[data-testid=status-params]').textContent()).toBe('61,706');
    await page.locator('[data-testid="cmd-file.export"]').click();
    const dialog = page.locator('[data-testid=export-dialog]');
    await dialog.waitFor();
    expect(await page.locator('[data-testid=export-run]').isDisabled()).toBe(true);
    // A bundle needs the saved project file: the template is unsaved, so the dialog says so and will not run.
    await page.locator('[data-testid=export-format-bundle]').check();
    expect(await dialog.textContent()).toContain('save the project first');
    await page.locator('[data-testid=export-format-all]').check();
    await page.locator('[data-testid=export-choose]').click();
    const picker = page.locator('[data-netloom-picker=save]');
    await picker.waitFor();
    await picker.getByPlaceholder('file name').fill('lenet-export');
    await picker.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('[data-testid=export-dest]').textContent()).toMatch(/lenet-export$/);
    await page.locator('[data-testid=export-run]').click();
    const files = page.locator('[data-testid=export-files]');
    await files.waitFor({ timeout: 120_000 });
    const listed = await files.locator('li').allTextContents();
    for (const f of [
      'tfjs/model.json',
      'tfjs/weights.bin',
      'onnx/model.onnx',
      'pytorch/model.py',
      'pytorch/model.safetensors',
      'pytorch/train.py',
    ]) {
      expect(listed).toContain(f);
      expect(existsSync(join(server.workspace, 'lenet-export', f)), f).toBe(true);
    }
    expect(await page.locator('[data-testid=export-log]').textContent()).toMatch(/weights: /);
    await shot(page, 'export-01-dialog-done');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
  }, 180_000);

  it('imports the exported ONNX (with weights) back as a saved, laid-out project with an imported run', async () => {
    await page.locator('[data-testid="cmd-file.import"]').click();
    const picker = page.locator('[data-netloom-picker=open]');
    await picker.waitFor();
    await picker.locator('li', { hasText: 'lenet-export/' }).click();
    await picker.locator('li', { hasText: 'onnx/' }).click();
    await picker.locator('li', { hasText: 'model.onnx' }).dblclick();
    await expect
      .poll(() => page.locator('[data-testid=doc-title]').textContent(), { timeout: 60_000 })
      .toBe('● model.netloom.json');
    await expect.poll(() => page.locator('[data-testid=status-params]').textContent()).toBe('61,706');
    expect(await page.locator('[data-testid=status-errors]').textContent()).toBe('no errors');
    expect(await page.locator('.react-flow__node').count()).toBeGreaterThan(8);
    expect(existsSync(join(server.workspace, 'lenet-export', 'onnx', 'model.netloom.json'))).toBe(true);
    // The module tree came back with the network: LeNet5 with its features and classifier Sequentials.
    const imported = JSON.parse(
      readFileSync(join(server.workspace, 'lenet-export', 'onnx', 'model.netloom.json'), 'utf8'),
    ) as { name: string; modules: { name: string; kind: string }[] };
    expect(imported.name).toBe('LeNet5');
    expect(imported.modules.map((m: { name: string; kind: string }) => `${m.name} ${m.kind}`)).toEqual([
      'features Sequential',
      'classifier Sequential',
    ]);
    expect(
      existsSync(
        join(server.workspace, 'lenet-export', 'onnx', 'model.netloom.runs', 'imported', 'best', 'model.json'),
      ),
    ).toBe(true);
    await page.locator('[data-testid=dock-runs]').click();
    await expect
      .poll(() => page.locator('[data-testid=run-row]').allTextContents(), { timeout: 30_000 })
      .toEqual([expect.stringContaining('imported')]);
    await shot(page, 'export-02-imported');
  }, 120_000);
});
