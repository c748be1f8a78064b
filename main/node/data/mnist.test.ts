import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeIdx as idxBytes } from '../../../app/data/idx';
import { loadedFrom, loadSource } from './index';
import { locateIdx, searchDirs } from './mnist';
import { allSamples } from '../../../app/data/samples';

const DEBIAN = '/usr/share/datasets/fashion-mnist';
let dir: string;
let cache: string;
const prevCache = process.env.NETLOOM_CACHE_DIR;

function writeSet(at: string, n: number, opts: { gzip?: boolean; labels?: number } = {}): void {
  mkdirSync(at, { recursive: true });
  const img = idxBytes(
    [n, 2, 2],
    Array.from({ length: n * 4 }, (_, i) => (i * 17) % 256),
  );
  const lab = idxBytes(
    [opts.labels ?? n],
    Array.from({ length: opts.labels ?? n }, (_, i) => i % 10),
  );
  const put = (name: string, b: Uint8Array) =>
    writeFileSync(join(at, opts.gzip ? `${name}.gz` : name), opts.gzip ? gzipSync(b) : b);
  put('train-images-idx3-ubyte', img);
  put('train-labels-idx1-ubyte', lab);
  put('t10k-images-idx3-ubyte', img.subarray(0, 4 + 12 + 4 * 2));
  put('t10k-labels-idx1-ubyte', idxBytes([2], [3, 4]));
  // the test split announces 2 images: rewrite its header
  const t = idxBytes(
    [2, 2, 2],
    Array.from({ length: 8 }, (_, i) => i),
  );
  put('t10k-images-idx3-ubyte', t);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'netloom-idx-'));
  cache = join(dir, 'cache');
  process.env.NETLOOM_CACHE_DIR = cache;
});
afterAll(() => {
  if (prevCache === undefined) delete process.env.NETLOOM_CACHE_DIR;
  else process.env.NETLOOM_CACHE_DIR = prevCache;
});

