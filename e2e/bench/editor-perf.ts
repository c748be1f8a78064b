/**
 * Editor performance in Debian's Chromium against `netloom serve` (a benchmark, not a test):
 * open time of ResNet-50 and DenseNet-121 (template gallery and project file), and frame times
 * while panning, zooming and dragging, collapsed overview and every container expanded.
 *
 *   npx tsx e2e/bench/editor-perf.ts        (prints a Markdown table for docs/PERFORMANCE.md)
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { buildTemplate } from '../../app/templates';
import { serializeProject } from '../../app/graph/schema';
import { launch } from '../support/browser';
import { serve } from '../support/serve';
import { canvasBox } from '../support/editor';

interface Frames {
  median: number;
  p95: number;
  max: number;
  count: number;
}

async function startFrames(page: Page) {
  // Strings, not functions: tsx would wrap functions with helpers the page does not have.
  await page.evaluate(`(() => {
    window.__frames = []; window.__on = true;
    let last = performance.now();
    const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__on) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
}

async function stopFrames(page: Page): Promise<Frames> {
  const f = (await page.evaluate('(() => { window.__on = false; return window.__frames.slice(1); })()')) as number[];
  const s = [...f].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1] ?? 0, count: s.length };
}

/** Time from the click to the first painted frame with the network on the canvas. */
async function timeOpen(page: Page, click: () => Promise<void>, minNodes: number, title: string): Promise<number> {
  await page.evaluate('window.__t0 = performance.now()');
  await click();
  await page.waitForFunction(
    ([n, t]) =>
      document.querySelectorAll('.react-flow__node').length >= Number(n) &&
      document.querySelector('[data-testid=doc-title]')?.textContent === t,
    [minNodes, title] as const,
    { timeout: 30_000, polling: 'raf' },
  );
  return (await page.evaluate(
    'new Promise((r) => requestAnimationFrame(() => r(performance.now() - window.__t0)))',
  )) as number;
}

async function interact(page: Page): Promise<{ pan: Frames; zoom: Frames; drag: Frames }> {
  const box = await canvasBox(page);
  // Pan: drag the empty canvas (right edge is empty in a top-down layout).
  await startFrames(page);
  await page.mouse.move(box.x + box.width - 60, box.y + 80);
  await page.mouse.down();
  for (let i = 0; i < 60; i++) {
    await page.mouse.move(box.x + box.width - 60 - i * 4, box.y + 80 + i * 6);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
  const pan = await stopFrames(page);
  await startFrames(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 40; i++) {
    await page.mouse.wheel(0, i < 20 ? -60 : 60);
    await page.waitForTimeout(16);
  }
  const zoom = await stopFrames(page);
  // Drag the node nearest the centre.
  const handle = page.locator('.react-flow__node-layer .nl-node-head, .react-flow__node-module .nl-node-head').nth(3);
  const hb = await handle.boundingBox();
  await startFrames(page);
  if (hb) {
    await page.mouse.move(hb.x + 30, hb.y + 6);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) {
      await page.mouse.move(hb.x + 30 + i * 3, hb.y + 6 + i * 2);
      await page.waitForTimeout(16);
    }
    await page.mouse.up();
  }
  const drag = await stopFrames(page);
  return { pan, zoom, drag };
}

const fmt = (f: Frames) => `${f.median.toFixed(1)} / ${f.p95.toFixed(1)} / ${f.max.toFixed(1)}`;

const server = await serve();
const browser = await launch();
const rows: string[] = [];
try {
  for (const name of ['resnet50', 'densenet121']) {
    const built = buildTemplate(name);
    if (!built.ok) throw new Error(built.error);
    const expanded = { ...built.value, modules: built.value.modules.map(({ collapsed: _c, ...m }) => m) };
    await writeFile(join(server.workspace, `${name}-expanded.netloom.json`), serializeProject(expanded));
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    page.on('dialog', (d) => void d.accept()); // "discard unsaved changes?" before opening the file
    await page.goto(server.url);
    await page.locator('.react-flow__node-layer').first().waitFor();
    const fold = page.getByLabel('Collapse the dock');
    if (await fold.count()) await fold.click();
    const gallery = await timeOpen(
      page,
      () => page.locator(`[data-testid=template-${name}]`).click(),
      5,
      `${name}.netloom.json`,
    );
    const collapsed = await interact(page);
    // "Expand all" from the collapsed overview (includes the elk layout of every container).
    await page.keyboard.press('Escape');
    await page.locator('.react-flow__pane').click({ position: { x: 8, y: 8 } });
    await page.evaluate('window.__t0 = performance.now()');
    await page.locator('[data-testid=expand-all]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=frame-node]').length > 3, undefined, {
      timeout: 60_000,
      polling: 'raf',
    });
    const expandAll = (await page.evaluate(
      'new Promise((r) => requestAnimationFrame(() => r(performance.now() - window.__t0)))',
    )) as number;
    // Open the fully expanded network as a project file (picker, then measure from "Open").
    await page.keyboard.press('Control+o');
    const picker = page.locator('[data-netloom-picker=open]');
    await picker.waitFor();
    await picker.getByText(`${name}-expanded.netloom.json`).click();
    const file = await timeOpen(
      page,
      () => picker.getByRole('button', { name: 'Open' }).click(),
      20,
      `${name}-expanded.netloom.json`,
    );
    await page.waitForTimeout(300);
    const all = await page.locator('.react-flow__node').count();
    const open = await interact(page);
    rows.push(
      `| ${name} | ${built.value.nodes.length} | ${gallery.toFixed(0)} ms | ${expandAll.toFixed(0)} ms | ${file.toFixed(0)} ms (${all} drawn) | pan ${fmt(collapsed.pan)} · zoom ${fmt(collapsed.zoom)} · drag ${fmt(collapsed.drag)} | pan ${fmt(open.pan)} · zoom ${fmt(open.zoom)} · drag ${fmt(open.drag)} |`,
    );
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(
  '| network | layers | open from gallery (collapsed overview, elk layout) | Expand all (with layout) | open file, all containers expanded | frame ms median / p95 / max, collapsed | frame ms median / p95 / max, expanded |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) console.log(r);
