/**
 * A Split with two labelled output handles, each wired on its own, and the palette's
 * SqueezeExcitation block inserted after a layer, in Chromium against `netloom serve`
 * (screenshots under e2e/screenshots: split-node.png, se-block.png).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type OpenedApp } from './support/app';
import { collapseDock, edgeLabels, nodeShape, selectNode, setParam, shot } from './support/editor';
import { edgesThroughNodes, portClashes } from './support/geometry';

let app: OpenedApp;
beforeAll(async () => {
  app = await openApp({ width: 1280, height: 860 });
  await collapseDock(app.page);
}, 240_000);
afterAll(async () => app?.close());

/** Nodes drawn under the minimap or the zoom buttons (their data-id). */
const underOverlays = (page: Page) =>
  page.evaluate(() => {
    const boxes = ['.react-flow__minimap', '.react-flow__controls']
      .map((s) => document.querySelector(s)?.getBoundingClientRect())
      .filter((r): r is DOMRect => !!r && r.width > 0);
    return [...document.querySelectorAll('.react-flow__node-layer')]
      .filter((n) => {
        const a = n.getBoundingClientRect();
        return boxes.some((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom);
      })
      .map((n) => n.getAttribute('data-id'));
  });

const selected = async () => {
  const id = await app.page.locator('.react-flow__node-layer.selected').last().getAttribute('data-id');
  if (!id) throw new Error('nothing selected');
  return id;
};

describe('Split and blocks on the canvas', () => {
  it('draws one labelled handle per output and wires each on its own', async () => {
    const page = app.page;
    await selectNode(page, 'input');
    await page.locator('[data-testid=palette-Conv2d]').dblclick();
    const conv = await selected();
    await page.locator('[data-testid=palette-Split]').dblclick();
    const split = await selected();
    // The starter split size 2 cuts 16 channels into 8 outputs; sections [12, 4] into two.
    await expect.poll(() => page.locator(`[data-id="${split}"] [data-testid=output-handle]`).count()).toBe(8);
    await setParam(page, split, 'split_size_or_sections', '12, 4');
    const handles = page.locator(`[data-id="${split}"] [data-testid=output-handle]`);
    await expect.poll(() => handles.count()).toBe(2);
    expect(await handles.allTextContents()).toEqual(['0', '1']);
    expect(await handles.nth(1).getAttribute('title')).toBe('output 1 [N, 4, 26, 26]');
    expect(await nodeShape(page, split)).toBe('[N, 12, 26, 26]');
    // A ReLU added with nothing selected (unconnected), wired from output 1 by dragging from that handle.
    await page.locator('[data-testid=canvas] .react-flow__pane').click({ position: { x: 30, y: 30 } });
    await page.locator('[data-testid=palette-ReLU]').dblclick();
    const relu = await selected();
    const edges = await page.locator('.react-flow__edge').count();
    const from = await handles.nth(1).boundingBox();
    const to = await page.locator(`[data-id="${relu}"] [data-handleid="in-0"]`).boundingBox();
    if (!from || !to) throw new Error('handles not drawn');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 8 });
    await page.mouse.up();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(edges + 1);
    expect(await edgeLabels(page)).toContain('out 1[N, 4, 26, 26]');
    expect(await nodeShape(page, relu)).toBe('[N, 4, 26, 26]');
    expect(await page.locator('[data-testid=status-errors]').textContent()).toBe('no errors');
    await page.getByRole('button', { name: 'Layout' }).click();
    await page.keyboard.press('f');
    // Port numbers, handles and edge labels stay apart, fitted and at 100% around the Split.
    await expect.poll(() => portClashes(page)).toEqual([]);
    await shot(page, 'split-node');
    await page.locator(`[data-id="${split}"] .nl-node-head`).hover();
    await page.keyboard.press('Control+0');
    await expect.poll(() => viewportZoom(page)).toBeCloseTo(1, 2);
    await expect.poll(() => portClashes(page)).toEqual([]);
    await shot(page, 'split-node-100');
    await page.keyboard.press('f');
    void conv;
  });

  it('inserts a SqueezeExcitation after the selected layer, sized to its channels and wired', async () => {
    const page = app.page;
    const convId = await page
      .locator('.react-flow__node-layer:has([data-type=Conv2d])')
      .first()
      .getAttribute('data-id');
    await selectNode(page, convId ?? '');
    const before = await page.locator('.react-flow__node-layer').count();
    const placed = await flowPositions(page);
    await page.locator('[data-testid=block-SqueezeExcitation]').click();
    // Inserted (it is laid out first) when the module tree lists it; then fit the view: the canvas draws
    // only the nodes on screen.
    await page.locator('[data-testid=tree-row]', { hasText: 'SqueezeExcitation' }).waitFor();
    await page.keyboard.press('f');
    await expect.poll(() => page.locator('.react-flow__node-layer').count(), { timeout: 20_000 }).toBe(before + 6);
    await expect
      .poll(() => page.locator('.nl-frame-head').allTextContents())
      .toContainEqual(expect.stringContaining('SqueezeExcitation'));
    // The fit keeps every node out from under the minimap and the zoom buttons.
    await expect.poll(() => underOverlays(page)).toEqual([]);
    const mul = await page.locator('.react-flow__node-layer:has([data-type=Mul])').getAttribute('data-id');
    expect(await nodeShape(page, mul ?? '')).toBe('[N, 16, 26, 26]');
    expect(await page.locator('[data-testid=status-errors]').textContent()).toBe('no errors');
    // The block is laid out as Layout would lay it out: its skip edge into Mul runs beside its nodes, no
    // edge passes through a node; the user's own nodes stay where they were.
    await expect.poll(() => edgesThroughNodes(page)).toEqual([]);
    expect(await portClashes(page)).toEqual([]);
    const after = await flowPositions(page);
    for (const [id, p] of placed) expect(after.get(id), id).toEqual(p);
    await shot(page, 'se-block');
  });

  it('lays out an InvertedResidual inserted after the last layer too: no edge through a node, nothing else moved', async () => {
    const page = app.page;
    const relu = await page.locator('.react-flow__node-layer:has([data-type=ReLU])').first().getAttribute('data-id');
    await selectNode(page, relu ?? '');
    const placed = await flowPositions(page);
    const before = await page.locator('.react-flow__node-layer').count();
    await page.locator('[data-testid=block-InvertedResidual]').click();
    await page.locator('[data-testid=tree-row]', { hasText: 'InvertedResidual' }).waitFor();
    await page.keyboard.press('f');
    await expect
      .poll(() => page.locator('.react-flow__node-layer').count(), { timeout: 20_000 })
      .toBeGreaterThan(before + 3);
    expect(await page.locator('[data-testid=status-errors]').textContent()).toBe('no errors');
    await expect.poll(() => edgesThroughNodes(page)).toEqual([]);
    expect(await portClashes(page)).toEqual([]);
    const after = await flowPositions(page);
    for (const [id, p] of placed) expect(after.get(id), id).toEqual(p);
    await shot(page, 'inverted-residual-block');
    // Laid out left to right, edges still keep off the nodes and port numbers.
    await page.locator('[data-testid="cmd-view.direction"]').click();
    await expect.poll(() => page.locator('.nl-node.horizontal').count()).toBeGreaterThan(0);
    await expect.poll(() => edgesThroughNodes(page)).toEqual([]);
    expect(await portClashes(page)).toEqual([]);
    await shot(page, 'blocks-left-to-right');
  });
});

/** Where each drawn layer node sits in flow coordinates (React Flow's transform on the node). */
async function flowPositions(page: Page): Promise<Map<string, string>> {
  const all = await page
    .locator('.react-flow__node-layer')
    .evaluateAll((els) => els.map((e) => [e.getAttribute('data-id') ?? '', (e as HTMLElement).style.transform]));
  return new Map(all as [string, string][]);
}

async function viewportZoom(page: Page): Promise<number> {
  return page.locator('.react-flow__viewport').evaluate((v) => new DOMMatrixReadOnly(getComputedStyle(v).transform).a);
}
