/**
 * CIFAR-10's binary batches (https://www.cs.toronto.edu/~kriz/cifar.html): records of one label
 * byte and 3072 pixel bytes (1024 red, 1024 green, 1024 blue, rows of 32), 10,000 per file.
 * The channel-first layout is already PyTorch's [3, 32, 32].
 */
import { err, ok, type Result } from '../result';
import { CIFAR10_CLASSES } from './classes';
import type { Dataset } from './types';

export const CIFAR_RECORD = 1 + 3 * 32 * 32;

/** Decode and concatenate batches (each with its file name for messages). */
export function parseCifarBatches(
  batches: { file: string; bytes: Uint8Array }[],
  classes = CIFAR10_CLASSES,
): Result<Dataset> {
  let n = 0;
  for (const { file, bytes } of batches) {
    if (bytes.length === 0 || bytes.length % CIFAR_RECORD !== 0) {
      const whole = Math.floor(bytes.length / CIFAR_RECORD);
      return err(
        `${file}: ${bytes.length} bytes is not a whole number of CIFAR-10 records of ${CIFAR_RECORD} bytes (${whole} whole records and ${bytes.length - whole * CIFAR_RECORD} bytes more): the file is truncated or not a CIFAR-10 binary batch.`,
      );
    }
    n += bytes.length / CIFAR_RECORD;
  }
  const size = CIFAR_RECORD - 1;
  // The pixels stay bytes (app/data/samples.ts reads them as byte / 255).
  const x = new Uint8Array(n * size);
  const y = new Int32Array(n);
  let s = 0;
  for (const { file, bytes } of batches) {
    const count = bytes.length / CIFAR_RECORD;
    for (let r = 0; r < count; r++, s++) {
      const o = r * CIFAR_RECORD;
      const label = bytes[o];
      if (label >= classes.length) {
        return err(
          `${file}: record ${r} has label ${label}, but CIFAR-10 has ${classes.length} classes (0-${classes.length - 1}); is it a CIFAR-100 file?`,
        );
      }
      y[s] = label;
      const dst = s * size;
      x.set(bytes.subarray(o + 1, o + 1 + size), dst);
    }
  }
  return ok({ shape: [3, 32, 32], x, y, n, classes: classes.slice() });
}

/** Encode samples (values in [0, 1], [3, 32, 32]) as a CIFAR-10 binary batch. */
export function encodeCifarBatch(x: ArrayLike<number>, y: ArrayLike<number>): Uint8Array {
  const n = y.length;
  const out = new Uint8Array(n * CIFAR_RECORD);
  for (let s = 0; s < n; s++) {
    out[s * CIFAR_RECORD] = y[s];
    for (let i = 0; i < CIFAR_RECORD - 1; i++)
      out[s * CIFAR_RECORD + 1 + i] = Math.round(x[s * (CIFAR_RECORD - 1) + i] * 255);
  }
  return out;
}
