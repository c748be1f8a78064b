/** What a person does on the canvas, as Playwright steps (mouse and keyboard only, no store access). */
import type { Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './serve';

export const SHOTS = join(REPO, 'e2e', 'screenshots');

export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export async function canvasBox(page: Page) {
  const box = await page.locator('[data-testid=canvas]').boundingBox();
  if (!box) throw new Error('no canvas');
  return box;
}

/** Drag a palette item onto the canvas at (x, y) relative to the canvas; returns the new node's id (it is selected). */
export async function dropLayer(page: Page, type: string, x: number, y: number): Promise<string> {
  const before = await page.locator('.react-flow__node-layer').count();
  await page.dragAndDrop(`[data-testid=palette-${type}]`, '[data-testid=canvas]', { targetPosition: { x, y } });
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__node-layer').length === n + 1, before);
  const id = await page.locator('.react-flow__node-layer.selected').last().getAttribute('data-id');
  if (!id) throw new Error(`dropped ${type} but no node is selected`);
  return id;
}

async function center(page: Page, selector: string) {
  const b = await page.locator(selector).first().boundingBox();
  if (!b) throw new Error(`not visible: ${selector}`);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
}

/** Drag from the source node's output handle to the target's input port. */
export async function connect(page: Page, source: string, target: string, port = 0): Promise<void> {
  const edges = await page.locator('.react-flow__edge').count();
  const a = await center(page, `.react-flow__node[data-id="${source}"] .react-flow__handle.source`);
  const b = await center(
    page,
    `.react-flow__node[data-id="${target}"] .react-flow__handle[data-handleid="in-${port}"]`,
  );
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 6 });
  await page.mouse.move(b.x, b.y, { steps: 6 });
  await page.mouse.up();
  await page.waitForFunction((n) => document.querySelectorAll('.react-flow__edge').length === n + 1, edges, {
    timeout: 5000,
  });
}

export async function selectNode(page: Page, id: string, add = false): Promise<void> {
  const head = page.locator(`.react-flow__node[data-id="${id}"] .nl-node-head`);
  if (add) await head.click({ modifiers: [mod] });
  else await head.click();
}

/** Type a parameter into the inspector form of the selected node. */
export async function setParam(page: Page, id: string, name: string, value: string): Promise<void> {
  await selectNode(page, id);
  const field = page.locator(`[data-testid=inspector] [data-testid=param-${name}]`);
  await field.fill(value);
}

export async function nodeShape(page: Page, id: string): Promise<string> {
  return (await page.locator(`.react-flow__node[data-id="${id}"] [data-testid=node-shape]`).textContent()) ?? '';
}

export async function edgeLabels(page: Page): Promise<string[]> {
  return page.locator('[data-testid=edge-label]').allTextContents();
}

/** The training dock (another panel under the canvas) is folded away so the canvas has its full height. */
export async function collapseDock(page: Page): Promise<void> {
  const fold = page.getByLabel('Collapse the dock');
  if (await fold.count()) await fold.click();
}
