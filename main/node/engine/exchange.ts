// The gradient exchange of data-parallel training across worker threads, each with its own tfjs
// instance (tfjs-wasm runs one thread in Node). Every replica computes the gradients of its share of the batch,
// then all replicas exchange them through shared memory and each takes the same weighted mean
// (summed in rank order, so bit-identical everywhere); each then applies the same optimizer
// step, and the replicas stay in sync without a parameter server. One barrier per step: the
// slots are double-buffered by step parity.
import type { Tensor } from '@tensorflow/tfjs-core';

/** What a replica needs to join the exchange; send it in workerData. */
export interface ExchangeBuffers {
  data: SharedArrayBuffer;
  control: SharedArrayBuffer;
  size: number;
  replicas: number;
}

// Control words: barrier generation and arrival count, the failure flag (0 none, 2 being
// written, 1 set) and the failure message's length in bytes; the message follows them.
const GEN = 0,
  COUNT = 1,
  FAILED = 2,
  MSG_LEN = 3,
  HEADER_BYTES = 16,
  MSG_BYTES = 1024;

/** A replica reported a failure (or stopped answering): the exchange is over for everyone. */
export class ExchangeFailed extends Error {}

/** Shared buffers for `replicas` replicas exchanging `size` values per step (gradients plus any metrics). */
export function createExchange(size: number, replicas: number): ExchangeBuffers {
  if (!Number.isInteger(replicas) || replicas < 1)
    throw new Error(`replicas must be a positive integer, got ${replicas}`);
  // Per parity and rank: one weight (float64), then, after all weights, `size` values (float32).
  const data = new SharedArrayBuffer(
    2 * replicas * (Float64Array.BYTES_PER_ELEMENT + size * Float32Array.BYTES_PER_ELEMENT),
  );
  return { data, control: new SharedArrayBuffer(HEADER_BYTES + MSG_BYTES), size, replicas };
}

export class GradientExchange {
  private readonly weights: Float64Array;
  private readonly slots: Float32Array;
  private readonly ctl: Int32Array;
  private readonly out: Float32Array;
  private readonly acc: Float64Array;
  private parity = 0;

  constructor(
    private readonly buf: ExchangeBuffers,
    private readonly rank: number,
  ) {
    if (rank < 0 || rank >= buf.replicas) throw new Error(`rank ${rank} out of range for ${buf.replicas} replicas`);
    this.weights = new Float64Array(buf.data, 0, 2 * buf.replicas);
    this.slots = new Float32Array(
      buf.data,
      2 * buf.replicas * Float64Array.BYTES_PER_ELEMENT,
      2 * buf.replicas * buf.size,
    );
    this.ctl = new Int32Array(buf.control, 0, HEADER_BYTES / 4);
    this.out = new Float32Array(buf.size);
    this.acc = new Float64Array(buf.size);
  }

  /**
   * Ends the exchange for every replica: those waiting in (or later entering) a barrier throw
   * ExchangeFailed with this message. The first failure's message is kept.
   */
  fail(message: string): void {
    if (Atomics.compareExchange(this.ctl, FAILED, 0, 2) !== 0) return;
    const bytes = new TextEncoder().encode(message).subarray(0, MSG_BYTES);
    new Uint8Array(this.buf.control, HEADER_BYTES, MSG_BYTES).set(bytes);
    Atomics.store(this.ctl, MSG_LEN, bytes.length);
    Atomics.store(this.ctl, FAILED, 1);
    Atomics.notify(this.ctl, GEN);
  }

  /** The failure message, or null while every replica is well. */
  failure(): string | null {
    if (Atomics.load(this.ctl, FAILED) !== 1) return null;
    const bytes = new Uint8Array(this.buf.control, HEADER_BYTES, Atomics.load(this.ctl, MSG_LEN)).slice();
    return new TextDecoder().decode(bytes);
  }

