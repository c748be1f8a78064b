/**
 * Training from the GUI, in Debian's Chromium against `netloom serve`: a new LeNet-5 project on the
 * built-in synthetic set, start, watch the charts move, pause and resume, stop, find the run in the
 * history, open its confusion matrix and samples; then LeNet-5 on Fashion-MNIST for one epoch to
 * over 80% test accuracy. Screenshots of each view go to e2e/screenshots/training-*.png.
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

const points = async () => Number(await page.locator('[data-testid=dock]').getAttribute('data-points'));

const setField = (testId: string, value: string) => fillField(page, testId, value);

describe('training from the GUI (web host, Chromium)', () => {
  it('trains LeNet-5 on the synthetic set: charts move, pause, resume, stop, run history, confusion matrix', async () => {
    await page.locator('[data-testid=template-lenet5]').click();
    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid="set-dataset-name"]').selectOption('synthetic');
    await setField('set-dataset-trainSize', '4000');
    await setField('set-dataset-testSize', '1000');
    await setField('set-training-epochs', '4');
    await setField('set-training-batch_size', '32');
    await setField('set-training-lr', 'abc');
    await expect.poll(() => page.locator('[data-testid=setting-error]').count()).toBeGreaterThan(0);
    await setField('set-training-lr', '0.05');
    await setField('set-training-momentum', '0.9');
    await page.locator('[data-testid="set-training-scheduler.name"]').selectOption('StepLR');
    await setField('set-training-scheduler.step_size', '2');
    await setField('set-dataset-augment', 'rotate=20,crop=3,noise=0.05@0.5');
    await page.locator('[data-testid=dock-data]').click();
    await page.locator('[data-testid=augment-preview]').waitFor({ timeout: 60_000 });
    await shot(page, 'training-01-data-preview');
    await page.locator('[data-testid=dock-training]').click();
    await shot(page, 'training-02-settings');

    await page.locator('[data-testid=tb-train-start]').click();
    await page.locator('[data-testid=edit-lock]').waitFor();
    // A structural edit is refused while the graph trains, and the canvas says why.
    const layers = await page.locator('.react-flow__node-layer').count();
    await page.locator('.react-flow__node-layer .nl-node-head').last().click();
    await page.keyboard.press('Delete');
    await page.waitForTimeout(300);
    expect(await page.locator('.react-flow__node-layer').count()).toBe(layers);
    await page.locator('[data-testid=dock-charts]').click();
    await expect.poll(points, { timeout: 120_000, interval: 250 }).toBeGreaterThan(5);
    const first = await points();
    await expect.poll(points, { timeout: 60_000, interval: 250 }).toBeGreaterThan(first);
    await shot(page, 'training-03-charts-live');

    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid=train-pause]').click();
    await page.locator('[data-testid=train-resume]').waitFor();
    await expect
      .poll(async () => (await page.locator('[data-testid=train-status]').textContent()) ?? '')
      .toContain('Paused');
    // The worker pauses at its next report (every 10 batches): let that one arrive, then nothing more may.
    await page.waitForTimeout(3000);
    const paused = await points();
    await page.waitForTimeout(2000);
    expect(await points()).toBe(paused);
    await shot(page, 'training-04-paused');
    await page.locator('[data-testid=train-resume]').click();
    await expect.poll(points, { timeout: 60_000, interval: 250 }).toBeGreaterThan(paused);

    // Wait for the first epoch (a checkpoint to evaluate), then stop.
    await expect
      .poll(async () => (await page.locator('[data-testid=train-status]').textContent()) ?? '', {
        timeout: 180_000,
        interval: 500,
      })
      .toMatch(/epoch [2-4]\/4/);
    await page.locator('[data-testid=dock-charts]').click();
    await shot(page, 'training-05-charts-epoch');
    await page.locator('[data-testid=tb-train-stop]').click();
    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid=train-result]').waitFor({ timeout: 120_000 });
    expect(await page.locator('[data-testid=train-result]').textContent()).toMatch(/stopped|completed/);
    await expect.poll(() => page.locator('[data-testid=edit-lock]').count()).toBe(0);

    await page.locator('[data-testid=dock-runs]').click();
    await page.locator('[data-testid=run-row]').first().waitFor();
    expect(await page.locator('[data-testid=run-row]').count()).toBe(1);
    await page.locator('[data-testid=run-row] input[type=checkbox]').first().click();
    await page.locator('[data-testid=runs-overlay]').waitFor();
    await shot(page, 'training-06-runs');

    await page.locator('[data-testid=run-evaluate]').first().click();
    await page.locator('[data-testid=confusion]').waitFor({ timeout: 120_000 });
    await page.locator('[data-testid=cm-0-0]').click();
    await page.locator('[data-testid=cell-samples] img').first().waitFor();
    await page.locator('[data-testid=tryit-canvas]').scrollIntoViewIfNeeded();
    const pad = await page.locator('[data-testid=tryit-canvas]').boundingBox();
    if (!pad) throw new Error('no try-it canvas');
    await page.mouse.move(pad.x + pad.width * 0.3, pad.y + pad.height * 0.3);
    await page.mouse.down();
    for (let a = 0; a <= 24; a++) {
      const t = (a / 24) * 2 * Math.PI;
      await page.mouse.move(
        pad.x + pad.width * (0.5 + 0.25 * Math.cos(t)),
        pad.y + pad.height * (0.5 + 0.25 * Math.sin(t)),
      );
    }
    await page.mouse.up();
    await page.locator('[data-testid=tryit-probs]').waitFor();
    await shot(page, 'training-07-tryit');
    await page.locator('[data-testid=confusion]').scrollIntoViewIfNeeded();
    await shot(page, 'training-07-evaluation');
    await page.locator('.react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.locator('[data-testid=dock-modules]').click();
    await page.locator('[data-testid=named-parameters]').waitFor();
    await expect
      .poll(async () => (await page.locator('[data-testid=named-parameters]').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/features\.0\.weight\[6, 1, 5, 5\]150True[-\d]/);
    await shot(page, 'training-08-modules');
    await page.locator('[data-testid=module-child]').first().click();
    await expect
      .poll(async () => (await page.locator('[data-testid=module-panel]').textContent()) ?? '')
      .toContain('features: Sequential');
    await expect.poll(() => page.locator('.react-flow__node.selected').count()).toBeGreaterThan(0);
    // features.0 (Conv2d): its six feature maps for a test sample.
    await page.locator('[data-testid=module-child]').first().click();
    await expect
      .poll(async () => (await page.locator('[data-testid=module-panel]').textContent()) ?? '')
      .toContain('features.0: Conv2d');
    await page.locator('[data-testid=activation-maps]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid=activations]').scrollIntoViewIfNeeded();
    await shot(page, 'training-08b-activations');
  });

  it('trains LeNet-5 on Fashion-MNIST for one epoch to over 80% test accuracy', async () => {
    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid="set-dataset-name"]').selectOption('fashion-mnist');
    await setField('set-training-epochs', '1');
    await setField('set-training-batch_size', '64');
    await page.locator('[data-testid="set-training-scheduler.name"]').selectOption('none');
    await page.locator('[data-testid="set-training-optimizer"]').selectOption('adam');
    await setField('set-training-lr', '0.002');
    await setField('set-dataset-augment', '');
    await page.locator('[data-testid=dock-data]').click();
    await page.locator('[data-testid=augment-preview]').waitFor({ timeout: 120_000 });
    await expect
      .poll(async () => (await page.locator('[data-testid=data-panel]').textContent()) ?? '', { timeout: 120_000 })
      .toContain('60,000 train');
    await shot(page, 'training-09-fashion-data');
    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid=train-start]').click();
    await expect.poll(points, { timeout: 180_000, interval: 500 }).toBeGreaterThan(10);
    await page.locator('[data-testid=dock-charts]').click();
    await page.waitForTimeout(1000);
    await shot(page, 'training-10-fashion-charts');
    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid=train-result]').waitFor({ timeout: 900_000 });
    const text = (await page.locator('[data-testid=train-result]').textContent()) ?? '';
    await shot(page, 'training-11-fashion-done');
    expect(text).toContain('completed');
    const acc = Number(/test accuracy ([\d.]+)%/.exec(text)?.[1]);
    expect(acc).toBeGreaterThan(80);
    await page.locator('[data-testid=dock-evaluation]').click();
    await page.locator('[data-testid=eval-accuracy]').waitFor({ timeout: 180_000 });
    expect(Number.parseFloat((await page.locator('[data-testid=eval-accuracy]').textContent()) ?? '0')).toBeGreaterThan(
      80,
    );
    await shot(page, 'training-12-fashion-evaluation');
  }, 1_200_000);
});
