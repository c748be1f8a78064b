/**
 * The synchronous twin of main/node/host/atomic.ts, for writers that run inside synchronous code
 * (run.json, checkpoints, the CLI): a temporary file in the same folder, written and fsync'ed,
 * renamed over the target, and the folder fsync'ed where the platform allows. A process killed at
 * any moment leaves either the old file or the new one, never a torn one.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * `data` may be a list of parts, written one after the other: a large binary file (weights, an
 * optimizer's state) is then never gathered into one more copy of itself in memory.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array | readonly Uint8Array[]): void {
  const parts = typeof data === 'string' ? [Buffer.from(data, 'utf8')] : data instanceof Uint8Array ? [data] : data;
  const t = openTemp(path);
  try {
    for (const bytes of parts) writeAll(t.fd, bytes);
  } catch (e) {
    abortTemp(t);
    throw e;
  }
  commitTemp(t, path);
}

/**
 * The same atomic write from parts produced one at a time (each may be read from a tensor
 * asynchronously): only one part is held in memory at a time.
 */
export async function writeFileAtomicFromParts(path: string, parts: AsyncIterable<Uint8Array>): Promise<void> {
  const t = openTemp(path);
  try {
    for await (const bytes of parts) writeAll(t.fd, bytes);
  } catch (e) {
    abortTemp(t);
    throw e;
  }
  commitTemp(t, path);
}

interface Temp {
  fd: number;
  tmp: string;
  dir: string;
}

function openTemp(path: string): Temp {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  return { fd: openSync(tmp, 'wx', 0o644), tmp, dir };
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}

function abortTemp(t: Temp): void {
  closeSync(t.fd);
  rmSync(t.tmp, { force: true });
}

function commitTemp(t: Temp, path: string): void {
  try {
    fsyncSync(t.fd);
  } catch (e) {
    abortTemp(t);
    throw e;
  }
  closeSync(t.fd);
  try {
    renameSync(t.tmp, path);
  } catch (e) {
    rmSync(t.tmp, { force: true });
    throw e;
  }
  syncDirSync(t.dir);
}

/** Makes a rename durable. Windows cannot open a folder for fsync; there the rename is as good as it gets. */
export function syncDirSync(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // some file systems refuse fsync on folders
  } finally {
    closeSync(fd);
  }
}
