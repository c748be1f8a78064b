/** One browser page on a fresh `netloom serve`, opened and waited for the way every GUI spec starts. */
import type { Browser, Page } from 'playwright-core';
import { launch } from './browser';
import { serve, type Served } from './serve';

export interface OpenedApp {
  server: Served;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export interface OpenOptions {
  colorScheme?: 'dark' | 'light';
  /** Accept every confirm() (discard unsaved work, ...) as a person clicking OK. */
  acceptDialogs?: boolean;
}

export async function openApp(viewport = { width: 1600, height: 1000 }, opts: OpenOptions = {}): Promise<OpenedApp> {
  const server = await serve();
  const browser = await launch();
  const page = await browser.newPage({ viewport, ...(opts.colorScheme ? { colorScheme: opts.colorScheme } : {}) });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  if (opts.acceptDialogs) page.on('dialog', (d) => void d.accept());
  await page.goto(server.url);
  await page.locator('.react-flow__node-layer[data-id="input"]').waitFor();
  return {
    server,
    browser,
    page,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}

/** Types a value into a settings field and leaves it, so the form commits it. */
export async function setField(page: Page, testId: string, value: string): Promise<void> {
  const f = page.locator(`[data-testid="${testId}"]`);
  await f.fill(value);
  await f.blur();
}
