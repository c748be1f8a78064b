/**
 * The low-zoom canvas in Chromium against `netloom serve`: below 30 % zoom the graph is drawn on one
 * <canvas> (renderer/canvas/FarCanvas.tsx) instead of React Flow's elements. With DenseNet-121 fully
 * expanded and fitted, every layer is drawn (counted through the canvas's `drawn` hook and sampled in
 * its pixels), a click selects the layer under it, a double-click zooms in to it, and crossing the
 * threshold brings back exactly the elements in view, none lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type OpenedApp } from './support/app';
import { collapseDock, mod } from './support/editor';

let app: OpenedApp;
let page: Page;

beforeAll(async () => {
  app = await openApp({ width: 1440, height: 900 }, { colorScheme: 'dark', acceptDialogs: true });
  page = app.page;
  await collapseDock(page);
});

afterAll(async () => app?.close());

interface Drawn {
  id: string;
  kind: string;
  x: number;
  y: number;
  w: number;
  h: number;
  selected: boolean;
}

const render = () => page.locator('[data-testid=canvas]').getAttribute('data-render');

/** The viewport transform [x, y, zoom] and the boxes the canvas's last frame drew. */
async function drawn(): Promise<{ t: [number, number, number]; boxes: Drawn[] }> {
  return page.evaluate(() => {
    const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
    const c = document.querySelector('[data-testid=far-canvas]') as (HTMLCanvasElement & { drawn?: Drawn[] }) | null;
    const boxes = (c?.drawn ?? []).map(({ id, kind, x, y, w, h, selected }) => ({ id, kind, x, y, w, h, selected }));
    return { t: [m.e, m.f, m.a] as [number, number, number], boxes };
  });
}

/** Screen position (page coordinates) of a flow point. */
async function toScreen(x: number, y: number): Promise<{ x: number; y: number }> {
  const { t } = await drawn();
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no pane');
  return { x: pane.x + t[0] + x * t[2], y: pane.y + t[1] + y * t[2] };
}

/**
 * Waits until the drawing matches the zoom: the canvas below 30 %, elements above (they return once the
 * view has rested). No fixed delay: a loaded machine may take any time.
 */
const settle = async (min = 0, max = Infinity) => {
  await page.waitForFunction(
    ([lo, hi]) => {
      const v = document.querySelector('.react-flow__viewport') as HTMLElement | null;
      const mode = document.querySelector('[data-testid=canvas]')?.getAttribute('data-render');
      if (!v) return false;
      // The view has not moved since the last poll (a fit or zoom animation is over).
      const w = window as unknown as { lastView?: string };
      const still = w.lastView === v.style.transform;
      w.lastView = v.style.transform;
      const z = new DOMMatrixReadOnly(getComputedStyle(v).transform).a;
      return still && z >= lo && z <= hi && z < 0.3 === (mode === 'canvas');
    },
    [min, max] as const,
    { timeout: 60_000, polling: 150 },
  );
};
const poll = { timeout: 30_000 };

