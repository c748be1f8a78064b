import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../../bin/netloom', import.meta.url));

/** Runs `netloom serve ...` until `until` matches its output (then SIGINT), or until it exits. */
function serve(args: string[], env: Record<string, string>, until?: RegExp): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'serve', ...args], { env: { ...process.env, ...env } });
    let out = '';
    let err = '';
    const check = () => until && until.test(out + err) && child.kill('SIGINT');
    child.stdout.on('data', (d) => ((out += d), check()));
    child.stderr.on('data', (d) => ((err += d), check()));
    child.on('exit', (code) => resolve({ code, out, err }));
  });
}

describe('netloom serve (CLI)', () => {
  it('prints a loopback URL with a token, and stops cleanly on Ctrl+C', async () => {
    const ui = await mkdtemp(join(tmpdir(), 'netloom-ui-'));
    await writeFile(join(ui, 'index.html'), '<!doctype html>');
    const r = await serve(['--port', '0', '--dir', ui], { NETLOOM_UI_DIR: ui, NETLOOM_DATA_DIR: ui }, /token=[0-9a-f]{48}/);
    expect(r.out).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}/);
    expect(r.err).not.toContain('WARNING');
    expect(r.code).toBe(0);
  });

  it('warns loudly when bound to a non-loopback address', async () => {
    const ui = await mkdtemp(join(tmpdir(), 'netloom-ui-'));
    await writeFile(join(ui, 'index.html'), '<!doctype html>');
    const r = await serve(['--host', '0.0.0.0', '--port', '0', '--dir', ui], { NETLOOM_UI_DIR: ui, NETLOOM_DATA_DIR: ui }, /token=/);
    expect(r.err).toContain('WARNING: netloom serve is listening on 0.0.0.0, not on loopback');
  });

  it('refuses bad options with one line and exit 2', async () => {
    const r = await serve(['--port', 'abc'], {});
    expect(r.code).toBe(2);
    expect(r.err).toContain('--port abc');
    expect(r.err).not.toMatch(/\n\s+at /);
    const bad = await serve(['--dir', '/no/such/folder'], { NETLOOM_UI_DIR: '/no/such/ui' });
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('NETLOOM_UI_DIR');
  });
});
