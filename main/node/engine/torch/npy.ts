/**
 * NumPy's .npy format (version 1.0), written straight from typed arrays without a copy:
 * the Python side opens it with np.load(path, mmap_mode="r"), shared by every rank.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';

type NpyArray = Float32Array | Int32Array;

const DESCR = { float32: '<f4', int32: '<i4' } as const;

function descr(a: NpyArray): string {
  return a instanceof Float32Array ? DESCR.float32 : DESCR.int32;
}

/** The header: magic, version 1.0, length, a Python dict literal padded so the data starts 64-byte aligned. */
export function npyHeader(dtype: string, shape: readonly number[]): Uint8Array {
  const dims = shape.length === 1 ? `${shape[0]},` : shape.join(', ');
  let dict = `{'descr': '${dtype}', 'fortran_order': False, 'shape': (${dims}), }`;
  const total = 10 + dict.length + 1;
  dict += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + dict.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, dict.length, true);
  for (let i = 0; i < dict.length; i++) out[10 + i] = dict.charCodeAt(i);
  return out;
}

/** Writes `data` (row-major, `shape`, at least one dimension) to `path` atomically (a temporary name, then rename). */
export function writeNpy(path: string, data: NpyArray, shape: readonly number[]): void {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new Error(
      `writeNpy ${path}: shape [${shape.join(', ')}] holds ${count} values, the array has ${data.length}`,
    );
  const per = count / Math.max(1, shape[0]);
  const dtype = data instanceof Float32Array ? 'float32' : 'int32';
  writeNpyRows(path, shape, dtype, (start, n) => data.subarray(start * per, (start + n) * per));
}

/**
 * Writes a float32 or int32 array of `shape` to `path` atomically, asking `rows(start, n)` for its
 * rows a block at a time (a dataset's samples are made as they are written, never all at once).
 */
export function writeNpyRows(
  path: string,
  shape: readonly number[],
  dtype: 'float32' | 'int32',
  rows: (start: number, n: number) => NpyArray,
  blockValues = 1 << 24,
): void {
  const n = shape[0];
  const per = shape.slice(1).reduce((a, b) => a * b, 1);
  const block = Math.max(1, Math.floor(blockValues / Math.max(1, per)));
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, npyHeader(DESCR[dtype], shape));
    for (let start = 0; start < n; start += block) {
      const k = Math.min(block, n - start);
      const data = rows(start, k);
      if (data.length !== k * per || descr(data) !== DESCR[dtype])
        throw new Error(`writeNpy ${path}: rows ${start}-${start + k} should be ${k * per} ${dtype} values`);
      writeSync(fd, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    }
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}