describe('low-zoom canvas (web host, Chromium)', () => {
  let layers = 0;
  /** Every layer's box, as the fitted view drew them (flow coordinates). */
  let all: Drawn[] = [];

  it('draws every layer of DenseNet-121 fully expanded, fitted, on one canvas and no node element', async () => {
    await page.locator('[data-testid=template-densenet121]').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid=doc-title]')?.textContent?.includes('densenet121'),
    );
    await page.locator('[data-testid=expand-all]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=module-node]').length === 0, null, {
      timeout: 60_000,
    });
    layers = Number(await page.locator('.nl-facts dd').first().textContent());
    expect(layers).toBe(432);
    await page.locator('[data-testid="cmd-view.fit"]').click();
    await settle(0, 0.29); // fitted, DenseNet-121 expanded is far below 30 %

    expect(await render()).toBe('canvas');
    expect(await page.locator('.react-flow__node').count()).toBe(0);
    const { t, boxes } = await drawn();
    expect(t[2]).toBeLessThan(0.3);
    const layerBoxes = boxes.filter((b) => b.kind === 'layer');
    expect(new Set(layerBoxes.map((b) => b.id)).size).toBe(layers);
    all = layerBoxes;
    expect(Number(await page.locator('[data-testid=far-canvas]').getAttribute('data-boxes'))).toBe(layers);

    // Each box is really painted: the pixel at its centre has the node fill, not the empty (transparent) canvas.
    const unpainted = () =>
      page.evaluate(
        ([list, tr]) => {
          const c = document.querySelector('[data-testid=far-canvas]') as HTMLCanvasElement;
          const ctx = c.getContext('2d')!;
          const dpr = c.width / c.clientWidth;
          const img = ctx.getImageData(0, 0, c.width, c.height).data;
          // Through a 2D context, so that any CSS colour syntax ('#fff') comes back as #rrggbb.
          const probe = document.createElement('canvas').getContext('2d')!;
          probe.fillStyle = getComputedStyle(c).getPropertyValue('--node').trim();
          const fill = String(probe.fillStyle);
          const rgb = [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16));
          const bad: string[] = [];
          for (const b of list) {
            const x = Math.floor((tr[0] + (b.x + b.w * 0.6) * tr[2]) * dpr);
            const y = Math.floor((tr[1] + (b.y + b.h / 2) * tr[2]) * dpr);
            const k = (y * c.width + x) * 4;
            const px = [img[k], img[k + 1], img[k + 2], img[k + 3]];
            if (px[3] !== 255 || px.slice(0, 3).some((v, i) => Math.abs(v - rgb[i]) > 24))
              bad.push(`${b.id} ${px} (fill ${fill})`);
          }
          return bad;
        },
        [layerBoxes, t] as const,
      );
    expect(await unpainted()).toEqual([]);
    // The light theme repaints the boxes in its own node colour.
    await page.locator('[data-testid="cmd-view.theme"]').click();
    await expect.poll(unpainted, poll).toEqual([]);
    await page.screenshot({ path: '/tmp/farcanvas-densenet121-fit-light.png' });
    await page.locator('[data-testid="cmd-view.theme"]').click();
    await expect.poll(unpainted, poll).toEqual([]);
    await page.screenshot({ path: '/tmp/farcanvas-densenet121-fit.png' });
  });

  it('selects the layer under a click at low zoom, adds with Ctrl, clears on empty canvas', async () => {
    await page.locator('[data-testid="cmd-view.fit"]').click();
    await settle(0, 0.29);
    // Zoom in a little (still below 30 %) so boxes are a few pixels tall.
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
    while ((await drawn()).t[2] < 0.15) {
      await page.mouse.wheel(0, -100);
      await page.waitForTimeout(60);
    }
    await settle();
    expect(await render()).toBe('canvas');
    const { t, boxes } = await drawn();
    // The two layers nearest the middle of the view.
    const cx = (pane.width / 2 - t[0]) / t[2],
      cy = (pane.height / 2 - t[1]) / t[2];
    const near = boxes
      .filter((x) => x.kind === 'layer')
      .sort((p, q) => Math.hypot(p.x - cx, p.y - cy) - Math.hypot(q.x - cx, q.y - cy));
    const [a, b] = near;
    const pa = await toScreen(a.x + a.w / 2, a.y + a.h / 2);
    await page.mouse.click(pa.x, pa.y);
    await expect
      .poll(async () => (await drawn()).boxes.filter((x) => x.selected).map((x) => x.id), poll)
      .toEqual([a.id]);
    await expect
      .poll(() => page.locator('[data-testid=inspector] .nl-insp-id').getAttribute('title'))
      .toBe(`id ${a.id}`);
    await page.screenshot({ path: '/tmp/farcanvas-selected.png' });

    const pb = await toScreen(b.x + b.w / 2, b.y + b.h / 2);
    await page.keyboard.down(mod);
    await page.mouse.click(pb.x, pb.y);
    await page.keyboard.up(mod);
    await expect.poll(() => page.locator('.nl-insp-type').first().textContent(), poll).toBe('2 selected');

    // Empty canvas (far left of the pane, outside the network) clears the selection.
    const empty = await toScreen(Math.min(...boxes.map((x) => x.x)) - 400, a.y);
    await page.mouse.click(empty.x, empty.y);
    await expect.poll(async () => (await drawn()).boxes.filter((x) => x.selected).length, poll).toBe(0);
    await page.mouse.click(pa.x, pa.y); // selected again for the next test
  });

  it('double-click zooms in to a layer; crossing 30 % brings back exactly the elements in view, none lost', async () => {
    const before = await drawn();
    const a = before.boxes.find((b) => b.selected);
    if (!a) throw new Error('nothing selected');
    const pa = await toScreen(a.x + a.w / 2, a.y + a.h / 2);
    await page.mouse.dblclick(pa.x, pa.y);
    await settle(0.95); // the double-click zooms to 100 %
    expect(await render()).toBe('elements');
    const node = page.locator(`.react-flow__node-layer[data-id="${a.id}"]`);
    await expect.poll(() => node.count(), poll).toBe(1);
    expect(await node.getAttribute('class')).toContain('selected');
    await page.screenshot({ path: '/tmp/farcanvas-zoomed-in.png' });

    // Zoom out step by step across the threshold and back; at each stop the drawing is complete.
    const pane = await page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no pane');
    for (const target of [0.32, 0.28, 0.34]) {
      await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
      for (let i = 0; i < 100; i++) {
        const z = (await drawn()).t[2];
        if (Math.abs(z - target) < 0.015) break;
        await page.mouse.wheel(0, z > target ? 15 : -15);
        await page.waitForTimeout(40);
      }
      await settle();
      const { t, boxes } = await drawn();
      const view = {
        x0: -t[0] / t[2],
        y0: -t[1] / t[2],
        x1: (pane.width - t[0]) / t[2],
        y1: (pane.height - t[1]) / t[2],
      };
      const margin = 8 / t[2];
      const inside = (b: Drawn, m: number) =>
        b.x + b.w > view.x0 + m && b.x < view.x1 - m && b.y + b.h > view.y0 + m && b.y < view.y1 - m;
      // Every layer wholly in view (by the boxes drawn before) is drawn now, and nothing outside it.
      const expected = all.filter((b) => inside(b, margin)).map((b) => b.id);
      const possible = new Set(all.filter((b) => inside(b, -margin)).map((b) => b.id));
      expect(expected.length).toBeGreaterThan(10);
      if (t[2] < 0.3) {
        expect(await render()).toBe('canvas');
        expect(await page.locator('.react-flow__node').count()).toBe(0);
        const ids = new Set(boxes.filter((b) => b.kind === 'layer').map((b) => b.id));
        for (const id of expected) expect(ids.has(id), `${id} drawn at ${t[2]}`).toBe(true);
        for (const id of ids) expect(possible.has(id), `${id} in view at ${t[2]}`).toBe(true);
      } else {
        expect(await render()).toBe('elements');
        const ids = new Set(
          await page.locator('.react-flow__node-layer').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))),
        );
        for (const id of expected) expect(ids.has(id), `${id} is an element at ${t[2]}`).toBe(true);
      }
      await page.screenshot({ path: `/tmp/farcanvas-at-${Math.round(t[2] * 100)}.png` });
    }
  });
});
