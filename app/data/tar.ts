/**
 * Reading the regular files of a POSIX/ustar tar archive (already gunzipped), for the CIFAR-10
 * download. Names are returned as stored; the caller decides which to keep (never trust paths).
 */
import { err, ok, type Result } from '../result';

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

function text(b: Uint8Array, from: number, len: number): string {
  let end = from;
  while (end < from + len && b[end] !== 0) end++;
  let s = '';
  for (let i = from; i < end; i++) s += String.fromCharCode(b[i]);
  return s;
}

export function readTar(bytes: Uint8Array, file: string): Result<TarEntry[]> {
  const out: TarEntry[] = [];
  let at = 0;
  let longName: string | null = null;
  while (at + 512 <= bytes.length) {
    const h = bytes.subarray(at, at + 512);
    if (h.every((v) => v === 0)) break;
    const sizeText = text(h, 124, 12).trim();
    const size = parseInt(sizeText || '0', 8);
    if (!Number.isFinite(size) || size < 0)
      return err(`${file}: damaged tar header at byte ${at} (size '${sizeText}').`);
    const type = String.fromCharCode(h[156] || 48);
    const prefix = text(h, 257, 6) === 'ustar' ? text(h, 345, 155) : '';
    const name = longName ?? (prefix ? `${prefix}/${text(h, 0, 100)}` : text(h, 0, 100));
    const start = at + 512;
    if (start + size > bytes.length)
      return err(
        `${file}: truncated tar archive (entry '${name}' needs ${size} bytes, ${bytes.length - start} left). Download it again.`,
      );
    const data = bytes.subarray(start, start + size);
    longName = null;
    if (type === 'L') longName = text(data, 0, size);
    else if (type === '0' || type === '7') out.push({ name, data });
    at = start + Math.ceil(size / 512) * 512;
  }
  return ok(out);
}
