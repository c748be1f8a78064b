/**
 * Big networks in Chromium against `netloom serve`: DenseNet-121 with every container expanded
 * fits the window (the minimum zoom is low enough), and at that zoom edge labels are hidden so they
 * cannot pile onto nodes; hovering an edge shows its own label.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from './support/browser';
import { serve, type Served } from './support/serve';
import { canvasBox, collapseDock } from './support/editor';

let server: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  page.on('dialog', (d) => void d.accept());
  await page.goto(server.url);
  await page.locator('.react-flow__node-layer[data-id="input"]').waitFor();
  await collapseDock(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

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

  it('lays out ResNet-18 fully expanded as stage columns read left to right, layer1 legible when fitted', async () => {
    await page.locator('[data-testid=template-resnet18]').click();
    await page.locator('[data-testid=module-node]').first().waitFor();
    await page.locator('[data-testid=expand-all]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=module-node]').length === 0);
    await page.locator('[data-testid="cmd-view.fit"]').click();
    await page.waitForTimeout(600); // the fit animates for 200 ms
    await page.screenshot({ path: '/tmp/bignet-resnet18-fit.png' });
    const zoom = await viewportZoom(page);
    // Fitted, the whole network is at least this large (before: one 12,000 px column, fitted at 0.06).
    expect(zoom).toBeGreaterThanOrEqual(0.25);
    const frames = await page.locator('[data-testid=frame-node]').evaluateAll((els) =>
      els.map((e) => {
        const { left, right, top, bottom, height } = e.getBoundingClientRect();
        return { name: e.getAttribute('data-name'), left, right, top, bottom, height };
      }),
    );
    const stage = (n: string) => {
      const f = frames.find((x) => x.name === n);
      if (!f) throw new Error(`no frame ${n}`);
      return f;
    };
    // Stages stand in columns left to right, in order, each beside (not below) the one before.
    for (const [a, b] of [
      ['layer1', 'layer2'],
      ['layer2', 'layer3'],
      ['layer3', 'layer4'],
    ]) {
      expect(stage(b).left).toBeGreaterThanOrEqual(stage(a).right);
      expect(Math.abs(stage(b).top - stage(a).top)).toBeLessThan(stage(a).height / 2);
    }
    // layer1's layers read top-down in execution order, each wholly inside the canvas, type legible.
    const box = await canvasBox(page);
    const l1 = stage('layer1');
    const inLayer1 = await page.evaluate(
      ([x0, y0, x1, y1]) =>
        [...document.querySelectorAll('.react-flow__node-layer')]
          .map((n) => ({ id: n.getAttribute('data-id') ?? '', r: n.getBoundingClientRect(), el: n }))
          .filter(({ r }) => r.left >= x0 && r.right <= x1 && r.top >= y0 && r.bottom <= y1)
          .map(({ id, r, el }) => {
            const type = el.querySelector('.nl-node-type') as HTMLElement;
            return {
              id,
              top: r.top,
              font: parseFloat(getComputedStyle(type).fontSize),
              type: type.textContent,
              cut: type.scrollWidth > type.clientWidth || type.getBoundingClientRect().right > r.right,
            };
          }),
      [l1.left, l1.top, l1.right, l1.bottom] as const,
    );
    expect(inLayer1.map((n) => n.type)).toEqual(
      Array(2).fill(['Conv2d', 'BatchNorm2d', 'ReLU', 'Conv2d', 'BatchNorm2d', 'Add', 'ReLU']).flat(),
    );
    for (let i = 1; i < inLayer1.length; i++) expect(inLayer1[i].top).toBeGreaterThan(inLayer1[i - 1].top);
    expect(l1.left).toBeGreaterThanOrEqual(box.x);
    expect(l1.bottom).toBeLessThanOrEqual(box.y + box.height);
    // Zoomed out, a node shows its type alone in large letters (at least 7 px on screen), not cut off.
    for (const n of inLayer1) expect(n.font * zoom).toBeGreaterThanOrEqual(7);
    for (const n of inLayer1) expect(n.cut).toBe(false);
  });
});

async function viewportZoom(p: Page): Promise<number> {
  return p.locator('.react-flow__viewport').evaluate((v) => new DOMMatrixReadOnly(getComputedStyle(v).transform).a);
}
