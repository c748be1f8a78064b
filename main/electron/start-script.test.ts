// `npm start` (scripts/start.mjs) where Electron cannot run: one line saying why, then `netloom serve`.
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../scripts/start.mjs', import.meta.url));

function start(env: Record<string, string>, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], {
      env: { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '', ...env },
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      if (/token=[0-9a-f]{48}/.test(out)) child.kill('SIGINT');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => resolve(out));
  });
}

describe('npm start without Electron', () => {
  it('says why in one line and serves the app with a token URL', async () => {
    const ui = await mkdtemp(join(tmpdir(), 'netloom-ui-'));
    await writeFile(join(ui, 'index.html'), '<!doctype html>');
    const out = await start({ NETLOOM_UI_DIR: ui, NETLOOM_DATA_DIR: ui }, ['--port', '0', '--dir', ui]);
    const reason = out
      .split('\n')
      .find((l) => l.startsWith('netloom: opening the app in the browser instead of Electron: '));
    expect(reason, out).toBeDefined();
    expect(reason).toMatch(/not installed|not downloaded|binary is missing|no display/);
    expect(out).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}/);
    expect(out).toContain('no display found, so no browser was opened');
  });

  it('honours NETLOOM_NO_ELECTRON', async () => {
    const ui = await mkdtemp(join(tmpdir(), 'netloom-ui-'));
    await writeFile(join(ui, 'index.html'), '<!doctype html>');
    const out = await start({ NETLOOM_NO_ELECTRON: '1', NETLOOM_UI_DIR: ui, NETLOOM_DATA_DIR: ui }, [
      '--port',
      '0',
      '--dir',
      ui,
    ]);
    expect(out).toContain('instead of Electron: NETLOOM_NO_ELECTRON is set.');
  });
});
