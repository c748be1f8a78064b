/**
 * The PyTorch engine from the GUI, in Debian's Chromium against `netloom serve`: the Training tab
 * shows what discovery found (Debian's /usr/bin/python3 with python3-torch), the engine choice
 * trains a small MLP with PyTorch, the status line names the engine and the device, and the run
 * is listed like any other. Screenshots: e2e/screenshots/training-torch-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, setField as fillField, type OpenedApp } from './support/app';
import { shot } from './support/editor';

let app: OpenedApp;
let page: Page;

beforeAll(async () => {
  app = await openApp();
  page = app.page;
});

afterAll(async () => {
  await app?.close();
});

const setField = (testId: string, value: string) => fillField(page, testId, value);

describe('PyTorch engine from the GUI', () => {
  it('shows the interpreter found, trains with PyTorch and names engine and device in the status', async () => {
    await page.locator('[data-testid=template-mlp]').click();
    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid="set-dataset-name"]').selectOption('synthetic');
    await setField('set-dataset-trainSize', '600');
    await setField('set-dataset-testSize', '100');
    await setField('set-training-epochs', '40');
    await setField('set-training-batch_size', '8');
    const info = page.locator('[data-testid=train-engine-info]');
    await expect
      .poll(async () => (await info.textContent()) ?? '', { timeout: 120_000, interval: 200 })
      .toMatch(/torch \d+\.\d+/);
    // An interpreter without torch (here: not Python at all): PyTorch is disabled and the line says why.
    const python = page.locator('[data-testid=train-python]');
    await python.fill('/bin/false');
    await python.press('Enter');
    await expect
      .poll(async () => (await info.textContent()) ?? '', { timeout: 120_000, interval: 200 })
      .toMatch(/\/bin\/false does not run as Python/);
    expect(await page.locator('[data-testid=train-engine] option[value=torch]').isDisabled()).toBe(true);
    await shot(page, 'training-torch-00-not-found');
    await python.fill('');
    await python.press('Enter');
    await expect
      .poll(async () => (await info.textContent()) ?? '', { timeout: 120_000, interval: 200 })
      .toMatch(/torch \d+\.\d+/);
    await page.locator('[data-testid=train-engine]').selectOption('torch');
    await page.locator('[data-testid=train-torch-device]').selectOption('cpu');
    expect(await page.locator('[data-testid=train-backend]').count()).toBe(0);
    await shot(page, 'training-torch-01-choice');
    await page.locator('[data-testid=train-start]').click();
    const status = page.locator('[data-testid=train-status]');
    await expect
      .poll(async () => (await status.textContent()) ?? '', { timeout: 180_000, interval: 200 })
      .toMatch(/epoch \d+\/40 .* on PyTorch · cpu/);
    // The status bar names the engine and device of the run, not the host's default tfjs backend.
    expect(await page.locator('[data-testid=status-device]').textContent()).toBe('training on PyTorch · cpu');
    await shot(page, 'training-torch-02-running');
    await page.locator('[data-testid=train-stop]').click();
    await page.locator('[data-testid=train-result]').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-testid=train-result]').textContent()).toMatch(/stopped after \d+ epoch/);
    await page.locator('[data-testid=dock-runs]').click();
    await expect.poll(() => page.locator('[data-testid=run-row]').count(), { timeout: 30_000 }).toBe(1);
    await shot(page, 'training-torch-03-runs');
  });
});
