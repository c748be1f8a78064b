/**
 * Downloading the built-in datasets into the cache: progress in bytes, SHA-256 check against the
 * known digests, resume of a cut-off transfer (HTTP Range) and a clean retry of a corrupted one,
 * mirrors tried in order. Files land in the cache only once verified (`.part` until then).
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { writeFileAtomicSync } from '../reliability/atomic-sync';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readTar } from '../../../app/data/tar';
import type { ProgressFn } from '../../../app/data/types';
import { err, ok, type Result } from '../../../app/result';
import { cacheDir, isGzip } from './files';
import type { DatasetManifest, RemoteFile } from './mirrors';

export interface DownloadOptions {
  onProgress?: ProgressFn;
  /** Replace the manifest's mirrors (tests, a local mirror). */
  mirrors?: string[];
  /** Attempts per mirror (default 3). */
  attempts?: number;
  /** Target folder (default: the cache folder of the dataset). */
  dir?: string;
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** Does the file match its known digest (as served, or its decompressed content)? */
export function verify(path: string, f: RemoteFile): { ok: boolean; got: string } {
  const bytes = readFileSync(path);
  const got = sha256(bytes);
  if (got === f.sha256) return { ok: true, got };
  if (f.contentSha256 && isGzip(bytes)) {
    try {
      if (sha256(gunzipSync(bytes)) === f.contentSha256) return { ok: true, got };
    } catch {
      // a damaged gzip stream is simply not a match
    }
  }
  return { ok: false, got };
}

/** `fail` with `retry`: a network error or a server error (5xx), worth another attempt on the same mirror. */
type Attempt = { kind: 'done' } | { kind: 'cut'; message: string } | { kind: 'fail'; message: string; retry: boolean };

/** One HTTP request appending to `part` from its current size. */
async function transfer(url: string, part: string, name: string, onProgress?: ProgressFn): Promise<Attempt> {
  const have = existsSync(part) ? statSync(part).size : 0;
  let res: Response;
  try {
    res = await fetch(url, { headers: have > 0 ? { Range: `bytes=${have}-` } : {} });
  } catch (e) {
    return {
      kind: 'fail',
      retry: true,
      message: `${url}: cannot connect (${(e as Error & { cause?: Error }).cause?.message ?? (e as Error).message})`,
    };
  }
  if (res.status === 416 && have > 0) return { kind: 'done' };
  if (res.status !== 200 && res.status !== 206)
    return { kind: 'fail', retry: res.status >= 500, message: `${url}: HTTP ${res.status} ${res.statusText}` };
  const resumed = res.status === 206;
  const fd = openSync(part, resumed ? 'a' : 'w');
  let done = resumed ? have : 0;
  const length = Number(res.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(length) ? done + length : 0;
  try {
    if (!res.body) return { kind: 'fail', retry: true, message: `${url}: empty response` };
    const reader = res.body.getReader();
    for (;;) {
      const { done: end, value } = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (end || !value) break;
      writeSync(fd, value);
      done += value.length;
      onProgress?.({ phase: `download ${name}`, done, total });
    }
  } catch (e) {
    return { kind: 'cut', message: `${url}: the transfer stopped after ${done} bytes (${(e as Error).message})` };
  } finally {
    closeSync(fd);
  }
  if (total && done < total) return { kind: 'cut', message: `${url}: got ${done} of ${total} bytes` };
  return { kind: 'done' };
}

/** Download one file into `dir`, verified. Returns its path. */
export async function downloadFile(
  f: RemoteFile,
  mirrors: string[],
  dir: string,
  opts: DownloadOptions = {},
): Promise<Result<string>> {
  const dest = join(dir, f.name);
  if (existsSync(dest) && verify(dest, f).ok) return ok(dest);
  mkdirSync(dir, { recursive: true });
  const part = `${dest}.part`;
  const problems: string[] = [];
  for (const base of mirrors) {
    const url = base + f.name;
    for (let attempt = 0; attempt < (opts.attempts ?? 3); attempt++) {
      const r = await transfer(url, part, f.name, opts.onProgress);
      if (r.kind === 'fail') {
        problems.push(r.message);
        if (r.retry) continue;
        break;
      }
      const size = existsSync(part) ? statSync(part).size : 0;
      if (r.kind === 'cut' || (f.bytes !== undefined && size < f.bytes)) {
        problems.push(
          r.kind === 'cut' ? `${r.message}; resuming` : `${url}: got ${size} of ${f.bytes} bytes; resuming`,
        );
        continue;
      }
      const v = verify(part, f);
      if (v.ok) {
        renameSync(part, dest);
        return ok(dest);
      }
      problems.push(
        `${url}: SHA-256 mismatch (expected ${f.sha256}, got ${v.got}); the download was corrupted, retrying from the start`,
      );
      rmSync(part, { force: true });
    }
  }
  return err(
    `${f.name}: download failed.\n${problems.map((p) => `  ${p}`).join('\n')}\n` +
      `Fix: check the network and retry (a partial file is kept and resumed), or download ${f.name} yourself into ${dir} or a folder passed as --data-dir.`,
  );
}

/** Unpack the regular files of a .tar.gz next to it (only plain relative names). */
function unpack(archive: string, dir: string): Result<void> {
  let entries;
  try {
    const t = readTar(new Uint8Array(gunzipSync(readFileSync(archive))), archive);
    if (!t.ok) return t;
    entries = t.value;
  } catch (e) {
    return err(`${archive}: cannot be unpacked (${(e as Error).message}). Delete it and download again.`);
  }
  for (const { name, data } of entries) {
    if (name.startsWith('/') || name.split('/').includes('..')) continue;
    const to = join(dir, name);
    mkdirSync(dirname(to), { recursive: true });
    writeFileAtomicSync(to, data);
  }
  return ok(undefined);
}

/** Download every file of a dataset into its cache folder (or `opts.dir`). Returns the folder. */
export async function downloadDataset(m: DatasetManifest, opts: DownloadOptions = {}): Promise<Result<string>> {
  const dir = opts.dir ?? cacheDir(m.name);
  for (const f of m.files) {
    const r = await downloadFile(f, opts.mirrors ?? m.mirrors, dir, opts);
    if (!r.ok) return r;
  }
  if (m.unpack) {
    const u = unpack(join(dir, m.unpack), dir);
    if (!u.ok) return u;
  }
  return ok(dir);
}
