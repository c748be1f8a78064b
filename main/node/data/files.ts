/** Reading dataset files from disk: gzip detected by its magic bytes, failures as messages naming the file. */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { err, ok, type Result } from '../../../app/result';
import { datasetLimits, overCap, readRegularFile } from './safe-read';

/** The app's dataset cache: $NETLOOM_CACHE_DIR, else $XDG_CACHE_HOME/netloom/datasets, else ~/.cache/netloom/datasets. */
export function cacheRoot(): string {
  if (process.env.NETLOOM_CACHE_DIR) return process.env.NETLOOM_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, 'netloom', 'datasets');
}

export const cacheDir = (name: string): string => join(cacheRoot(), name);

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

const gunzipAsync = promisify(gunzip);

const gzipError = (path: string, e: unknown): string => {
  const why = (e as Error).message.includes('unexpected end')
    ? 'truncated (the gzip stream ends early)'
    : `corrupted (${(e as Error).message})`;
  return `${path}: gzip file is ${why}. Delete it and download it again.`;
};

const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** The bytes of a file, gunzipped when it is gzip (whatever its name); read and inflated off the event loop. */
export async function readMaybeGzipAsync(path: string): Promise<Result<Uint8Array>> {
  const cap = datasetLimits().datasetBytes;
  const capped = (p: string, n: number) => overCap(p, n, cap, 'NETLOOM_MAX_DATASET_MB', 'the dataset file');
  const read = await readRegularFile(path, cap, capped);
  if (!read.ok) return read;
  const raw = read.value;
  if (!isGzip(raw)) return ok(view(raw));
  try {
    return ok(view(await gunzipAsync(raw, { chunkSize: 1 << 22, maxOutputLength: cap })));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
      return err(capped(path, cap + 1).replace(/is [\d.]+ MiB/, 'unpacks to more than that'));
    return err(gzipError(path, e));
  }
}

/** `base` or `base.gz` in `dir`, the uncompressed one first. */
export function findFile(dir: string, base: string): string | undefined {
  for (const name of [base, `${base}.gz`]) {
    const p = join(dir, name);
    try {
      if (existsSync(p) && statSync(p).isFile()) return p;
    } catch {
      // unreadable entries count as absent
    }
  }
  return undefined;
}
