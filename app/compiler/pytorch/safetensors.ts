/**
 * The safetensors format, written by hand (it is tiny): 8-byte little-endian header length, a JSON
 * header `{name: {dtype, shape, data_offsets: [begin, end]}}` padded with spaces to 8 bytes, then
 * the raw little-endian data. Float tensors as F32; `num_batches_tracked` as I64, as PyTorch keeps it.
 */
import { err, ok, type Result } from '../../result';

export interface NamedArray {
  name: string;
  shape: number[];
  values: ArrayLike<number>;
  dtype?: 'F32' | 'I64';
}

export function encodeSafetensors(tensors: readonly NamedArray[], metadata: Record<string, string> = {}): Uint8Array {
  const header: Record<string, unknown> = {};
  if (Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  const parts: Uint8Array[] = [];
  for (const t of tensors) {
    const dtype = t.dtype ?? (t.name.endsWith('num_batches_tracked') ? 'I64' : 'F32');
    let bytes: Uint8Array;
    if (dtype === 'I64') {
      const a = new BigInt64Array(t.values.length);
      for (let i = 0; i < a.length; i++) a[i] = BigInt(Math.round(t.values[i]));
      bytes = new Uint8Array(a.buffer);
    } else {
      bytes = new Uint8Array(Float32Array.from(t.values).buffer);
    }
    header[t.name] = { dtype, shape: t.shape, data_offsets: [offset, offset + bytes.length] };
    parts.push(bytes);
    offset += bytes.length;
  }
  // ASCII JSON (non-ASCII characters as \u escapes), padded with spaces to a multiple of 8 bytes.
  let json = JSON.stringify(header).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  json += ' '.repeat((8 - (json.length % 8)) % 8);
  const hb = Uint8Array.from(json, (c) => c.charCodeAt(0));
  const out = new Uint8Array(8 + hb.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(hb.length), true);
  out.set(hb, 8);
  let at = 8 + hb.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Reads what encodeSafetensors writes (F32, I64); every problem is an error naming it. */
export function decodeSafetensors(bytes: Uint8Array): Result<NamedArray[]> {
  if (bytes.length < 8) return err('not a safetensors file (shorter than 8 bytes)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > bytes.length - 8 || n > 100_000_000) return err('not a safetensors file (header length past the end)');
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  try {
    header = JSON.parse(utf8(bytes.subarray(8, 8 + n)));
  } catch {
    return err('not a safetensors file (header is not JSON)');
  }
  const base = 8 + n;
  const out: NamedArray[] = [];
  for (const [name, h] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const [b, e] = h.data_offsets ?? [];
    if (!Number.isInteger(b) || !Number.isInteger(e) || b > e || base + e > bytes.length)
      return err(`safetensors tensor '${name}' points past the end of the file`);
    const count = (h.shape ?? []).reduce((a, d) => a * d, 1);
    const size = h.dtype === 'I64' ? 8 : h.dtype === 'F32' ? 4 : 0;
    if (size === 0) return err(`safetensors tensor '${name}' has dtype ${h.dtype}; only F32 and I64 are read`);
    if (count * size !== e - b)
      return err(`safetensors tensor '${name}' has ${e - b} bytes for shape [${h.shape.join(', ')}]`);
    const chunk = bytes.slice(base + b, base + e);
    const values =
      h.dtype === 'I64'
        ? Float64Array.from(new BigInt64Array(chunk.buffer), (v) => Number(v))
        : new Float32Array(chunk.buffer);
    out.push({ name, shape: h.shape, values, dtype: h.dtype as 'F32' | 'I64' });
  }
  return ok(out);
}

/** UTF-8 bytes to a string (the core has no TextDecoder); invalid sequences become U+FFFD. */
export function utf8(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length;) {
    const c = b[i];
    const need = c < 0x80 ? 0 : c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : -1;
    if (need < 0 || i + need >= b.length + (need === 0 ? 1 : 0)) {
      out += need === 0 ? String.fromCharCode(c) : '\ufffd';
      i++;
      continue;
    }
    let cp = need === 0 ? c : c & (0x3f >> need);
    for (let k = 1; k <= need; k++) cp = (cp << 6) | (b[i + k] & 0x3f);
    out += String.fromCodePoint(cp > 0x10ffff ? 0xfffd : cp);
    i += need + 1;
  }
  return out;
}
