/**
 * Reading dataset files safely: only regular files (a device such as /dev/zero, a FIFO or a
 * socket is refused with a message, never read), the size checked against a cap before reading,
 * and never more than the cap read even if the file grows meanwhile. The file is opened
 * non-blocking so that a FIFO swapped in after a check cannot hang the thread that opens it, and
 * its type is checked on the open handle (no race between the check and the read).
 *
 * The caps come from the environment (documented in docs/guide/data.md and docs/SECURITY.md):
 *   NETLOOM_MAX_CSV_MB       a CSV table (default 256)
 *   NETLOOM_MAX_DATASET_MB   an image folder in all, and each file of a built-in set (default 4096)
 *   NETLOOM_DATASET_TIMEOUT_S  how long the host waits for a dataset to load (default 600)
 */
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { err, ok, type Result } from '../../../app/result';

const MB = 1024 * 1024;

export interface DatasetLimits {
  csvBytes: number;
  datasetBytes: number;
  timeoutMs: number;
}

const positive = (v: string | undefined, fallback: number) => {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
};

export function datasetLimits(env: Record<string, string | undefined> = process.env): DatasetLimits {
  return {
    csvBytes: Math.floor(positive(env.NETLOOM_MAX_CSV_MB, 256) * MB),
    datasetBytes: Math.floor(positive(env.NETLOOM_MAX_DATASET_MB, 4096) * MB),
    timeoutMs: Math.floor(positive(env.NETLOOM_DATASET_TIMEOUT_S, 600) * 1000),
  };
}

const mib = (bytes: number) => `${(bytes / MB).toFixed(bytes < 10 * MB ? 1 : 0)} MiB`;

/** The message for a file or folder over its cap: names the cap and how to raise it. */
export function overCap(path: string, bytes: number, cap: number, envName: string, what: string): string {
  return `${path}: ${what} is ${mib(bytes)}, over the limit of ${mib(cap)}. Use a smaller ${what.replace(/^the /, '')}, or raise the limit with the environment variable ${envName}=<megabytes> (for example ${envName}=${Math.ceil((bytes / MB) * 1.25)}).`;
}

/** What kind of non-regular file this is, for the message. */
function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

export function notRegular(path: string, info: Stats): string {
  return `${path}: is ${kindOf(info)}, not a regular file. A dataset must be a regular file on disk (pipes, sockets and devices such as /dev/zero are refused).`;
}

export function openError(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${path}: file not found.`;
  if (code === 'EISDIR') return `${path}: is a folder, expected a file.`;
  if (code === 'EACCES' || code === 'EPERM') return `${path}: permission denied.`;
  if (code === 'ENXIO') return `${path}: is a socket or a pipe with no writer, not a regular file.`;
  return `${path}: cannot be read (${code ?? (e as Error).message}).`;
}

// O_NONBLOCK: opening a FIFO for reading returns at once instead of waiting for a writer (absent on Windows).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of a regular file of at most `cap` bytes. `capMessage` builds the message for a
 * file over the cap (from its path and size).
 */
export async function readRegularFile(
  path: string,
  cap: number,
  capMessage: (path: string, bytes: number) => string,
): Promise<Result<Buffer>> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (e) {
    return err(openError(path, e));
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return err(notRegular(path, info));
    if (info.size > cap) return err(capMessage(path, info.size));
    // Read what the size says, plus one byte to notice a file that grew past the cap meanwhile.
    const want = Math.min(info.size, cap) + 1;
    const buf = Buffer.allocUnsafe(want);
    let got = 0;
    while (got < want) {
      const { bytesRead } = await handle.read(buf, got, want - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (got > cap) return err(capMessage(path, got));
    return ok(buf.subarray(0, got));
  } catch (e) {
    return err(openError(path, e));
  } finally {
    await handle.close().catch(() => undefined);
  }
}