describe('MNIST-format loading', () => {
  it('reads plain and gzipped files from --data-dir', async () => {
    for (const gzip of [false, true]) {
      const d = join(dir, gzip ? 'gz' : 'plain');
      writeSet(d, 5, { gzip });
      const r = await loadSource({ name: 'mnist', dataDir: d });
      if (!r.ok) throw new Error(r.error);
      expect(r.value.train.n).toBe(5);
      expect(r.value.train.shape).toEqual([1, 2, 2]);
      expect(Array.from(r.value.train.y)).toEqual([0, 1, 2, 3, 4]);
      expect(allSamples(r.value.train)[1]).toBeCloseTo(17 / 255, 6);
      expect(r.value.test?.n).toBe(2);
    }
  });
  it('finds the torchvision layout DIR/MNIST/raw', async () => {
    writeSet(join(dir, 'tv', 'MNIST', 'raw'), 3);
    const r = await loadSource({ name: 'mnist', dataDir: join(dir, 'tv') });
    expect(r.ok && r.value.train.n).toBe(3);
  });
  it('names the folder it read, and a given folder that was not it (missing, or without the files)', async () => {
    const inside = await loadSource({ name: 'mnist', dataDir: join(dir, 'tv') });
    expect(inside.ok && loadedFrom(inside.value)).toBe(`dataset mnist read from ${join(dir, 'tv', 'MNIST', 'raw')}`);
    // Another copy, found after the given folder: in a cache of this test's own.
    const other = join(dir, 'other-cache');
    writeSet(join(other, 'mnist'), 2);
    process.env.NETLOOM_CACHE_DIR = other;
    try {
      const typo = join(dir, 'no-such-folder');
      const r = await loadSource({ name: 'mnist', dataDir: typo });
      expect(r.ok && r.value.from).toBe(join(other, 'mnist'));
      expect(r.ok && loadedFrom(r.value)).toBe(
        `dataset mnist read from ${join(other, 'mnist')}: the data folder given, ${typo}, does not exist (fix the folder, or leave it out to use this copy)`,
      );
      mkdirSync(join(dir, 'empty'));
      const empty = await loadSource({ name: 'mnist', dataDir: join(dir, 'empty') });
      expect(empty.ok && empty.value.fromNote).toBe(
        `the data folder given, ${join(dir, 'empty')}, does not hold its files (fix the folder, or leave it out to use this copy)`,
      );
      const none = await loadSource({ name: 'mnist' });
      expect(none.ok && loadedFrom(none.value)).toBe(`dataset mnist read from ${join(other, 'mnist')}`);
      expect(loadedFrom({ name: 'synthetic', train: none.ok ? none.value.train : (undefined as never) })).toBeNull();
    } finally {
      process.env.NETLOOM_CACHE_DIR = cache;
    }
  });
  it('searches the given folder, Debian, torchvision folders and the cache, in that order', () => {
    const dirs = searchDirs('fashion-mnist', '/x');
    expect(dirs[0]).toBe('/x');
    expect(dirs).toContain('/x/FashionMNIST/raw');
    expect(dirs).toContain(DEBIAN);
    expect(dirs.at(-1)).toBe(join(cache, 'fashion-mnist'));
  });
  it('missing files: says where it looked and how to fix it', async () => {
    const r = await loadSource({ name: 'mnist', dataDir: join(dir, 'nowhere') });
    expect(r.ok).toBe(false);
    const e = (r as { error: string }).error;
    expect(e).toContain(join(dir, 'nowhere'));
    expect(e).toContain(join(cache, 'mnist'));
    expect(e).toMatch(/--data-dir/);
    expect(e).toMatch(/--download/);
  });
  it('a folder with only some files is named in the error', () => {
    const d = join(dir, 'partial');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'train-images-idx3-ubyte'), idxBytes([1, 1, 1], [0]));
    const r = locateIdx('mnist', d);
    expect(!r.ok && r.error).toMatch(/partial has some files but lacks train-labels-idx1-ubyte\[\.gz\]/);
  });
  it('count mismatch, wrong magic, truncated gzip: errors name the file', async () => {
    const mismatch = join(dir, 'mismatch');
    writeSet(mismatch, 5, { labels: 4 });
    expect(((await loadSource({ name: 'mnist', dataDir: mismatch })) as { error: string }).error).toMatch(
      /train-images-idx3-ubyte has 5 images but .*train-labels-idx1-ubyte has 4 labels/,
    );

    const magic = join(dir, 'magic');
    writeSet(magic, 2);
    writeFileSync(join(magic, 'train-labels-idx1-ubyte'), new TextEncoder().encode('<html>404</html>'));
    expect(((await loadSource({ name: 'mnist', dataDir: magic })) as { error: string }).error).toMatch(
      /magic.train-labels-idx1-ubyte: not an IDX file.*magic number 0x3c68746d/,
    );

    const trunc = join(dir, 'trunc');
    writeSet(trunc, 50, { gzip: true });
    const gz = gzipSync(idxBytes([50, 2, 2], new Array(200).fill(1)));
    writeFileSync(join(trunc, 'train-images-idx3-ubyte.gz'), gz.subarray(0, gz.length - 10));
    expect(((await loadSource({ name: 'mnist', dataDir: trunc })) as { error: string }).error).toMatch(
      /trunc.train-images-idx3-ubyte\.gz: gzip file is truncated/,
    );

    const short = join(dir, 'short');
    writeSet(short, 50);
    writeFileSync(join(short, 'train-images-idx3-ubyte'), idxBytes([50, 2, 2], new Array(150).fill(1)));
    expect(((await loadSource({ name: 'mnist', dataDir: short })) as { error: string }).error).toMatch(
      /short.train-images-idx3-ubyte: truncated IDX file/,
    );
  });
});

describe('Debian Fashion-MNIST', () => {
  it('has 60000 + 10000 samples of 1x28x28 with the known first labels', async () => {
    const r = await loadSource({ name: 'fashion-mnist' });
    if (!r.ok)
      throw new Error(`${r.error}\n(CI installs dataset-fashion-mnist: sudo apt-get install dataset-fashion-mnist)`);
    const { train, test } = r.value;
    expect(train.n).toBe(60000);
    expect(test?.n).toBe(10000);
    expect(train.shape).toEqual([1, 28, 28]);
    expect(Array.from(train.y.subarray(0, 10))).toEqual([9, 0, 0, 3, 0, 2, 7, 2, 5, 5]);
    expect(Array.from(test!.y.subarray(0, 10))).toEqual([9, 2, 1, 1, 6, 1, 4, 6, 5, 7]);
    expect(train.classes[0]).toBe('T-shirt/top');
    expect(train.classes[9]).toBe('Ankle boot');
    const counts = new Array(10).fill(0);
    for (const l of train.y) counts[l]++;
    expect(counts).toEqual(new Array(10).fill(6000));
  });
});
