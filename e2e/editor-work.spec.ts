/**
 * The editor for real work (issue 16), in Debian's Chromium against `netloom serve`: what a new
 * user tripped on. Hidden selections, keyboard flow, names a person reads, stale notices, help
 * inside the app, a clean console, and axe-core's serious/critical checks on every main screen and
 * dialog in both themes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch } from './support/browser';
import { serve, type Served } from './support/serve';
import { collapseDock, mod, shot } from './support/editor';
import { axeProblems } from './support/axe';

let server: Served;
let browser: Browser;
let page: Page;
const consoleLines: string[] = [];

beforeAll(async () => {
  server = await serve();
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark' });
  // Every line, not only errors and warnings: a development build's React DevTools notice counts too.
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400) consoleLines.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  page.on('dialog', (d) => void d.accept());
  await page.goto(server.url);
  await page.locator('.react-flow__node-layer[data-id="input"]').waitFor();
  await page.waitForTimeout(1500); // late requests and console output of the first load
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const layer = (type: string) => page.locator(`.react-flow__node-layer:has([data-type="${type}"])`);
const inspectorTitle = () => page.locator('.nl-side.right .nl-insp-type').first().textContent();

async function openTemplate(name: string): Promise<void> {
  await page.locator(`[data-testid=template-${name}]`).click();
  await page.locator('[data-testid=module-node], [data-testid=frame-node]').first().waitFor();
}

async function expand(name: string): Promise<void> {
  const collapsed = page.locator(`[data-testid=module-node][data-name="${name}"]`);
  if (await collapsed.count()) await page.getByLabel(`Expand ${name}`, { exact: true }).click();
  await page.locator(`[data-testid=frame-node][data-name="${name}"]`).waitFor();
}

async function axeClean(where: string, scope?: string): Promise<void> {
  const problems = await axeProblems(page, scope);
  expect(problems, `${where}: ${JSON.stringify(problems, null, 1)}`).toEqual([]);
}

describe('editor for real work (web host, Chromium)', () => {
  it('loads with a clean console: no 404 (favicon included), nothing logged (a production build)', async () => {
    const icon = await page.evaluate(async () => (await fetch('/favicon.ico')).status);
    expect(icon).toBe(200);
    expect(consoleLines).toEqual([]);
    await collapseDock(page);
  });

  it('never keeps a hidden layer selected: collapsing moves the selection to the container; Delete spares hidden layers', async () => {
    await openTemplate('lenet5');
    await expand('features');
    await layer('Conv2d').first().locator('.nl-node-head').click();
    expect(await inspectorTitle()).toBe('Conv2d');
    await page.getByLabel('Collapse features', { exact: true }).click();
    await page.locator('[data-testid=module-node][data-name=features]').waitFor();
    // The selection moved to the collapsed container.
    await expect
      .poll(() => page.locator('[data-testid=module-inspector] .nl-insp-type').textContent())
      .toBe('features');
    await expect
      .poll(() => page.locator('[data-testid=module-node][data-name=features]').getAttribute('class'))
      .toMatch(/selected/);
    // A click on another layer selects only it; Delete removes only it.
    await layer('Flatten').locator('.nl-node-head').click();
    expect(await inspectorTitle()).toBe('Flatten');
    await page.keyboard.press('Delete');
    await expect.poll(() => layer('Flatten').count()).toBe(0);
    expect(await page.locator('[data-testid=module-node][data-name=features] .nl-node-summary').textContent()).toMatch(
      /Sequential · 6 children/,
    );
    await page.keyboard.press(`${mod}+Z`);
    await expect.poll(() => layer('Flatten').count()).toBe(1);
    // Escape and a click on the empty canvas clear the selection, hidden or not.
    await page.locator('[data-testid=module-node][data-name=features] .nl-node-head').click();
    await page.keyboard.press('Escape');
    await expect.poll(inspectorTitle).toBe('LeNet5');
    await layer('Flatten').locator('.nl-node-head').click();
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await expect.poll(inspectorTitle).toBe('LeNet5');
  });

  it('uses module paths where a person reads names: errors, the problem list and the inspector', async () => {
    await expand('classifier');
    await layer('Flatten').locator('.nl-node-head').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('[data-testid=status-errors]').textContent()).toMatch(/error/);
    const errorText = await page.locator('[data-testid=node-error]').first().textContent();
    expect(errorText).toMatch(/classifier\.0/);
    expect(errorText).not.toMatch(/linear_\d|n\d+\b/);
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    const problems = await page.locator('.nl-side.right .nl-insp-error').allTextContents();
    expect(problems.join('\n')).toMatch(/^classifier\.0: /m);
    await layer('Linear').first().locator('.nl-node-head').click();
    expect(await page.locator('[data-testid=inspector] .nl-insp-id').textContent()).toBe('classifier.0');
    await page.keyboard.press(`${mod}+Z`);
    await expect.poll(() => page.locator('[data-testid=status-errors]').textContent()).toBe('no errors');
  });

  it('proposes a free container name in the group dialog', async () => {
    await layer('Flatten').locator('.nl-node-head').click();
    await page.keyboard.press(`${mod}+G`);
    const name = await page.locator('[data-testid=group-name]').inputValue();
    expect(['features', 'classifier', 'flatten']).not.toContain(name);
    await axeClean('group dialog (dark)', '[role=dialog]');
    await page.locator('[data-testid=group-ok]').click();
    await expect.poll(() => page.locator('[role=dialog]').count()).toBe(0);
    await page.keyboard.press(`${mod}+Z`);
  });

  it('places a layer added from the keyboard next to the selection, in view, connected, overlapping nothing; clears the search; Escape in a field returns to the canvas', async () => {
    await page.locator('[data-testid=template-blank]').click();
    await page.locator('.react-flow__node[data-id="input"] .nl-node-head').click();
    for (const q of ['conv2d', 'relu', 'maxpool']) {
      await page.keyboard.press('/');
      await page.keyboard.type(q);
      await page.keyboard.press('Enter');
      expect(await page.locator('[data-testid=palette-search]').inputValue()).toBe('');
    }
    await expect.poll(() => page.locator('.react-flow__node-layer').count()).toBe(4);
    expect(await page.locator('.react-flow__edge').count()).toBe(3);
    const canvas = await page.locator('.react-flow').boundingBox();
    const boxes = await page
      .locator('.react-flow__node-layer')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
    if (!canvas) throw new Error('no canvas');
    for (const b of boxes) {
      expect(b.y + b.height).toBeLessThanOrEqual(canvas.y + canvas.height);
      expect(b.y).toBeGreaterThanOrEqual(canvas.y);
    }
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i],
          b = boxes[j];
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap, `nodes ${i} and ${j} overlap`).toBe(false);
      }
    // The double-click path lands next to the selection too.
    await page.locator('[data-testid=palette-Flatten]').dblclick();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(4);
    const added = await page.locator('.react-flow__node-layer.selected').boundingBox();
    if (!added) throw new Error('no selected node');
    expect(added.y + added.height).toBeLessThanOrEqual(canvas.y + canvas.height);
    // Escape in an inspector field hands the keyboard back to the canvas (Delete works again).
    await page.locator('[data-testid=inspector] [data-testid=param-start_dim]').focus();
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => !!document.activeElement?.closest('.react-flow'))).toBe(true);
    await page.keyboard.press('Delete');
    await expect.poll(() => layer('Flatten').count()).toBe(0);
    for (const type of ['Conv2d', 'ReLU', 'MaxPool2d']) expect(await layer(type).count()).toBe(1);
  });

  it('drops a stale "Opened" notice when another document opens', async () => {
    await page.keyboard.press(`${mod}+Shift+S`);
    const picker = page.locator('[data-netloom-picker]');
    await picker.waitFor();
    await axeClean('save-as dialog (dark)', '[data-netloom-picker]');
    await picker.locator('input').fill('first.netloom.json');
    await picker.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('[data-testid=status-notice]').textContent()).toBe('Saved first.netloom.json');
    await page.keyboard.press(`${mod}+O`);
    await picker.waitFor();
    await axeClean('open dialog (dark)', '[data-netloom-picker]');
    await picker.getByText('first.netloom.json').dblclick();
    await expect
      .poll(() => page.locator('[data-testid=status-notice]').textContent())
      .toBe('Opened first.netloom.json');
    await openTemplate('lenet5');
    await expect.poll(() => page.locator('[data-testid=status-notice]').count()).toBe(0);
  });

  it('opens a shortcut overlay with ? and F1 listing the command registry, and a help button', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const overlay = page.locator('[data-testid=shortcuts]');
    await overlay.waitFor();
    const text = await overlay.textContent();
    for (const label of ['Undo', 'Group into Sequential / Module', 'Fit view', 'Search layers', 'Delete', 'Save as…'])
      expect(text).toContain(label);
    await axeClean('shortcut overlay (dark)', '[data-testid=shortcuts]');
    await page.keyboard.press('Escape');
    await expect.poll(() => overlay.count()).toBe(0);
    await page.keyboard.press('F1');
    await overlay.waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid=help-button]').click();
    await overlay.waitFor();
    await page.keyboard.press('Escape');
  });

  it('explains the selected layer and each of its parameters in the inspector', async () => {
    await expand('classifier');
    await layer('Linear').first().locator('.nl-node-head').click();
    const help = page.locator('[data-testid=layer-help]');
    expect(await help.textContent()).toMatch(/in_features/);
    expect(await page.locator('[data-testid=param-help-out_features]').textContent()).toMatch(/\w/);
    await shot(page, 'work-01-inspector-help');
  });

  it('cuts no label of a collapsed container (name, class, parameter count)', async () => {
    await openTemplate('resnet18');
    await page.locator('[data-testid=module-node][data-name=layer1]').waitFor();
    const cut = await page.locator('[data-testid=module-node]').evaluateAll((nodes) =>
      nodes.flatMap((n) => {
        const out: string[] = [];
        for (const el of [n, ...n.querySelectorAll('*')] as HTMLElement[]) {
          if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
            out.push(`${n.getAttribute('data-name')}: "${el.textContent}" cut`);
        }
        const params = n.querySelector<HTMLElement>('.nl-node-params');
        if (params && params.offsetHeight > 2 * parseFloat(getComputedStyle(params).fontSize))
          out.push(`${n.getAttribute('data-name')}: "${params.textContent}" wraps`);
        return out;
      }),
    );
    expect(cut).toEqual([]);
    await shot(page, 'work-03-resnet18-collapsed');
  });

  it('has no serious or critical accessibility problems on the main screens and dialogs, in both themes', async () => {
    for (const theme of ['dark', 'light'] as const) {
      if ((await page.evaluate(() => document.documentElement.dataset.theme)) !== theme)
        await page.locator('[data-testid="cmd-view.theme"]').click();
      await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
      await axeClean(`main screen (${theme})`);
      for (const tab of await page.locator('[role=tab][data-testid^=dock-]').all()) {
        await tab.click();
        await axeClean(`dock tab ${await tab.getAttribute('data-testid')} (${theme})`);
      }
      await page.keyboard.press(`${mod}+Shift+S`);
      await page.locator('[data-netloom-picker]').waitFor();
      await axeClean(`save-as dialog (${theme})`, '[data-netloom-picker]');
      await shot(page, `work-02-save-dialog-${theme}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press(`${mod}+O`);
      await page.locator('[data-netloom-picker]').waitFor();
      await axeClean(`open dialog (${theme})`, '[data-netloom-picker]');
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="cmd-file.export"]').click();
      await page.locator('[data-testid=export-dialog]').waitFor();
      await axeClean(`export dialog (${theme})`, '[data-testid=export-dialog]');
      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      await page.locator('[data-testid=shortcuts]').waitFor();
      await axeClean(`shortcut overlay (${theme})`, '[data-testid=shortcuts]');
      await page.keyboard.press('Escape');
    }
  });
});
