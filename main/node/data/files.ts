/** Reading dataset files from disk: gzip detected by its magic bytes, failures as messages naming the file. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { err, ok, type Result } from '../../../app/result';

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

/** The bytes of a file, gunzipped when it is gzip (whatever its name). */
export function readMaybeGzip(path: string): Result<Uint8Array> {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return err(`${path}: file not found.`);
    if (code === 'EISDIR') return err(`${path}: is a folder, expected a file.`);
    return err(`${path}: cannot be read (${code ?? (e as Error).message}).`);
  }
  if (!isGzip(raw)) return ok(new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength));
  try {
    const out = gunzipSync(raw);
    return ok(new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
  } catch (e) {
    const why = (e as Error).message.includes('unexpected end') ? 'truncated (the gzip stream ends early)' : `corrupted (${(e as Error).message})`;
    return err(`${path}: gzip file is ${why}. Delete it and download it again.`);
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
