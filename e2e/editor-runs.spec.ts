/**
 * The editor with a training run (issue 16), in Debian's Chromium against `netloom serve`: a run
 * stopped in its second epoch and resumed from the Runs tab keeps its first epoch in the charts;
 * the export dialog starts with the best checkpoint of the latest completed run and says so;
 * the evaluation's class names, the parameter table's columns and the try-it probabilities are
 * whole and on screen; axe-core finds no serious or critical problem on these views.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from './support/browser';
import { serve, type Served } from './support/serve';
import { shot } from './support/editor';
import { axeProblems } from './support/axe';

let server: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  page.on('dialog', (d) => void d.accept());
  await page.goto(server.url);
  await page.locator('.react-flow__node-layer[data-id="input"]').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const dock = () => page.locator('[data-testid=dock]');
const attr = async (name: string) => Number(await dock().getAttribute(name));

async function setField(testId: string, value: string) {
  const f = page.locator(`[data-testid="${testId}"]`);
  await f.fill(value);
  await f.blur();
}

async function axeClean(where: string, scope?: string) {
  const problems = await axeProblems(page, scope);
  expect(problems, `${where}: ${JSON.stringify(problems, null, 1)}`).toEqual([]);
}

describe('editor with a training run (web host, Chromium)', () => {
  it('keeps the earlier curves of a run resumed from the Runs tab', async () => {
    await page.locator('[data-testid=template-lenet5]').click();
    await page.locator('[data-testid=dock-training]').click();
    await page.locator('[data-testid="set-dataset-name"]').selectOption('synthetic');
    await setField('set-dataset-trainSize', '1200');
    await setField('set-dataset-testSize', '300');
    await setField('set-training-epochs', '3');
    await setField('set-training-batch_size', '16');
    await page.locator('[data-testid=tb-train-start]').click();
    await page.locator('[data-testid=edit-lock]').waitFor();
    const t0 = Date.now();
    const say = (what: string) => console.log(`${((Date.now() - t0) / 1000).toFixed(0)} s: ${what}`);
    // Stop during epoch 2.
    await expect.poll(() => attr('data-epoch-points'), { timeout: 180_000, interval: 200 }).toBeGreaterThanOrEqual(1);
    say('epoch 1 done, stopping');
    await page.locator('[data-testid=tb-train-stop]').click();
    await expect
      .poll(() => page.locator('[data-testid=edit-lock]').count(), { timeout: 120_000 })
      .toBe(0)
      .catch(async (e: unknown) => {
        await shot(page, 'work-debug-stop');
        throw e;
      });
    await page.locator('[data-testid=dock-runs]').click();
    say('stopped, resuming');
    await page.locator('[data-testid=run-resume]').click();
    await page.locator('[data-testid=dock-charts]').click();
    // The charts show the whole run: epoch 1 (from before the stop) comes first.
    await expect.poll(() => attr('data-epoch-points'), { timeout: 180_000, interval: 200 }).toBeGreaterThanOrEqual(2);
    expect(await attr('data-first-epoch')).toBe(1);
    // The status bar no longer says the stopped run let go of the graph: the resumed run holds it.
    expect(await page.locator('[data-testid=edit-lock]').count()).toBe(1);
    // The lock banner sits above the canvas and hides no layer.
    const banner = await page.locator('[data-testid=edit-lock]').boundingBox();
    const canvas = await page.locator('[data-testid=canvas]').boundingBox();
    if (!banner || !canvas) throw new Error('no banner or canvas');
    expect(banner.y + banner.height).toBeLessThanOrEqual(canvas.y + 0.5);
    expect((await page.locator('[data-testid=status-notice]').allTextContents()).join('')).not.toContain(
      'can be edited again',
    );
    await shot(page, 'work-10-resumed-charts');
    say('resumed run past its epoch 2');
    await expect
      .poll(() => page.locator('[data-testid=edit-lock]').count(), { timeout: 240_000, interval: 500 })
      .toBe(0);
    await page.locator('[data-testid=dock-runs]').click();
    await expect
      .poll(() => page.locator('[data-testid=run-row] .status.completed').count(), { timeout: 30_000 })
      .toBe(1);
  }, 600_000);

  it('exports the best checkpoint of the latest completed run by default, and says so', async () => {
    await page.locator('[data-testid="cmd-file.export"]').click();
    await page.locator('[data-testid=export-dialog]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid=export-weights]').inputValue(), { timeout: 30_000 })
      .toMatch(/^best:/);
    expect(await page.locator('[data-testid=export-weights-note]').textContent()).toMatch(/latest completed run/);
    await axeClean('export dialog with a run (light)', '[data-testid=export-dialog]');
    await page.locator('[data-testid=export-weights]').selectOption('fresh');
    expect(await page.locator('[data-testid=export-weights]').inputValue()).toBe('fresh');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('[data-testid=export-dialog]').count()).toBe(0);
  });

  it(
    'shows class names, parameter columns and try-it probabilities whole and on screen',
    { timeout: 300_000 },
    async () => {
      await page.locator('[data-testid=dock-runs]').click();
      await page.locator('[data-testid=run-evaluate]').first().click();
      await page.locator('[data-testid=confusion]').waitFor({ timeout: 120_000 });
      const heads = await page
        .locator('.nl-cm th')
        .evaluateAll((ths) =>
          ths
            .filter((th) => th.scrollWidth > th.clientWidth + 1 || th.scrollHeight > th.clientHeight + 1)
            .map((th) => th.textContent),
        );
      expect(heads).toEqual([]);
      const pad = page.locator('[data-testid=tryit-canvas]');
      await pad.scrollIntoViewIfNeeded();
      const b = await pad.boundingBox();
      if (!b) throw new Error('no try-it canvas');
      await page.mouse.move(b.x + b.width * 0.3, b.y + b.height * 0.3);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width * 0.7, b.y + b.height * 0.7, { steps: 8 });
      await page.mouse.up();
      await page.locator('[data-testid=tryit-probs]').waitFor();
      // Every probability row is inside the dock's visible area without scrolling the page past the pad.
      const body = await page.locator('.nl-dock-body').boundingBox();
      const rows = await page
        .locator('.nl-prob')
        .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().bottom));
      if (!body) throw new Error('no dock body');
      for (const bottom of rows) expect(bottom).toBeLessThanOrEqual(body.y + body.height + 1);
      await shot(page, 'work-11-evaluation');
      await axeClean('evaluation (light)');

      await page.locator('[data-testid=dock-modules]').click();
      await page.locator('[data-testid=named-parameters]').waitFor();
      await page.locator('[data-testid=value-histogram]').first().waitFor({ timeout: 60_000 });
      // Each column of named_parameters() can be brought on screen inside the dock (the table scrolls; nothing is clipped away).
      const ths = page.locator('[data-testid=named-parameters] th');
      for (let i = 0; i < (await ths.count()); i++) {
        const th = ths.nth(i);
        await th.scrollIntoViewIfNeeded();
        const r = await th.boundingBox();
        const d = await page.locator('.nl-dock-body').boundingBox();
        if (!r || !d) throw new Error('no column');
        expect(r.x + r.width, `column ${await th.textContent()}`).toBeLessThanOrEqual(d.x + d.width + 1);
      }
      await shot(page, 'work-12-modules');
      await axeClean('modules tab (light)');
    },
  );
});
