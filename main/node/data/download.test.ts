import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCifarBatch } from '../../../app/data/cifar';
import { CIFAR_TEST, CIFAR_TRAIN } from './cifar';
import { downloadDataset, downloadFile } from './download';
import { loadSource } from './index';
import { FASHION_MNIST_MANIFEST, type DatasetManifest } from './mirrors';

const DEBIAN = '/usr/share/datasets/fashion-mnist';
type Mode = 'ok' | 'truncate' | 'corrupt' | 'short';

/** A local mirror: serves files from `files` with HTTP Range; misbehaves per file as queued. */
const files = new Map<string, Buffer>();
const modes = new Map<string, Mode[]>();
const log: { path: string; range?: string }[] = [];
let server: Server;
let base: string;
const root = mkdtempSync(join(tmpdir(), 'netloom-dl-'));

beforeAll(async () => {
  if (!existsSync(join(DEBIAN, 'train-labels-idx1-ubyte.gz')))
    throw new Error('the download test serves Debian Fashion-MNIST: sudo apt-get install dataset-fashion-mnist');
  for (const f of FASHION_MNIST_MANIFEST.files) files.set(f.name, readFileSync(join(DEBIAN, f.name)));
  server = createServer((req, res) => {
    const name = decodeURIComponent((req.url ?? '/').slice(1));
    log.push({ path: name, range: req.headers.range });
    const body = files.get(name);
    if (!body) {
      res.writeHead(404).end('not found');
      return;
    }
    const mode = modes.get(name)?.shift() ?? 'ok';
    let start = 0;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (m) start = Number(m[1]);
    const slice = body.subarray(start);
    const headers = {
      'content-length': String(slice.length),
      ...(m ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    };
    if (mode === 'short') {
      const cut = slice.subarray(0, Math.floor(slice.length / 2));
      res.writeHead(200, { 'content-length': String(cut.length) }).end(cut);
    } else if (mode === 'truncate') {
      res.writeHead(m ? 206 : 200, headers);
      // end the connection gracefully (FIN, not RST: an RST may discard bytes the client has not read yet)
      res.write(slice.subarray(0, Math.floor(slice.length / 2)), () => res.socket?.end());
    } else if (mode === 'corrupt') {
      const bad = Buffer.from(slice);
      for (let i = 100; i < bad.length; i += 997) bad[i] ^= 0xff;
      res.writeHead(m ? 206 : 200, headers).end(bad);
    } else {
      res.writeHead(m ? 206 : 200, headers).end(slice);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const labels = FASHION_MNIST_MANIFEST.files.find((f) => f.name.startsWith('train-labels'))!;

describe('dataset download from a local mirror', () => {
  it('downloads the four Fashion-MNIST files with progress, verifies them and loads them', async () => {
    const dir = join(root, 'good');
    let last = { done: 0, total: 0 };
    const r = await downloadDataset(FASHION_MNIST_MANIFEST, { mirrors: [base], dir, onProgress: (p) => (last = p) });
    if (!r.ok) throw new Error(r.error);
    expect(last.done).toBe(last.total);
    expect(last.done).toBeGreaterThan(1000);
    const ds = await loadSource({ name: 'fashion-mnist', dataDir: dir });
    expect(ds.ok && ds.value.train.n).toBe(60000);
    // a second call finds the verified files and transfers nothing
    const before = log.length;
    expect((await downloadDataset(FASHION_MNIST_MANIFEST, { mirrors: [base], dir })).ok).toBe(true);
    expect(log.length).toBe(before);
  });
  it('resumes a transfer cut off mid-way with an HTTP Range request', async () => {
    const dir = join(root, 'cut');
    modes.set(labels.name, ['truncate']);
    const before = log.length;
    const r = await downloadFile(labels, [base], dir);
    if (!r.ok) throw new Error(r.error);
    const reqs = log.slice(before);
    expect(reqs).toHaveLength(2);
    expect(reqs[0].range).toBeUndefined();
    expect(reqs[1].range).toMatch(/^bytes=\d+-$/);
    expect(Number(reqs[1].range!.slice(6, -1))).toBeGreaterThan(0);
    expect(readFileSync(r.value)).toEqual(files.get(labels.name));
    expect(existsSync(`${r.value}.part`)).toBe(false);
  });
  it('a response cut short (with a short Content-Length) fails the digest and is retried cleanly', async () => {
    const dir = join(root, 'short');
    modes.set(labels.name, ['short']);
    const before = log.length;
    const r = await downloadFile(labels, [base], dir);
    expect(r.ok).toBe(true);
    expect(log.slice(before).map((l) => l.range)).toEqual([undefined, undefined]);
  });
  it('a corrupted response fails the SHA-256 check and is downloaded again from the start', async () => {
    const dir = join(root, 'corrupt');
    modes.set(labels.name, ['corrupt']);
    const before = log.length;
    const r = await downloadFile(labels, [base], dir);
    if (!r.ok) throw new Error(r.error);
    expect(log.slice(before).map((l) => l.range)).toEqual([undefined, undefined]);
    expect(readFileSync(r.value)).toEqual(files.get(labels.name));
  });
  it('a mirror that keeps sending corrupted data, and a missing file, end in clear errors', async () => {
    modes.set(labels.name, ['corrupt', 'corrupt', 'corrupt']);
    const r = await downloadFile(labels, [base], join(root, 'bad'));
    expect(r.ok).toBe(false);
    const e = (r as { error: string }).error;
    expect(e).toMatch(/train-labels-idx1-ubyte\.gz: download failed/);
    expect(e).toMatch(/SHA-256 mismatch \(expected b0197879/);
    expect(e).toMatch(/Fix: /);
    expect(existsSync(join(root, 'bad', labels.name))).toBe(false);
    const missing = await downloadFile({ name: 'nope.gz', sha256: '0'.repeat(64) }, [base], join(root, 'bad'));
    expect(!missing.ok && missing.error).toMatch(/nope\.gz: HTTP 404/);
    const down = await downloadFile(labels, ['http://127.0.0.1:9/'], join(root, 'bad'));
    expect(!down.ok && down.error).toMatch(/cannot connect/);
  });
  it('CIFAR-10: downloads the tar.gz, unpacks cifar-10-batches-bin and loads it', async () => {
    const src = join(root, 'cifar-src', 'cifar-10-batches-bin');
    mkdirSync(src, { recursive: true });
    for (const [b, f] of [...CIFAR_TRAIN, CIFAR_TEST].entries())
      writeFileSync(join(src, f), encodeCifarBatch(new Array(2 * 3072).fill(0.5), [b, 9 - b]));
    execFileSync('tar', ['czf', join(root, 'cifar.tgz'), '-C', join(root, 'cifar-src'), 'cifar-10-batches-bin']);
    const tgz = readFileSync(join(root, 'cifar.tgz'));
    files.set('cifar-10-binary.tar.gz', tgz);
    const manifest: DatasetManifest = {
      name: 'cifar10',
      mirrors: [base],
      unpack: 'cifar-10-binary.tar.gz',
      files: [{ name: 'cifar-10-binary.tar.gz', sha256: createHash('sha256').update(tgz).digest('hex') }],
    };
    const dir = join(root, 'cifar');
    const r = await downloadDataset(manifest, { dir });
    if (!r.ok) throw new Error(r.error);
    const ds = await loadSource({ name: 'cifar10', dataDir: dir });
    if (!ds.ok) throw new Error(ds.error);
    expect(ds.value.train.n).toBe(10);
    expect(Array.from(ds.value.test!.y)).toEqual([5, 4]);
  });
});

describe('loadSource with download', () => {
  it('downloads MNIST-format files into the cache when they are not found', async () => {
    const prev = process.env.NETLOOM_CACHE_DIR;
    process.env.NETLOOM_CACHE_DIR = join(root, 'cache');
    try {
      // serve the Debian Fashion-MNIST files as if they were MNIST: their own digests are what is checked
      const manifestFiles = FASHION_MNIST_MANIFEST.files;
      const { MNIST_MANIFEST } = await import('./mirrors');
      const saved = MNIST_MANIFEST.files;
      MNIST_MANIFEST.files = manifestFiles;
      try {
        const r = await loadSource(
          { name: 'mnist', download: true, dataDir: join(root, 'empty-dir') },
          { mirrors: [base] },
        );
        if (!r.ok) throw new Error(r.error);
        expect(r.value.train.n).toBe(60000);
        expect(existsSync(join(root, 'cache', 'mnist', 'train-images-idx3-ubyte.gz'))).toBe(true);
      } finally {
        MNIST_MANIFEST.files = saved;
      }
    } finally {
      if (prev === undefined) delete process.env.NETLOOM_CACHE_DIR;
      else process.env.NETLOOM_CACHE_DIR = prev;
    }
  });
});
