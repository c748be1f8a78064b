/**
 * K-fold from the GUI, in Debian's Chromium against `netloom serve`: choose "K-fold (K)" with K=3,
 * train a small MLP on the synthetic set, see "fold i/3" in the progress bar and on the charts,
 * then the Runs tab lists the K-fold run as one entry that expands to its folds and mean ± std.
 * The Modules tab then shows the loss-gradient histograms (runs.gradients) beside the weight ones.
 * Screenshots: e2e/screenshots/training-kfold-*.png.
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

describe('K-fold from the GUI', () => {
  it('trains K=3 folds with the fold shown, then lists the run with its folds and mean ± std', async () => {
    await page.locator('[data-testid=template-mlp]').click();
    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid="set-dataset-name"]').selectOption('synthetic');
    await setField('set-dataset-trainSize', '600');
    await setField('set-dataset-testSize', '100');
    await setField('set-training-epochs', '3');
    await setField('set-training-batch_size', '8');
    await page.locator('[data-testid=split-kind]').selectOption('kfold');
    await setField('kfold-k', '3');
    await page.locator('[data-testid=train-start]').click();
    await expect
      .poll(async () => (await page.locator('[data-testid=train-status]').textContent()) ?? '', {
        timeout: 120_000,
        interval: 200,
      })
      .toMatch(/fold 2\/3, epoch/);
    await shot(page, 'training-kfold-01-progress');
    await page.locator('[data-testid=dock-charts]').click();
    await expect
      .poll(async () => (await page.locator('[data-testid=charts-fold]').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/fold [23]\/3/);
    await shot(page, 'training-kfold-02-charts');
    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid=train-result]').waitFor({ timeout: 180_000 });
    expect(await page.locator('[data-testid=train-result]').textContent()).toContain('completed');
    await page.locator('[data-testid=dock-runs]').click();
    await expect.poll(() => page.locator('[data-testid=run-row]').count()).toBe(1);
    await page.locator('[data-testid=kfold-toggle]').click();
    await expect.poll(() => page.locator('[data-testid=kfold-fold]').count()).toBe(3);
    expect(await page.locator('[data-testid=kfold-mean]').textContent()).toMatch(/\d+\.\d+% ± \d+\.\d+%/);
    await shot(page, 'training-kfold-03-runs');
  });

  it("shows gradient histograms beside the weight histograms of the selected module (the best fold's run)", async () => {
    await page.locator('.react-flow__node-layer', { hasText: 'Linear' }).first().locator('.nl-node-head').click();
    await page.locator('[data-testid=dock-modules]').click();
    await page.locator('[data-testid=grad-info]').waitFor({ timeout: 120_000 });
    const rows = page.locator('[data-testid=named-parameters] tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    await expect
      .poll(() => page.locator('[data-testid=named-parameters] [data-testid=gradient-histogram]').count(), {
        timeout: 60_000,
      })
      .toBe(2);
    await expect
      .poll(() => page.locator('[data-testid=named-parameters] [data-testid=value-histogram]').count(), {
        timeout: 60_000,
      })
      .toBe(2);
    await shot(page, 'training-kfold-04-gradients');
  });
});
