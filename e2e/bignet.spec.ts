/**
 * Big networks in Chromium against `netloom serve`: DenseNet-121 with every container expanded
 * fits the window (the minimum zoom is low enough), and at that zoom edge labels are hidden so they
 * cannot pile onto nodes; hovering an edge shows its own label.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type OpenedApp } from './support/app';
import { canvasBox, collapseDock } from './support/editor';

let app: OpenedApp;
let page: Page;

beforeAll(async () => {
  app = await openApp({ width: 1440, height: 900 }, { colorScheme: 'dark', acceptDialogs: true });
  page = app.page;
  await collapseDock(page);
});

afterAll(async () => app?.close());

describe('big networks (web host, Chromium)', () => {
  it('fits DenseNet-121 fully expanded, with edge labels hidden at that zoom', async () => {
    await page.locator('[data-testid=template-densenet121]').click();
    await page.locator('[data-testid=module-node]').first().waitFor();
    await page.locator('[data-testid=expand-all]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=module-node]').length === 0, null, {
      timeout: 60_000,
    });
    const layers = Number(await page.locator('.nl-facts dd').first().textContent());
    expect(layers).toBeGreaterThan(300);
    await page.locator('[data-testid="cmd-view.fit"]').click();
    await page.waitForTimeout(600); // the fit animates for 200 ms

    // Every layer is drawn (culling keeps off-screen nodes out of the DOM) and lies inside the canvas.
    await expect.poll(() => page.locator('.react-flow__node-layer').count(), { timeout: 10_000 }).toBe(layers);
    const box = await canvasBox(page);
    const bounds = await page.evaluate(() => {
      const r = [...document.querySelectorAll('.react-flow__node')].map((n) => n.getBoundingClientRect());
      return {
        left: Math.min(...r.map((b) => b.left)),
        top: Math.min(...r.map((b) => b.top)),
        right: Math.max(...r.map((b) => b.right)),
        bottom: Math.max(...r.map((b) => b.bottom)),
      };
    });
    expect(bounds.left).toBeGreaterThanOrEqual(box.x - 1);
    expect(bounds.top).toBeGreaterThanOrEqual(box.y - 1);
    expect(bounds.right).toBeLessThanOrEqual(box.x + box.width + 1);
    expect(bounds.bottom).toBeLessThanOrEqual(box.y + box.height + 1);

    // Zoomed out this far, no (error-free) edge label is shown.
    expect(await page.locator('[data-testid=canvas]').getAttribute('data-lod')).toBe('far');
    const shown = () =>
      page.evaluate(
        () =>
          [...document.querySelectorAll('[data-testid=edge-label]')].filter(
            (l) => getComputedStyle(l).display !== 'none',
          ).length,
      );
    expect(await shown()).toBe(0);
    await page.screenshot({ path: '/tmp/bignet-densenet121-fit.png' });
  });
});
