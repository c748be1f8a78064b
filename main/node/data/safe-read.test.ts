/**
 * Dataset files that are not regular files, or too big, are refused before they are read
 * (issue 13: a CSV path of /dev/zero grew the host to 4.2 GB, a FIFO hung it, `netloom train`
 * read 10 GB). Each case fails fast with a message; none may hang.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../host/test-host';
import { loadSource } from './index';
import { loadSourceOffThread } from './load-off-thread';
import { datasetLimits, readRegularFile } from './safe-read';

let dir: string;
const saved = { csv: process.env.NETLOOM_MAX_CSV_MB, ds: process.env.NETLOOM_MAX_DATASET_MB };

beforeAll(async () => {
  dir = await tempDir('netloom-safe-read-');
  execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
  writeFileSync(join(dir, 'big.csv'), `a,label\n${'1,0\n'.repeat(400_000)}`); // 1.6 MB
  symlinkSync('/dev/zero', join(dir, 'zero.csv'));
});

afterEach(() => {
  process.env.NETLOOM_MAX_CSV_MB = saved.csv;
  process.env.NETLOOM_MAX_DATASET_MB = saved.ds;
  if (saved.csv === undefined) delete process.env.NETLOOM_MAX_CSV_MB;
  if (saved.ds === undefined) delete process.env.NETLOOM_MAX_DATASET_MB;
});

const error = async (spec: Parameters<typeof loadSource>[0]) => {
  const r = await loadSource(spec);
  expect(r.ok).toBe(false);
  return r.ok ? '' : r.error;
};

describe('dataset files: only regular files, within their cap', () => {
  it('refuses /dev/zero as a CSV, directly and through a link, without reading it', async () => {
    expect(await error({ name: 'csv', path: '/dev/zero' })).toMatch(/\/dev\/zero: is a device, not a regular file/);
    expect(await error({ name: 'csv', path: join(dir, 'zero.csv') })).toMatch(/zero\.csv: is a device/);
  });

  it('refuses a FIFO without waiting for a writer', async () => {
    expect(await error({ name: 'csv', path: join(dir, 'pipe.csv') })).toMatch(
      /pipe\.csv: is a named pipe \(FIFO\), not a regular file/,
    );
  });

  it('refuses a CSV over NETLOOM_MAX_CSV_MB, naming the cap and how to raise it', async () => {
    process.env.NETLOOM_MAX_CSV_MB = '1';
    const e = await error({ name: 'csv', path: join(dir, 'big.csv') });
    expect(e).toMatch(/big\.csv: the CSV file is 1\.5 MiB, over the limit of 1\.0 MiB/);
    expect(e).toMatch(/NETLOOM_MAX_CSV_MB=/);
    delete process.env.NETLOOM_MAX_CSV_MB;
    expect((await loadSource({ name: 'csv', path: join(dir, 'big.csv') })).ok).toBe(true);
  });

  it('refuses an image folder over NETLOOM_MAX_DATASET_MB, and a FIFO or device named like an image', async () => {
    const root = join(dir, 'images');
    mkdirSync(join(root, 'cat'), { recursive: true });
    writeFileSync(join(root, 'cat', 'a.png'), Buffer.alloc(300_000));
    process.env.NETLOOM_MAX_DATASET_MB = '0.25';
    expect(await error({ name: 'folder', path: root })).toMatch(
      /images: the image folder holds more than .* over the limit of .*NETLOOM_MAX_DATASET_MB=/,
    );
    delete process.env.NETLOOM_MAX_DATASET_MB;
    execFileSync('mkfifo', [join(root, 'cat', 'b.png')]);
    expect(await error({ name: 'folder', path: root })).toMatch(/b\.png: is a named pipe \(FIFO\)/);
    const zero = join(dir, 'zero-images');
    mkdirSync(join(zero, 'dog'), { recursive: true });
    symlinkSync('/dev/zero', join(zero, 'dog', 'z.png'));
    expect(await error({ name: 'folder', path: zero })).toMatch(/z\.png: is a device/);
  });

  it('checks the type on the open handle (a file swapped for a device after a directory listing is still refused)', async () => {
    const r = await readRegularFile('/dev/zero', 1024, () => 'over');
    expect(r.ok ? '' : r.error).toMatch(/\/dev\/zero: is a device/);
    const grown = await readRegularFile(join(dir, 'big.csv'), 1000, (p, n) => `${p} ${n} over`);
    expect(grown.ok ? '' : grown.error).toMatch(/big\.csv 1600008 over/);
  });

  it('reads the limits from the environment, with defaults', () => {
    expect(datasetLimits({})).toEqual({ csvBytes: 256 * 2 ** 20, datasetBytes: 4096 * 2 ** 20, timeoutMs: 600_000 });
    expect(
      datasetLimits({ NETLOOM_MAX_CSV_MB: '10', NETLOOM_DATASET_TIMEOUT_S: '5', NETLOOM_MAX_DATASET_MB: 'x' }),
    ).toEqual({ csvBytes: 10 * 2 ** 20, datasetBytes: 4096 * 2 ** 20, timeoutMs: 5000 });
  });
});

describe('loading off the main thread', () => {
  it('loads a CSV in a worker and hands the arrays back', async () => {
    const r = await loadSourceOffThread({ name: 'csv', path: join(dir, 'big.csv') });
    if (!r.ok) throw new Error(r.error);
    expect(r.value.train.n).toBe(400_000);
    expect(r.value.train.x).toBeInstanceOf(Float32Array);
  });

  it('gives up after the timeout with a message naming NETLOOM_DATASET_TIMEOUT_S', async () => {
    const r = await loadSourceOffThread({ name: 'csv', path: join(dir, 'big.csv') }, { timeoutMs: 1 });
    expect(r).toMatchObject({ ok: false });
    expect(r.ok ? '' : r.error).toMatch(/did not load within 0 s.*NETLOOM_DATASET_TIMEOUT_S/);
  });
});
