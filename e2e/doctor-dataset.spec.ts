/**
 * The doctor checks a torchvision template against the dataset the project names (Debian's
 * Chromium against `netloom serve`): ResNet-18 with CIFAR-10 picked in the Training tab is told its
 * Input takes [3, 224, 224] and its classifier gives 1,000 logits; the two fixes make it take
 * [3, 32, 32] and give 10, and the findings go. Screenshot: e2e/screenshots/doctor-dataset-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type OpenedApp } from './support/app';
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

describe('the doctor against the dataset (web host, Chromium)', () => {
  it("fits ResNet-18 to CIFAR-10's samples and classes in two clicks", async () => {
    await page.locator('[data-testid=template-resnet18]').click();
    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid="set-dataset-name"]').selectOption('cifar10');
    await page.locator('[data-testid=dock-doctor]').click();

    const input = page.locator('[data-testid=doctor-finding][data-rule=input-vs-dataset]');
    await input.waitFor();
    expect(await input.textContent()).toMatch(/takes \[3, 224, 224\] but cifar10 gives samples of \[3, 32, 32\]/);
    const classes = page.locator('[data-testid=doctor-finding][data-rule=classifier-vs-classes]');
    expect(await classes.textContent()).toMatch(/1000 logits but cifar10 has 10 classes/);
    await shot(page, 'doctor-dataset-01-findings');

    await input.locator('[data-testid=doctor-fix]', { hasText: 'Input shape [3, 32, 32]' }).click();
    await expect.poll(() => input.count()).toBe(0);
    await classes.locator('[data-testid=doctor-fix]', { hasText: 'out_features 10' }).click();
    await expect.poll(() => classes.count()).toBe(0);
    await shot(page, 'doctor-dataset-02-fixed');
  });
});
