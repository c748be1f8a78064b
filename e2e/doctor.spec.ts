/**
 * The network doctor and the bench in the GUI (Debian's Chromium against `netloom serve`): a lint
 * finding on the canvas with its fix; a LeNet-5 trained on the synthetic set with SGD lr 100
 * diverges; the Doctor tab reads it and its "lower the learning rate" remedy trains a variant in
 * one click; the Compare tab shows the two runs' curves, settings (lr marked) and graphs side by
 * side. Screenshots go to e2e/screenshots/doctor-*.png.
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

const text = async (sel: string) => (await page.locator(sel).first().textContent()) ?? '';

describe('the network doctor and the bench (web host, Chromium)', () => {
  it('lints, reads a diverged run, trains the remedy as a variant and compares the two runs', async () => {
    await page.locator('[data-testid=template-lenet5]').click();
    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid="set-dataset-name"]').selectOption('synthetic');
    await setField('set-dataset-trainSize', '640');
    await setField('set-dataset-testSize', '200');
    await setField('set-training-epochs', '1');
    await setField('set-training-batch_size', '32');
    await setField('set-training-lr', '100');

    // Before training: the lr is far from SGD's range; the finding offers its fix.
    await page.locator('[data-testid=dock-doctor]').click();
    const lr = page.locator('[data-testid=doctor-finding][data-rule=lr-range]');
    await lr.waitFor();
    expect(await lr.textContent()).toContain('lr 100 is far from SGD');
    await shot(page, 'doctor-01-lint');

    // Train as it is: it diverges.
    await page.locator('[data-testid=tb-train-start]').click();
    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid=train-result]').waitFor({ timeout: 180_000 });
    expect(await text('[data-testid=train-result]')).toMatch(/failed|NaN/i);

    // The Doctor reads the run: divergence, with the lr at that step, and the remedies.
    await page.locator('[data-testid=dock-doctor]').click();
    const d = page.locator('[data-testid=doctor-diagnosis][data-id=divergence]');
    await d.waitFor({ timeout: 30_000 });
    expect(await d.textContent()).toMatch(/with lr 100/);
    await shot(page, 'doctor-02-diverged');
    const remedy = d.locator('[data-testid=doctor-remedy]', { hasText: 'lower the learning rate to 0.001' });
    await remedy.click();

    // One click: the variant (lr 0.001) trains.
    await page.locator('[data-testid=dock-training]').click();
    await expect
      .poll(async () => text('[data-testid=train-result]'), { timeout: 240_000, interval: 500 })
      .toMatch(/completed/);
    expect(await page.locator('[data-testid="set-training-lr"]').inputValue()).toBe('0.001');

    // The bench: both runs, curves, settings with lr marked, graphs side by side.
    await page.locator('[data-testid=dock-bench]').click();
    await expect.poll(() => page.locator('[data-testid=bench-pick]').count(), { timeout: 30_000 }).toBe(2);
    // Ticking loads the run (asynchronously), then the box shows it ticked.
    for (const i of [1, 0]) {
      await page.locator('[data-testid=bench-pick]').nth(i).click();
      await expect.poll(() => page.locator('[data-testid=bench-pick]').nth(i).isChecked()).toBe(true);
    }
    await page.locator('[data-testid=bench-settings]').waitFor();
    const lrRow = page.locator('[data-testid=bench-settings] tr[data-differs=true]', { hasText: 'training.lr' });
    expect(await lrRow.textContent()).toMatch(/training\.lr.*100.*0\.001/);
    expect(await text('[data-testid=bench-diff]')).toContain('~ training.lr: 100 → 0.001');
    expect(await text('[data-testid=bench-diff]')).toContain('0 added, 0 removed, 0 changed, 0 moved, 13 unchanged');
    await page.locator('[data-testid=bench-canvas-a] .react-flow__node').first().waitFor();
    await page.locator('[data-testid=bench-canvas-b] .react-flow__node').first().waitFor();
    await page.locator('[data-testid=runs-overlay]').waitFor();
    await page.locator('[data-testid=bench-canvas-a]').scrollIntoViewIfNeeded();
    await shot(page, 'doctor-03-bench');
  });
});
