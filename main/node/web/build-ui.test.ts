import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, utimes, writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../host/test-host';
import { ensureUi, uiIsStale } from './build-ui';

describe('serve finds or rebuilds the UI', () => {
  it('is stale when dist/renderer is missing, older than a source, or a source was deleted', async () => {
    const root = await tempDir();
    const out = join(root, 'dist', 'renderer');
    await mkdir(join(root, 'renderer', 'panels'), { recursive: true });
    await mkdir(join(root, 'app'), { recursive: true });
    await writeFile(join(root, 'renderer', 'panels', 'a.tsx'), 'x');
    await writeFile(join(root, 'app', 'b.ts'), 'y');
    expect(await uiIsStale(root, out)).toBe(true);
    await mkdir(out, { recursive: true });
    const past = new Date(Date.now() - 60_000);
    for (const p of ['renderer/panels/a.tsx', 'renderer/panels', 'renderer', 'app/b.ts', 'app'])
      await utimes(join(root, p), past, past);
    await writeFile(join(out, '.netloom-build'), 'built');
    const built = new Date(Date.now() - 30_000);
    await utimes(join(out, '.netloom-build'), built, built);
    expect(await uiIsStale(root, out)).toBe(false);
    await writeFile(join(root, 'app', 'b.ts'), 'changed');
    expect(await uiIsStale(root, out)).toBe(true);
    await utimes(join(root, 'app', 'b.ts'), past, past);
    await utimes(join(root, 'app'), past, past);
    expect(await uiIsStale(root, out)).toBe(false);
    await rm(join(root, 'renderer', 'panels', 'a.tsx'));
    expect(await uiIsStale(root, out)).toBe(true);
  });

  it('serves NETLOOM_UI_DIR as it is, and says so when it holds no UI', async () => {
    const ui = await tempDir();
    expect(await ensureUi({ env: { NETLOOM_UI_DIR: ui } })).toMatchObject({
      ok: false,
      error: expect.stringContaining('no index.html'),
    });
    await writeFile(join(ui, 'index.html'), '<!doctype html>');
    expect(await ensureUi({ env: { NETLOOM_UI_DIR: ui } })).toEqual({ ok: true, value: ui });
  });

  it('removes folders of killed builds, and reports a failed build as a value', async () => {
    const root = await tempDir();
    const dead = spawnSync('true').pid;
    await mkdir(join(root, 'dist', `.renderer-${dead}`), { recursive: true });
    await mkdir(join(root, 'dist', `.renderer-${process.pid}`), { recursive: true });
    await mkdir(join(root, 'renderer'), { recursive: true });
    const r = await ensureUi({ root, env: {} });
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining('the UI failed to build') });
    expect(existsSync(join(root, 'dist', `.renderer-${dead}`))).toBe(false);
    expect(existsSync(join(root, 'dist', '.renderer.lock'))).toBe(false);
  });
});
