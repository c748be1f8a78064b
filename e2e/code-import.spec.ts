/**
 * PyTorch code onto the canvas from the GUI, in Debian's Chromium against `netloom serve`: LeNet-5
 * pasted into the Paste code dialog is read without running it (61,706 parameters, no errors);
 * code outside the static subset shows its line and column in the dialog; a .py file chosen with
 * Import… is traced with the person's Python after they tick that it may run.
 */
import { copyFileSync, readFileSync } from 'node:fs';
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
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  // Each import replaces the unsaved project before it: accept the discard question.
  page.on('dialog', (d) => void d.accept());
  await page.goto(server.url);
  await page.locator('.react-flow__node-layer[data-id="input"]').waitFor();
  await collapseDock(page);
}, 200_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const dialog = () => page.locator('[data-testid=code-import-dialog]');

describe('PyTorch code import from the GUI (web host, Chromium)', () => {
  it('Paste code: LeNet-5 read without running it', async () => {
    await page.locator('[data-testid="cmd-file.pasteCode"]').click();
    await dialog().waitFor();
    await page
      .locator('[data-testid=code-import-text]')
      .fill(readFileSync(join(REPO, 'assets/pytorch/lenet5.py'), 'utf8'));
    await page.locator('[data-testid=code-import-shape]').fill('1,28,28');
    expect(await page.locator('[data-testid=code-import-run]').isChecked()).toBe(false);
    await shot(page, 'code-import-01-paste');
    await page.locator('[data-testid=code-import-go]').click();
    await expect.poll(() => dialog().count(), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-testid=doc-title]').textContent()).toBe('● pasted.netloom.json');
    await expect.poll(() => page.locator('[data-testid=status-params]').textContent()).toBe('61,706');
    expect(await page.locator('[data-testid=status-errors]').textContent()).toBe('no errors');
    await shot(page, 'code-import-02-lenet');
  }, 120_000);

  it('Paste code outside the subset: the dialog names the line, column and reason', async () => {
    await page.locator('[data-testid="cmd-file.pasteCode"]').click();
    await dialog().waitFor();
    const code =
      'import torch.nn as nn\n\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        while True:\n            pass\n\n    def forward(self, x):\n        return x\n';
    await page.locator('[data-testid=code-import-text]').fill(code);
    await page.locator('[data-testid=code-import-shape]').fill('4');
    await page.locator('[data-testid=code-import-go]').click();
    await expect
      .poll(() => page.locator('[data-testid=code-import-error]').textContent(), { timeout: 60_000 })
      .toMatch(/^pasted\.py:6:9: a while statement is not followed.*tick “Run this code with my Python”/);
    await shot(page, 'code-import-03-error');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
  }, 120_000);

  it('Import… a .py file, traced with the person’s Python once they allow it', async () => {
    copyFileSync(join(REPO, 'assets/pytorch/resnet_block.py'), join(server.workspace, 'resnet_block.py'));
    await page.locator('[data-testid="cmd-file.import"]').click();
    const picker = page.locator('[data-netloom-picker=open]');
    await picker.waitFor();
    await picker.locator('li', { hasText: 'resnet_block.py' }).dblclick();
    await dialog().waitFor();
    expect(await dialog().textContent()).toContain('resnet_block.py');
    await page.locator('[data-testid=code-import-shape]').fill('3,32,32');
    await page.locator('[data-testid=code-import-run]').check();
    expect(await page.locator('[data-testid=code-import-go]').textContent()).toBe('Run and import');
    await page.locator('[data-testid=code-import-go]').click();
    await expect.poll(() => dialog().count(), { timeout: 120_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-testid=doc-title]').textContent()).toBe('● resnet_block.netloom.json');
    await expect.poll(() => page.locator('[data-testid=status-params]').textContent()).toBe('19,994');
    expect(await page.locator('[data-testid=status-errors]').textContent()).toBe('no errors');
    await shot(page, 'code-import-04-traced');
  }, 180_000);
});
