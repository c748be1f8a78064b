/**
 * The IDX format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/): a 4-byte magic
 * (0, 0, type, number of dimensions), big-endian uint32 sizes, then the data. Only unsigned
 * bytes (type 0x08) occur in these datasets. Pure: takes already-decompressed bytes.
 */
import { err, ok, type Result } from '../result';
import type { Dataset } from './types';

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

export function parseIdx(bytes: Uint8Array, file: string, expectDims?: number): Result<IdxArray> {
  if (bytes.length < 4)
    return err(`${file}: truncated IDX file (${bytes.length} bytes, not even the 4-byte header). Download it again.`);
  const magic = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  const hex = `0x${magic.toString(16).padStart(8, '0')}`;
  if (bytes[0] !== 0 || bytes[1] !== 0 || bytes[2] !== 0x08 || bytes[3] < 1 || bytes[3] > 4) {
    return err(
      `${file}: not an IDX file of unsigned bytes (magic number ${hex}; expected 0x00000801 for labels or 0x00000803 for images). Is it the right file?`,
    );
  }
  const nd = bytes[3];
  if (expectDims !== undefined && nd !== expectDims) {
    const want = `0x0000080${expectDims}`;
    return err(
      `${file}: IDX magic ${hex} says ${nd} dimension(s); expected ${want} (${expectDims === 1 ? 'labels' : 'images'}). Are images and labels swapped?`,
    );
  }
  const headerLen = 4 + 4 * nd;
  if (bytes.length < headerLen)
    return err(`${file}: truncated IDX file (header cut at ${bytes.length} bytes). Download it again.`);
  const dims: number[] = [];
  for (let i = 0; i < nd; i++) {
    const o = 4 + 4 * i;
    dims.push(((bytes[o] << 24) | (bytes[o + 1] << 16) | (bytes[o + 2] << 8) | bytes[o + 3]) >>> 0);
  }
  const count = dims.reduce((a, b) => a * b, 1);
  const have = bytes.length - headerLen;
  if (have < count) {
    return err(
      `${file}: truncated IDX file: the header announces ${dims.join('x')} = ${count} bytes of data but only ${have} are there. Download it again.`,
    );
  }
  if (have > count) {
    return err(
      `${file}: ${have - count} unexpected bytes after the ${dims.join('x')} data announced by the header; the file is damaged.`,
    );
  }
  return ok({ dims, data: bytes.subarray(headerLen, headerLen + count) });
}

/** Images (n, h, w) and labels (n) into a Dataset, pixels scaled to [0, 1] like `ToTensor()`. */
export function idxToDataset(
  images: IdxArray,
  labels: IdxArray,
  classes: string[],
  imagesFile: string,
  labelsFile: string,
): Result<Dataset> {
  if (images.dims.length !== 3)
    return err(`${imagesFile}: expected images of 3 dimensions (n, height, width), found ${images.dims.length}.`);
  if (labels.dims.length !== 1)
    return err(`${labelsFile}: expected labels of 1 dimension, found ${labels.dims.length}.`);
  const [n, h, w] = images.dims;
  if (labels.dims[0] !== n) {
    return err(
      `${imagesFile} has ${n} images but ${labelsFile} has ${labels.dims[0]} labels; they must match (mixed files from different sets?).`,
    );
  }
  const y = new Int32Array(n);
  const ld = labels.data;
  for (let i = 0; i < n; i++) {
    const l = ld[i];
    if (l >= classes.length)
      return err(`${labelsFile}: label ${l} at index ${i} is out of range (there are ${classes.length} classes).`);
    y[i] = l;
  }
  // The pixels stay bytes (app/data/samples.ts reads them as byte / 255), in an array of their own
  // (not a view of the file's buffer, so a loading worker can hand it over without a copy).
  const x = images.data.slice();
  return ok({ shape: [1, h, w], x, y, n, classes: classes.slice() });
}

/** Encode unsigned bytes as an IDX file (the inverse of `parseIdx`). */
export function encodeIdx(dims: number[], data: ArrayLike<number>): Uint8Array {
  const header = 4 + 4 * dims.length;
  const out = new Uint8Array(header + data.length);
  out.set([0, 0, 8, dims.length]);
  const view = new DataView(out.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, header);
  return out;
}
