/**
 * Editor performance in Debian's Chromium against `netloom serve` (a benchmark, not a test):
 * open time of ResNet-50 and DenseNet-121 (template gallery and project file), and frame times
 * while panning, zooming and dragging, collapsed overview and every container expanded.
 *
 *   npx tsx e2e/bench/editor-perf.ts        (prints a Markdown table for docs/PERFORMANCE.md)
 *   npx tsx e2e/bench/editor-perf.ts densenet121     (one network only)
 *   NETLOOM_UI_DIR=tmp/ui-before npx tsx e2e/bench/editor-perf.ts   (another build of the UI, for before/after)
 *
 * Besides requestAnimationFrame deltas (wall time, which a loaded machine stretches), each interaction
 * records Chromium's own CPU accounting through CDP `Performance.getMetrics`: main-thread task time
 * (TaskDuration) and the renderer process's CPU time (ProcessTime, all its threads, raster included),
 * per frame. Those count the work the page does, not the time it waited for a core.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
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
  /** Main-thread task time per frame (ms), from CDP Performance.getMetrics TaskDuration. */
  task: number;
  /** Renderer process CPU time per frame (ms), all threads, from CDP ProcessTime. */
  cpu: number;
}

type Metrics = Record<string, number>;
async function metrics(cdp: CDPSession): Promise<Metrics> {
  const r = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(r.metrics.map((m) => [m.name, m.value]));
}
let cdp: CDPSession;
let before: Metrics = {};

async function startFrames(page: Page) {
  before = await metrics(cdp);
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
  const after = await metrics(cdp);
  const s = [...f].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  const per = (k: string) => ((after[k] - before[k]) * 1000) / Math.max(1, s.length);
  return {
    median: q(0.5),
    p95: q(0.95),
    max: s[s.length - 1] ?? 0,
    count: s.length,
    task: per('TaskDuration'),
    cpu: per('ProcessTime'),
  };
}

/** Time from the click to the first painted frame with the network on the canvas. */
async function timeOpen(page: Page, click: () => Promise<void>, minNodes: number, title: string): Promise<number> {
  await page.evaluate('window.__t0 = performance.now()');
  await click();
  await page.waitForFunction(
    ([n, t]) =>
      // Nodes drawn as elements, or as boxes on the low-zoom canvas (renderer/canvas/FarCanvas.tsx).
      document.querySelectorAll('.react-flow__node').length +
        Number((document.querySelector('[data-testid=far-canvas]') as HTMLElement | null)?.dataset.boxes ?? 0) >=
        Number(n) && document.querySelector('[data-testid=doc-title]')?.textContent === t,
    [minNodes, title] as const,
    { timeout: 30_000, polling: 'raf' },
  );
  return (await page.evaluate(
    'new Promise((r) => requestAnimationFrame(() => r(performance.now() - window.__t0)))',
  )) as number;
}

interface Interaction {
  pan: Frames;
  zoom: Frames;
  /** 40 notches in, then 40 out: from the fitted view past the canvas threshold (30 %) and back. */
  deep: Frames;
  drag: Frames;
  /** Wheel zoom at the drag's zoom, where nodes are elements. */
  near: Frames;
  /** The zoom the interactions start from (the fitted view). */
  fitted: number;
  /** The zoom the node is dragged at. */
  dragZoom: number;
}

const zoomOf = async (page: Page) =>
  (await page.evaluate(
    `(() => { const m = new DOMMatrixReadOnly(getComputedStyle(document.querySelector('.react-flow__viewport')).transform); return m.a; })()`,
  )) as number;

/**
 * Wheel notches in, then as many out; the measurement goes on until the drawing has settled (where the
 * UI switches between the low-zoom canvas and elements, the switch back happens after the gesture and
 * its frames are counted too).
 */
