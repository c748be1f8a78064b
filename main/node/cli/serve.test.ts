import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../../bin/netloom', import.meta.url));

/** Runs `netloom serve ...` until `until` matches its output (then SIGINT), or until it exits. */
function serve(
  args: string[],
  env: Record<string, string>,
  until?: RegExp,
): Promise<{ code: number | null; out: string; err: string }> {
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
    const r = await serve(
      ['--port', '0', '--dir', ui],
      { NETLOOM_UI_DIR: ui, NETLOOM_DATA_DIR: ui },
      /token=[0-9a-f]{48}/,
    );
    expect(r.out).toMatch(/http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{48}/);
    expect(r.err).not.toContain('WARNING');
    expect(r.code).toBe(0);
  });

  it('warns loudly when bound to a non-loopback address', async () => {
    const ui = await mkdtemp(join(tmpdir(), 'netloom-ui-'));
    await writeFile(join(ui, 'index.html'), '<!doctype html>');
    const r = await serve(
      ['--host', '0.0.0.0', '--port', '0', '--dir', ui],
      { NETLOOM_UI_DIR: ui, NETLOOM_DATA_DIR: ui },
      /token=/,
    );
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

  it.runIf(process.platform === 'linux')(
    'serves from a child with MALLOC_ARENA_MAX=2 (memory flat after worker threads), which stops when the parent is killed',
    async () => {
      const ui = await mkdtemp(join(tmpdir(), 'netloom-ui-'));
      await writeFile(join(ui, 'index.html'), '<!doctype html>');
      const env: NodeJS.ProcessEnv = { ...process.env, NETLOOM_UI_DIR: ui, NETLOOM_DATA_DIR: ui };
      delete env.MALLOC_ARENA_MAX;
      const parent = spawn(process.execPath, [bin, 'serve', '--port', '0', '--dir', ui], { env });
      let out = '';
      parent.stdout.on('data', (d) => (out += d));
      await expect.poll(() => out, { timeout: 120_000, interval: 200 }).toMatch(/token=[0-9a-f]{48}/);
      const tasks = readdirSync(`/proc/${parent.pid}/task`);
      const children = tasks.flatMap((t) =>
        readFileSync(`/proc/${parent.pid}/task/${t}/children`, 'utf8').split(' ').filter(Boolean),
      );
      const server = children.find((c) => readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('serve'));
      expect(server).toBeDefined();
      expect(readFileSync(`/proc/${server}/environ`, 'utf8').split('\0')).toContain('MALLOC_ARENA_MAX=2');
      parent.kill('SIGKILL');
      await expect
        .poll(
          () =>
            existsSync(`/proc/${server}/cmdline`) && readFileSync(`/proc/${server}/cmdline`, 'utf8').includes('serve'),
          { timeout: 60_000, interval: 200 },
        )
        .toBe(false);
    },
  );
});
