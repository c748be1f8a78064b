/**
 * NumPy's .npy format (version 1.0-3.0), for `netloom predict`: reads little-endian float32,
 * float64, uint8, int32 and int64 arrays in C order to float32; writes float32 arrays.
 */
import { err, ok, type Result } from '../result';

export interface NpyArray {
  shape: number[];
  data: Float32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];
const latin1 = (b: Uint8Array): string => Array.from(b, (c) => String.fromCharCode(c)).join('');

export function parseNpy(bytes: Uint8Array, file = 'input'): Result<NpyArray> {
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m))
    return err(`${file} is not a .npy file (no \\x93NUMPY header)`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const hlen = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = major === 1 ? 10 : 12;
  if (start + hlen > bytes.length) return err(`${file}: the .npy header runs past the end of the file`);
  const header = latin1(bytes.subarray(start, start + hlen));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*True/.test(header);
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || shapeText === undefined) return err(`${file}: the .npy header has no descr or shape`);
  if (fortran) return err(`${file}: Fortran-ordered arrays are not read; save with np.ascontiguousarray`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0))
    return err(`${file}: bad shape (${shapeText}) in the .npy header`);
  const n = shape.reduce((a, b) => a * b, 1);
  const kinds: Record<string, [number, (o: number) => number]> = {
    '<f4': [4, (o) => view.getFloat32(o, true)],
    '<f8': [8, (o) => view.getFloat64(o, true)],
    '|u1': [1, (o) => view.getUint8(o)],
    '<i4': [4, (o) => view.getInt32(o, true)],
    '<i8': [8, (o) => Number(view.getBigInt64(o, true))],
  };
  const k = kinds[descr];
  if (!k) return err(`${file}: dtype ${descr} is not read; use float32, float64, uint8, int32 or int64`);
  const off = start + hlen;
  if (off + n * k[0] > bytes.length)
    return err(`${file}: the .npy data is shorter than its shape [${shape.join(', ')}] needs`);
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = k[1](off + i * k[0]);
  return ok({ shape, data });
}

export function encodeNpy(a: NpyArray): Uint8Array {
  const shape = a.shape.length === 1 ? `(${a.shape[0]},)` : `(${a.shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += `${' '.repeat(pad % 64)}\n`;
  const out = new Uint8Array(10 + header.length + a.data.length * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength), 10 + header.length);
  return out;
}