async function wheel(page: Page, x: number, y: number, notches: number) {
  await page.mouse.move(x, y);
  for (let i = 0; i < 2 * notches; i++) {
    await page.mouse.wheel(0, i < notches ? -60 : 60);
    await page.waitForTimeout(16);
  }
  await page.waitForFunction(
    () => {
      const v = document.querySelector('.react-flow__viewport') as HTMLElement | null;
      const mode = document.querySelector('[data-testid=canvas]')?.getAttribute('data-render');
      const w = window as unknown as { benchView?: string };
      const still = w.benchView === v?.style.transform;
      w.benchView = v?.style.transform;
      if (!v || !still) return false;
      if (!mode) return true; // a build without the low-zoom canvas
      return new DOMMatrixReadOnly(getComputedStyle(v).transform).a < 0.3 === (mode === 'canvas');
    },
    undefined,
    { timeout: 30_000, polling: 100 },
  );
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

async function interact(page: Page): Promise<Interaction> {
  const box = await canvasBox(page);
  const fitted = await zoomOf(page);
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
  await wheel(page, box.x + box.width / 2, box.y + box.height / 2, 20);
  const zoom = await stopFrames(page);
  await page.waitForTimeout(400);
  await startFrames(page);
  await wheel(page, box.x + box.width / 2, box.y + box.height / 2, 40);
  const deep = await stopFrames(page);
  // Drag a node: fitted again, and zoomed in at the centre until nodes are elements (above 30 %).
  await page.locator('[data-testid="cmd-view.fit"]').click();
  await page.waitForTimeout(400);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 80 && (await zoomOf(page)) < 0.35; i++) {
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(600);
  const dragZoom = await zoomOf(page);
  const handle = page.locator('.react-flow__node-layer .nl-node-head, .react-flow__node-module .nl-node-head').nth(3);
  const hb = (await handle.count()) ? await handle.boundingBox() : null;
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
  // Zoom where nodes are elements (the zoom of the drag, above 30 %): 20 notches in, 20 out.
  await page.waitForTimeout(400);
  await startFrames(page);
  await wheel(page, box.x + box.width / 2, box.y + box.height / 2, 20);
  const near = await stopFrames(page);
  return { pan, zoom, deep, drag: hb ? drag : { ...drag, count: 0 }, near, fitted, dragZoom };
}

const fmt = (f: Frames) =>
  f.count
    ? `${f.median.toFixed(1)} / ${f.p95.toFixed(1)} / ${f.max.toFixed(1)} (task ${f.task.toFixed(1)}, cpu ${f.cpu.toFixed(1)} ms/frame)`
    : 'n/a (no node drawn as an element)';
const fmtAll = (i: Interaction) =>
  `zoom ${(i.fitted * 100).toFixed(1)} %: pan ${fmt(i.pan)} · zoom ${fmt(i.zoom)} · deep zoom ${fmt(i.deep)} · drag at ${(i.dragZoom * 100).toFixed(0)} % ${fmt(i.drag)} · zoom there ${fmt(i.near)}`;
const only = process.argv.slice(2);

const server = await serve();
const browser = await launch();
const rows: string[] = [];
try {
  for (const name of only.length ? only : ['resnet50', 'densenet121']) {
    const built = buildTemplate(name);
    if (!built.ok) throw new Error(built.error);
    const expanded = { ...built.value, modules: built.value.modules.map(({ collapsed: _c, ...m }) => m) };
    await writeFile(join(server.workspace, `${name}-expanded.netloom.json`), serializeProject(expanded));
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
    page.on('dialog', (d) => void d.accept()); // "discard unsaved changes?" before opening the file
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
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
    const frames = () =>
      document.querySelectorAll('[data-testid=frame-node]').length +
        Number(document.querySelector('[data-testid=far-canvas]')?.getAttribute('data-frames') ?? 0) >
      3;
    await page.waitForFunction(frames, undefined, {
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
    const all = (await page.evaluate(
      `document.querySelectorAll('.react-flow__node').length + Number(document.querySelector('[data-testid=far-canvas]')?.dataset.boxes ?? 0) + Number(document.querySelector('[data-testid=far-canvas]')?.dataset.frames ?? 0)`,
    )) as number;
    const open = await interact(page);
    rows.push(
      `| ${name} | ${built.value.nodes.length} | ${gallery.toFixed(0)} ms | ${expandAll.toFixed(0)} ms | ${file.toFixed(0)} ms (${all} drawn) | ${fmtAll(collapsed)} | ${fmtAll(open)} |`,
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
