/**
 * data.download through dispatch, from a local mirror on 127.0.0.1 serving Debian's Fashion-MNIST
 * (NETLOOM_DATASET_MIRROR), into a temporary cache (NETLOOM_CACHE_DIR) or a chosen folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../app/protocol';
import { verify } from '../data/download';
import { FASHION_MNIST_MANIFEST } from '../data/mirrors';
import { makeHost, tempDir } from './test-host';
import { throttleProgress } from './training-download';

const DEBIAN = '/usr/share/datasets/fashion-mnist';
let server: Server;
let requests = 0;
const prev = { cache: process.env.NETLOOM_CACHE_DIR, mirror: process.env.NETLOOM_DATASET_MIRROR };

beforeAll(async () => {
  if (!existsSync(join(DEBIAN, 'train-labels-idx1-ubyte.gz')))
    throw new Error('this test serves Debian Fashion-MNIST: sudo apt-get install dataset-fashion-mnist');
  server = createServer((req, res) => {
    requests++;
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    if (!FASHION_MNIST_MANIFEST.files.some((f) => f.name === name)) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = readFileSync(join(DEBIAN, name));
    res.writeHead(200, { 'content-length': String(body.length) }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  process.env.NETLOOM_DATASET_MIRROR = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.NETLOOM_CACHE_DIR = await tempDir('netloom-cache-');
});
afterAll(async () => {
  for (const [k, v] of [
    ['NETLOOM_CACHE_DIR', prev.cache],
    ['NETLOOM_DATASET_MIRROR', prev.mirror],
  ] as const) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await new Promise<void>((r) => server.close(() => r()));
});

describe('data.download', () => {
  it('downloads Fashion-MNIST into the cache with throttled progress events, then finds it there', async () => {
    const host = await makeHost({ kind: 'electron' });
    const r = await host.call('data.download', { name: 'fashion-mnist' });
    expect(r, JSON.stringify(r)).toEqual({
      ok: true,
      value: { dir: join(process.env.NETLOOM_CACHE_DIR!, 'fashion-mnist') },
    });
    for (const f of FASHION_MNIST_MANIFEST.files)
      expect(verify(join(process.env.NETLOOM_CACHE_DIR!, 'fashion-mnist', f.name), f).ok).toBe(true);
    const progress = host.events
      .filter((e) => e.event === 'data.downloadProgress')
      .map((e) => e.payload as EventPayload<'data.downloadProgress'>);
    expect(progress.every((p) => p.name === 'fashion-mnist')).toBe(true);
    // every file ends with a full event (done = total), and the biggest file's bytes arrive in order
    for (const f of FASHION_MNIST_MANIFEST.files) {
      const mine = progress.filter((p) => p.phase === `download ${f.name}`);
      expect(mine.length, f.name).toBeGreaterThan(0);
      expect(mine.at(-1)!.done).toBe(readFileSync(join(DEBIAN, f.name)).length);
      expect(mine.at(-1)!.total).toBe(mine.at(-1)!.done);
      for (let i = 1; i < mine.length; i++) expect(mine[i].done).toBeGreaterThan(mine[i - 1].done);
    }
    // a second download finds the verified files and asks the mirror for nothing
    const before = requests;
    expect((await host.call('data.download', { name: 'fashion-mnist' })).ok).toBe(true);
    expect(requests).toBe(before);
  });

  it('downloads into a folder of the served workspace and refuses one outside it', async () => {
    const ws = await tempDir();
    const host = await makeHost({ kind: 'web', workspace: ws });
    const r = await host.call('data.download', { name: 'fashion-mnist', dataDir: join(ws, 'data') });
    expect(r).toEqual({ ok: true, value: { dir: join(ws, 'data') } });
    expect(existsSync(join(ws, 'data', 't10k-labels-idx1-ubyte.gz'))).toBe(true);
    const out = await host.call('data.download', { name: 'fashion-mnist', dataDir: await tempDir() });
    expect(out).toMatchObject({ ok: false, error: { code: 'denied' } });
  });

  it('MNIST from a mirror serving other files under its names fails the SHA-256 check, naming the file and the fix', async () => {
    const host = await makeHost({ kind: 'electron' });
    const r = await host.call('data.download', { name: 'mnist' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('failed');
    expect(r.error.message).toMatch(/^train-images-idx3-ubyte\.gz: download failed[\s\S]*SHA-256 mismatch[\s\S]*Fix:/);
    expect((await host.call('data.download', { name: 'svhn' })).ok).toBe(false);
  });

  it('throttles progress to one per interval, always passing a new file and the end', () => {
    let t = 0;
    const sent: number[] = [];
    const p = throttleProgress(
      (x) => void sent.push(x.done),
      100,
      () => t,
    );
    for (let i = 1; i <= 100; i++) {
      t = i * 10;
      p({ phase: 'download a', done: i, total: 100 });
    }
    expect(sent).toEqual([1, 11, 21, 31, 41, 51, 61, 71, 81, 91, 100]);
    p({ phase: 'download b', done: 1, total: 5 });
    expect(sent.at(-1)).toBe(1);
  });
});
