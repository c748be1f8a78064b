/**
 * The editor end to end, in Debian's Chromium against `netloom serve`: build LeNet-5 from an empty
 * canvas with the mouse, read the shapes, make and fix a shape error, group and collapse, undo and
 * redo, save through the host, reload, open, and find the same graph.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from './support/browser';
import { serve, type Served } from './support/serve';
import {
  canvasBox,
  connect,
  dropLayer,
  edgeLabels,
  mod,
  nodeShape,
  selectNode,
  setParam,
  shot,
  collapseDock,
} from './support/editor';

let server: Served;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(server.url);
  await page.locator('.react-flow__node-layer[data-id="input"]').waitFor();
  await collapseDock(page);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('editor (web host, Chromium)', () => {
  const ids: Record<string, string> = {};

  it('builds LeNet-5 from an empty canvas by dragging from the palette and connecting handles', async () => {
    const box = await canvasBox(page);
    // Move the Input node to the top-left corner of the grid.
    const input = await page.locator('.react-flow__node[data-id="input"] .nl-node-head').boundingBox();
    if (!input) throw new Error('no Input node');
    await page.mouse.move(input.x + 20, input.y + 8);
    await page.mouse.down();
    await page.mouse.move(box.x + 60, box.y + 50, { steps: 8 });
    await page.mouse.up();

    const col = (c: number) => 150 + 300 * c;
    const row = (r: number) => 70 + 160 * r;
    const plan: [string, string, number, number][] = [
      ['conv1', 'Conv2d', 0, 1],
      ['relu1', 'ReLU', 0, 2],
      ['pool1', 'MaxPool2d', 0, 3],
      ['conv2', 'Conv2d', 1, 0],
      ['relu2', 'ReLU', 1, 1],
      ['pool2', 'MaxPool2d', 1, 2],
      ['fc1', 'Linear', 1, 3],
      ['relu3', 'ReLU', 2, 0],
      ['fc2', 'Linear', 2, 1],
      ['relu4', 'ReLU', 2, 2],
      ['fc3', 'Linear', 2, 3],
    ];
    for (const [name, type, c, r] of plan) ids[name] = await dropLayer(page, type, col(c), row(r));
    ids.input = 'input';
    const chain = [
      'input',
      'conv1',
      'relu1',
      'pool1',
      'conv2',
      'relu2',
      'pool2',
      'fc1',
      'relu3',
      'fc2',
      'relu4',
      'fc3',
    ];
    for (let i = 1; i < chain.length; i++) await connect(page, ids[chain[i - 1]], ids[chain[i]]);

    await setParam(page, ids.conv1, 'out_channels', '6');
    await setParam(page, ids.conv1, 'kernel_size', '5');
    await setParam(page, ids.conv1, 'padding', '2');
    await setParam(page, ids.pool1, 'kernel_size', '2');
    await setParam(page, ids.conv2, 'kernel_size', '5');
    await setParam(page, ids.pool2, 'kernel_size', '2');
    await setParam(page, ids.fc1, 'out_features', '120');
    await setParam(page, ids.fc2, 'out_features', '84');
    expect(await nodeShape(page, ids.conv1)).toBe('[N, 6, 28, 28]');
    expect(await nodeShape(page, ids.pool2)).toBe('[N, 16, 5, 5]');
    await shot(page, '01-lenet-built-with-error');
  });

  it('shows the shape error on the node and the edge, and fixes it with one click', async () => {
    const fc1 = page.locator(`.react-flow__node[data-id="${ids.fc1}"]`);
    await expect.poll(() => fc1.locator('[data-testid=node-error]').textContent()).toMatch(/Flatten/);
    expect(await page.locator('.nl-edge-label.error').allTextContents()).toContain('[N, 16, 5, 5]');
    expect(await page.locator('[data-testid=status-errors]').textContent()).toMatch(/1 error/);
    await fc1.locator('[data-testid=fix-button]').click();
    await expect.poll(() => page.locator('[data-testid=status-errors]').textContent()).toBe('no errors');
    expect(await page.locator('.react-flow__node-layer [data-type=Flatten]').count()).toBe(1);
    expect(await nodeShape(page, ids.fc3)).toBe('[N, 10]');
    const labels = await edgeLabels(page);
    for (const s of [
      '[N, 1, 28, 28]',
      '[N, 6, 28, 28]',
      '[N, 6, 14, 14]',
      '[N, 16, 10, 10]',
      '[N, 16, 5, 5]',
      '[N, 400]',
      '[N, 120]',
      '[N, 84]',
    ]) {
      expect(labels).toContain(s);
    }
    expect(await page.locator('[data-testid=status-params]').textContent()).toBe('61,706');
    await page.locator('[data-testid="cmd-view.layout"]').click();
    await page.waitForTimeout(600);
    await selectNode(page, ids.conv1);
    await shot(page, '02-lenet-fixed-laid-out');
  });

  it('groups the feature extractor into a Sequential, collapses it, and undoes and redoes that', async () => {
    await selectNode(page, ids.conv1);
    for (const n of ['relu1', 'pool1', 'conv2', 'relu2', 'pool2']) await selectNode(page, ids[n], true);
    await page.keyboard.press(`${mod}+g`);
    await page.locator('[data-testid=group-name]').fill('features');
    await page.locator('[data-testid=group-ok]').click();
    await page.locator('[data-testid=frame-node][data-name=features]').waitFor();
    await shot(page, '03-grouped');
    await page.getByLabel('Collapse features').click();
    const box = page.locator('[data-testid=module-node][data-name=features]');
    await box.waitFor();
    expect(await box.locator('[data-testid=node-shape]').textContent()).toBe('[N, 16, 5, 5]');
    expect(await box.textContent()).toMatch(/6 children/);
    await page.locator('[data-testid="cmd-view.layout"]').click();
    await page.waitForTimeout(600);
    await shot(page, '04-collapsed');

    await page.keyboard.press(`${mod}+z`); // layout
    await page.keyboard.press(`${mod}+z`); // collapse
    await page.locator('[data-testid=frame-node][data-name=features]').waitFor();
    await page.keyboard.press(`${mod}+Shift+z`);
    await page.keyboard.press(`${mod}+y`);
    await box.waitFor();
    expect(await page.locator('[data-testid=status-params]').textContent()).toBe('61,706');
  });

  it('saves through the host, reloads, opens the file and finds the same graph', async () => {
    await page.keyboard.press(`${mod}+s`);
    const picker = page.locator('[data-netloom-picker=save]');
    await picker.waitFor();
    await picker.getByPlaceholder('file name').fill('lenet5.netloom.json');
    await picker.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('[data-testid=status-save]').textContent()).toMatch(/^saved/);
    expect(await page.locator('[data-testid=doc-title]').textContent()).toBe('lenet5.netloom.json');
    const saved = JSON.parse(await readFile(join(server.workspace, 'lenet5.netloom.json'), 'utf8'));
    expect(saved.nodes).toHaveLength(13);
    expect(saved.modules).toEqual([expect.objectContaining({ name: 'features', kind: 'Sequential', collapsed: true })]);

    await page.reload();
    await page.locator('.react-flow__node-layer[data-id="input"]').waitFor();
    expect(await page.locator('[data-testid=status-params]').textContent()).toBe('0');
    await page.keyboard.press(`${mod}+o`);
    const open = page.locator('[data-netloom-picker=open]');
    await open.waitFor();
    await open.getByText('lenet5.netloom.json').click();
    await open.getByRole('button', { name: 'Open' }).click();
    await page.locator('[data-testid=module-node][data-name=features]').waitFor();
    expect(await page.locator('[data-testid=status-params]').textContent()).toBe('61,706');
    expect(await page.locator('[data-testid=status-errors]').textContent()).toBe('no errors');
    expect(await page.locator('.react-flow__node-layer').count()).toBe(13 - 6);
    expect(await nodeShape(page, ids.fc3)).toBe('[N, 10]');
    await shot(page, '05-reopened');
  });
});
