/** `netloom data` spawned as a person runs it. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');
const dir = mkdtempSync(join(tmpdir(), 'netloom-cli-data-'));
const env = { ...process.env, NETLOOM_CACHE_DIR: join(dir, 'cache') };

async function netloom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { encoding: 'utf8', env, cwd: dir, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('netloom data', () => {
  it('info --json on Fashion-MNIST gives counts, classes, shape, balance and mean/std', async () => {
    const r = await netloom('data', 'info', 'fashion-mnist', '--json');
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout);
    expect(info.train).toBe(60000);
    expect(info.test).toBe(10000);
    expect(info.shape).toEqual([1, 28, 28]);
    expect(info.classes[9]).toBe('Ankle boot');
    expect(info.class_counts.train).toEqual(new Array(10).fill(6000));
    expect(info.mean[0]).toBeCloseTo(0.286, 3);
    expect(info.std[0]).toBeCloseTo(0.353, 3);
  });
  it('info on a CSV file and list', async () => {
    writeFileSync(join(dir, 't.csv'), 'a,b,label\n1,2,x\n3,4,y\n5,6,x\n');
    const r = await netloom('data', 'info', 'csv:t.csv', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      train: 3,
      test: 0,
      shape: [2],
      classes: ['x', 'y'],
      class_counts: { train: [2, 1] },
    });
    const l = await netloom('data', 'list', '--json');
    expect(
      (JSON.parse(l.stdout) as { name: string; location: string }[]).find((s) => s.name === 'fashion-mnist')?.location,
    ).toBe('/usr/share/datasets/fashion-mnist');
  });
  it('preview writes a PNG grid of augmented samples', async () => {
    const out = join(dir, 'grid.png');
    const r = await netloom(
      'data',
      'preview',
      'synthetic',
      '--augment',
      'flip,rotate=15,noise=0.05',
      '-o',
      out,
      '--samples',
      '4',
    );
    expect(r.code).toBe(0);
    const png = PNG.sync.read(readFileSync(out));
    expect(png.width).toBe(8 * 28 * 3 + 9 * 2);
    expect(png.height).toBe(4 * 28 * 3 + 5 * 2);
  });
  it('missing data, unknown sources and bad recipes: one clear line, exit 2', async () => {
    const m = await netloom('data', 'info', 'mnist', '--data-dir', join(dir, 'none'));
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/mnist: dataset files not found/);
    expect(m.stderr).toMatch(/--data-dir/);
    expect(m.stderr).not.toMatch(/\n\s+at /);
    const u = await netloom('data', 'info', 'imagenet');
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/'imagenet' is not known/);
    const a = await netloom('data', 'preview', 'synthetic', '--augment', 'blur');
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/'blur' is not known/);
    const c = await netloom('data', 'info', 'csv:missing.csv');
    expect(c.stderr).toMatch(/missing\.csv: file not found/);
  });
});

describe('netloom data download', () => {
  it('downloads Fashion-MNIST from a local mirror into the cache, verified', async () => {
    const { createServer } = await import('node:http');
    const { readFileSync: read } = await import('node:fs');
    const server = createServer((req, res) => {
      try {
        const url = req.url ?? '/';
        if (!url.startsWith('/fashion/')) throw new Error('not here');
        const body = read(join('/usr/share/datasets/fashion-mnist', url.slice('/fashion/'.length)));
        res.writeHead(200, { 'content-length': String(body.length) }).end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const r = await netloom('data', 'download', 'fashion-mnist', '--mirror', `http://127.0.0.1:${port}/fashion`);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/fashion-mnist: verified files in .*cache.fashion-mnist/);
      const bad = await netloom('data', 'download', 'mnist', '--mirror', `http://127.0.0.1:${port}`);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/train-images-idx3-ubyte\.gz: download failed/);
      expect(bad.stderr).toMatch(/HTTP 404/);
    } finally {
      server.close();
    }
  });
});
