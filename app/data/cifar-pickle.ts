/**
 * CIFAR-10's python version (`cifar-10-batches-py/data_batch_1` ... `test_batch`, the layout
 * torchvision's `datasets.CIFAR10(root, download=True)` leaves): pickled dicts with `data`, a
 * uint8 numpy array of shape (10000, 3072) in the same R, G, B plane order as the binary version,
 * and `labels`, a list. Read with the safe reader of app/data/pickle.ts (no code runs).
 */
import { err, ok, type Result } from '../result';
import { keyOf, unpickle, type PyValue } from './pickle';

export interface CifarPyBatch {
  data: Uint8Array;
  labels: number[];
}

const isObj = (v: PyValue, key: string): v is PyValue & Record<string, unknown> =>
  !!v && typeof v === 'object' && key in v;

export function parseCifarPickle(bytes: Uint8Array, file: string): Result<CifarPyBatch> {
  const root = unpickle(bytes, file);
  if (!root.ok) return root;
  const d = root.value;
  if (!isObj(d, 'dict')) return err(`${file}: not a CIFAR-10 python batch (the pickle is not a dict).`);
  const dict = (d as { dict: Map<string, PyValue> }).dict;
  const arr = dict.get('data');
  const labels = dict.get('labels');
  if (!arr || !Array.isArray(labels))
    return err(`${file}: not a CIFAR-10 python batch (no 'data' and 'labels'; keys: ${[...dict.keys()].join(', ')}).`);
  if (!isObj(arr, 'call') || !(arr as { call: string }).call.endsWith('_reconstruct'))
    return err(`${file}: 'data' is not a numpy array.`);
  const state = (arr as { state?: PyValue }).state;
  const parts = state && isObj(state, 'tuple') ? (state as { tuple: PyValue[] }).tuple : [];
  const raw = parts[4];
  const shape = parts[1] && isObj(parts[1], 'tuple') ? (parts[1] as { tuple: PyValue[] }).tuple : [];
  const dtype = parts[2] && isObj(parts[2], 'call') ? (parts[2] as { args: PyValue[] }).args[0] : undefined;
  if (!(raw instanceof Uint8Array) || shape.length !== 2 || (dtype !== undefined && keyOf(dtype) !== 'u1')) {
    return err(`${file}: 'data' is not a uint8 array of shape (N, 3072).`);
  }
  const [n, width] = shape as number[];
  if (width !== 3072 || raw.length !== n * 3072)
    return err(
      `${file}: 'data' holds ${raw.length} bytes for shape (${n}, ${width}); expected (N, 3072) images of 3x32x32.`,
    );
  if (labels.length !== n) return err(`${file}: ${n} images but ${labels.length} labels.`);
  const out: number[] = [];
  for (const [i, l] of labels.entries()) {
    if (typeof l !== 'number' || !Number.isInteger(l) || l < 0 || l > 9)
      return err(`${file}: label ${String(l)} at index ${i} is not a CIFAR-10 class (0-9).`);
    out.push(l);
  }
  return ok({ data: raw, labels: out });
}