  /**
   * Waits until every replica has called it the same number of times. Throws ExchangeFailed when
   * a replica fails, or after `timeoutMs` without the others arriving (a replica that died
   * without a word); the timeout then fails the exchange for the others too.
   */
  barrier(timeoutMs = Infinity): void {
    const failed = this.failure();
    if (failed !== null) throw new ExchangeFailed(failed);
    const gen = Atomics.load(this.ctl, GEN);
    if (Atomics.add(this.ctl, COUNT, 1) === this.buf.replicas - 1) {
      Atomics.store(this.ctl, COUNT, 0);
      Atomics.add(this.ctl, GEN, 1);
      Atomics.notify(this.ctl, GEN);
      return;
    }
    const deadline = Date.now() + timeoutMs;
    while (Atomics.load(this.ctl, GEN) === gen) {
      const why = this.failure();
      if (why !== null) throw new ExchangeFailed(why);
      const left = deadline - Date.now();
      if (left <= 0) {
        this.fail(`a data-parallel replica did not answer within ${Math.round(timeoutMs / 1000)} s`);
        throw new ExchangeFailed(this.failure() ?? 'data-parallel exchange timed out');
      }
      Atomics.wait(this.ctl, GEN, gen, Math.min(left, 1000));
    }
  }

  /**
   * sum_r(weight_r * values_r) / sum_r(weight_r) over all replicas; weight is this replica's
   * sample count (0 when it had no samples this step). The sum runs in rank order in double
   * precision, so every replica gets the same bits. The returned array is reused next call.
   */
  allReduceMean(values: Float32Array, weight: number, timeoutMs = Infinity): Float32Array {
    const { size, replicas } = this.buf;
    if (values.length !== size) throw new Error(`exchange expects ${size} values, got ${values.length}`);
    const first = this.parity * replicas;
    this.weights[first + this.rank] = weight;
    this.slots.set(values, (first + this.rank) * size);
    this.barrier(timeoutMs);
    let total = 0;
    for (let r = 0; r < replicas; r++) total += this.weights[first + r];
    const acc = this.acc;
    acc.fill(0);
    for (let r = 0; r < replicas; r++) {
      const w = this.weights[first + r];
      if (w === 0) continue; // an empty shard (its values are not read: they may be anything)
      const v = this.slots.subarray((first + r) * size, (first + r + 1) * size);
      for (let i = 0; i < size; i++) acc[i] += w * v[i];
    }
    const inv = total > 0 ? 1 / total : 0;
    for (let i = 0; i < size; i++) this.out[i] = acc[i] * inv;
    this.parity ^= 1;
    return this.out;
  }
}

/** Total element count of a list of shapes (the exchange size for these parameters). */
export function flatSize(shapes: number[][]): number {
  return shapes.reduce((t, s) => t + s.reduce((p, d) => p * d, 1), 0);
}

/** Copies tensors' values into one flat array (reads them back from the backend). */
export function flatten(tensors: Tensor[], into: Float32Array): Float32Array {
  let o = 0;
  for (const t of tensors) {
    const v = t.dataSync() as Float32Array;
    into.set(v, o);
    o += v.length;
  }
  return into;
}

/** Splits a flat array back into tensors of the given shapes (made with the given tensor factory). */
export function unflatten<T>(
  flat: Float32Array,
  shapes: number[][],
  make: (values: Float32Array, shape: number[]) => T,
): T[] {
  let o = 0;
  return shapes.map((shape) => {
    const n = shape.reduce((p, d) => p * d, 1);
    const t = make(flat.slice(o, o + n), shape);
    o += n;
    return t;
  });
}

/** The rows [start, end) of a global batch of `batch` samples that replica `rank` of `replicas` trains on. */
export function shardOf(batch: number, rank: number, replicas: number): [number, number] {
  const base = Math.floor(batch / replicas),
    extra = batch % replicas;
  const start = rank * base + Math.min(rank, extra);
  return [start, start + base + (rank < extra ? 1 : 0)];
}
