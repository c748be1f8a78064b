/**
 * More of the editor in Chromium against `netloom serve`: palette search and double-click, the
 * recovery offer after a reload with unsaved work, a template with nested containers, the light
 * theme, and the README screenshot.
 */
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, type OpenedApp } from './support/app';
import { REPO } from './support/serve';
import { collapseDock, shot } from './support/editor';

let app: OpenedApp;
let page: Page;

beforeAll(async () => {
  app = await openApp({ width: 1440, height: 900 }, { colorScheme: 'dark', acceptDialogs: true });
  page = app.page;
  await collapseDock(page);
});

afterAll(async () => app?.close());

const layers = () => page.locator('.react-flow__node-layer').count();

describe('editor (web host, Chromium): palette, recovery, templates, themes', () => {
  it('searches the palette with / and adds with Enter or a double-click', async () => {
    await page.locator('[data-testid=canvas]').click({ position: { x: 30, y: 30 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('palette-search');
    await page.keyboard.type('conv2d');
    // The kind first (Enter adds it), then the blocks built around it.
    const found = await page.locator('.nl-palette-item').allTextContents();
    expect(found[0]).toBe('Conv2d');
    expect(found.slice(1).every((t) => !/^Conv/.test(t))).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(layers).toBe(2);
    await page.locator('[data-testid=palette-search]').fill('');
    await page.locator('[data-testid=palette-ReLU]').dblclick();
    await expect.poll(layers).toBe(3);
    // The double-clicked layer lands below the selected Conv2d, connected to it, and is selected itself.
    expect(await page.locator('.react-flow__edge').count()).toBe(1);
    expect(await page.locator('[data-testid=inspector] .nl-insp-type').textContent()).toBe('ReLU');
    // Dropping a layer on an edge splits it.
    const label = await page.locator('[data-testid=edge-label]').first().boundingBox();
    if (!label) throw new Error('no edge label');
    const canvas = await page.locator('[data-testid=canvas]').boundingBox();
    if (!canvas) throw new Error('no canvas');
    await page.dragAndDrop('[data-testid=palette-BatchNorm2d]', '[data-testid=canvas]', {
      targetPosition: { x: label.x - canvas.x + label.width / 2, y: label.y - canvas.y + label.height / 2 },
    });
    await expect.poll(layers).toBe(4);
    expect(await page.locator('.react-flow__edge').count()).toBe(2);
    expect(await page.locator('[data-testid=inspector] .nl-insp-type').textContent()).toBe('BatchNorm2d');
  });

  it('offers the autosaved work after a reload and restores it', async () => {
    await page.waitForTimeout(2600); // autosave runs 2 s after the last change
    await page.reload();
    await collapseDock(page);
    const banner = page.locator('[data-testid=recovery-banner]');
    await banner.waitFor();
    expect(await layers()).toBe(1);
    await page.locator('[data-testid=recovery-restore]').click();
    await expect.poll(layers).toBe(4);
    expect(await page.locator('[data-testid=doc-title]').textContent()).toMatch(/^●/);
  });

  it('opens ResNet-18 collapsed, expands a block, shows print(model), and looks right in both themes', async () => {
    await page.locator('[data-testid=template-resnet18]').click();
    await page.locator('[data-testid=module-node][data-name=layer1]').waitFor();
    expect(await page.locator('[data-testid=status-params]').textContent()).toBe('11,689,512');
    await page.locator('[data-testid=module-node][data-name=layer1] .nl-node-head').dblclick();
    await page.locator('[data-testid=frame-node][data-name=layer1]').waitFor();
    await page.locator('[data-testid=module-node][data-name="0"] .nl-node-head').first().dblclick();
    await page.locator('[data-testid=frame-node][data-name="0"]').waitFor();
    await page.keyboard.press('Control+Shift+L');
    await page.waitForTimeout(800);
    // Zoom in (mouse wheel) on the first convolution of layer1 and select it.
    const convId = await page
      .locator('.react-flow__node-layer')
      .filter({ hasText: 'Conv2d' })
      .nth(1)
      .getAttribute('data-id');
    const conv = page.locator(`.react-flow__node[data-id="${convId}"]`);
    const box = await conv.boundingBox();
    if (!box) throw new Error('layer1 conv not drawn');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, -250);
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(400);
    await conv.locator('.nl-node-head').click();
    expect(await page.locator('[data-testid=inspector-output]').textContent()).toBe('[N, 64, 56, 56]');
    await page.locator('[data-testid=tab-repr]').click();
    expect(await page.locator('[data-testid=repr]').textContent()).toMatch(
      /^ResNet\(\n {2}\(conv1\): Conv2d\(3, 64, kernel_size=\(7, 7\), stride=\(2, 2\), padding=\(3, 3\), bias=False\)/,
    );
    await page.locator('.nl-modules .nl-tab', { hasText: 'Modules' }).click();
    await page.locator('.nl-side.left .nl-scroll').evaluate((el) => {
      el.scrollTop = 0;
    });
    const dark = await shot(page, '10-resnet18-dark');
    await copyFile(dark, join(REPO, 'docs', 'screenshot.png'));
    await page.locator('[data-testid="cmd-view.theme"]').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    await shot(page, '11-resnet18-light');
  });
});
