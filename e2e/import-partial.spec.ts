/**
 * File > Import of an ONNX file with an operator Netloom has no kind for, in Debian's Chromium
 * against `netloom serve`: torch.erf inside `layer1` (main/node/export/import-partial-weights.py).
 * The import fails naming the operator, its node and the closest kinds, and its dialog offers
 * "Import the rest with placeholders"; that opens the project with a red placeholder named
 * `layer1.erf` (its error with the shapes and the closest kinds) and the `imported` run holding
 * the other layers' weights. The placeholder's one-click fix replaces it with GELU, the errors
 * are gone, and Export with "best of imported" writes the file's weights into that graph.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from './support/browser';
import { REPO, serve, type Served } from './support/serve';
import { collapseDock, shot } from './support/editor';

let server: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serve();
  execFileSync('/usr/bin/python3', [join(REPO, 'main/node/export/import-partial-weights.py'), server.workspace], {
    stdio: 'pipe',
    timeout: 300_000,
  });
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  page.on('dialog', (d) => void d.accept());
  await page.goto(server.url);
  await page.locator('.react-flow__node-layer[data-id="input"]').waitFor();
  await collapseDock(page);
}, 400_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('partial ONNX import from the GUI (web host, Chromium)', () => {
  it('offers to import the rest with placeholders, shows the placeholder red, and its fix replaces it', async () => {
    await page.locator('[data-testid="cmd-file.import"]').click();
    const picker = page.locator('[data-netloom-picker=open]');
    await picker.waitFor();
    await picker.locator('li', { hasText: 'erf.onnx' }).dblclick();
    const dialog = page.locator('[data-testid=import-error-dialog]');
    await dialog.waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid=import-error-message]').textContent()).toMatch(
      /erf\.onnx: unsupported operator Erf at node \/layer1\/Erf \(closest Netloom kinds: GELU, ELU, LocalResponseNorm\)$/,
    );
    await shot(page, 'import-partial-01-dialog');

    await page.locator('[data-testid=import-partial-go]').click();
    await expect.poll(() => dialog.count(), { timeout: 60_000 }).toBe(0);
    await expect
      .poll(() => page.locator('[data-testid=doc-title]').textContent(), { timeout: 30_000 })
      .toMatch(/erf\.netloom\.json$/);
    await expect.poll(() => page.locator('[data-testid=status-errors]').textContent()).toBe('1 error');
    expect(await page.locator('[data-testid=status-notice]').textContent()).toMatch(
      /^Imported erf\.netloom\.json with 1 placeholder to replace \(red on the canvas\); the other layers' weights are in its run/,
    );
    expect(existsSync(join(server.workspace, 'erf.netloom.runs', 'imported', 'best', 'model.json'))).toBe(true);

    const ph = page.locator('[data-testid=layer-node][data-type=Unsupported]');
    expect(await ph.count()).toBe(1);
    expect(await ph.getAttribute('class')).toMatch(/\berror\b/);
    expect(await ph.locator('[data-testid=node-error]').textContent()).toMatch(
      /^Unsupported layer1\.erf: ONNX operator Erf \(node \/layer1\/Erf\) has no Netloom kind; it takes \[4, 6, 6\] and gives \[4, 6, 6\] per sample: replace this placeholder with a layer that computes Erf \(closest kinds: GELU, ELU, LocalResponseNorm\)/,
    );
    await ph.click();
    await page.locator('[data-testid=inspector-error]').waitFor();
    await shot(page, 'import-partial-02-placeholder');

    const fix = page.locator('[data-testid=inspector-error] [data-testid=fix-button]');
    expect(await fix.textContent()).toBe('Replace with GELU');
    await fix.click();
    await expect.poll(() => page.locator('[data-testid=status-errors]').textContent()).toBe('no errors');
    expect(await page.locator('[data-testid=layer-node][data-type=Unsupported]').count()).toBe(0);
    expect(await page.locator('[data-testid=layer-node][data-type=GELU]').count()).toBe(1);
    expect(await page.locator('[data-testid=status-params]').textContent()).toBe('1,498');
    await shot(page, 'import-partial-03-replaced');

    // Export with the imported run: the file's weights go into the canvas's graph, every tensor matched.
    await page.locator('[data-testid="cmd-file.export"]').click();
    const exp = page.locator('[data-testid=export-dialog]');
    await exp.waitFor();
    await page.locator('[data-testid=export-format-pytorch]').check();
    const best = page.locator('[data-testid=export-weights] option', { hasText: /^best of imported/ });
    await expect.poll(() => best.count(), { timeout: 30_000 }).toBe(1);
    await page.locator('[data-testid=export-weights]').selectOption((await best.getAttribute('value')) as string);
    await page.locator('[data-testid=export-choose]').click();
    const save = page.locator('[data-netloom-picker=save]');
    await save.waitFor();
    await save.getByPlaceholder('file name').fill('erf-export');
    await save.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('[data-testid=export-dest]').textContent()).toMatch(/erf-export$/);
    await page.locator('[data-testid=export-run]').click();
    await page.locator('[data-testid=export-files]').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-testid=export-log]').textContent()).toMatch(
      /using the project's graph, with the run's weights matched by layer and shape.*8 of 8 tensors matched by layer and shape/s,
    );
    expect(existsSync(join(server.workspace, 'erf-export', 'model.safetensors'))).toBe(true);
    await shot(page, 'import-partial-04-export');
  }, 300_000);
});
