// Data-parallel training across worker threads, each with its own tfjs wasm instance (tfjs-wasm
// runs one thread in Node). Every replica computes the gradients of its share of the batch,
// then all replicas exchange them through shared memory and each takes the same weighted mean
// (summed in rank order, so bit-identical everywhere); each then applies the same optimizer
// step, and the replicas stay in sync without a parameter server. One barrier per step: the
// slots are double-buffered by step parity.
import type { Tensor } from '@tensorflow/tfjs-core';

/** What a replica needs to join the exchange; send it in workerData. */
export interface ExchangeBuffers { data: SharedArrayBuffer; control: SharedArrayBuffer; size: number; replicas: number }

const GEN = 0, COUNT = 1;

/** Shared buffers for `replicas` replicas exchanging `size` values per step (gradients plus any metrics). */
export function createExchange(size: number, replicas: number): ExchangeBuffers {
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`replicas must be a positive integer, got ${replicas}`);
  // Per parity and rank: one weight then `size` values.
  const data = new SharedArrayBuffer(2 * replicas * (size + 1) * Float64Array.BYTES_PER_ELEMENT);
  return { data, control: new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT), size, replicas };
}

export class GradientExchange {
  private readonly slots: Float64Array;
  private readonly ctl: Int32Array;
  private readonly out: Float32Array;
  private parity = 0;

  constructor(private readonly buf: ExchangeBuffers, private readonly rank: number) {
    if (rank < 0 || rank >= buf.replicas) throw new Error(`rank ${rank} out of range for ${buf.replicas} replicas`);
    this.slots = new Float64Array(buf.data);
    this.ctl = new Int32Array(buf.control);
    this.out = new Float32Array(buf.size);
  }

  /** Waits until every replica has called it the same number of times. */
  barrier(): void {
    const gen = Atomics.load(this.ctl, GEN);
    if (Atomics.add(this.ctl, COUNT, 1) === this.buf.replicas - 1) {
      Atomics.store(this.ctl, COUNT, 0);
      Atomics.add(this.ctl, GEN, 1);
      Atomics.notify(this.ctl, GEN);
    } else {
      while (Atomics.load(this.ctl, GEN) === gen) Atomics.wait(this.ctl, GEN, gen);
    }
  }

  /**
   * sum_r(weight_r * values_r) / sum_r(weight_r) over all replicas; weight is this replica's
   * sample count (0 when it had no samples this step). The returned array is reused next call.
   */
  allReduceMean(values: Float32Array, weight: number): Float32Array {
    const { size, replicas } = this.buf;
    if (values.length !== size) throw new Error(`exchange expects ${size} values, got ${values.length}`);
    const stride = size + 1;
    const base = this.parity * replicas * stride;
    const mine = base + this.rank * stride;
    this.slots[mine] = weight;
    for (let i = 0; i < size; i++) this.slots[mine + 1 + i] = values[i] * weight;
    this.barrier();
    let total = 0;
    for (let r = 0; r < replicas; r++) total += this.slots[base + r * stride];
    const acc = new Float64Array(size);
    for (let r = 0; r < replicas; r++) {
      const s = base + r * stride + 1;
      for (let i = 0; i < size; i++) acc[i] += this.slots[s + i];
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
export function unflatten<T>(flat: Float32Array, shapes: number[][], make: (values: Float32Array, shape: number[]) => T): T[] {
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
  const base = Math.floor(batch / replicas), extra = batch % replicas;
  const start = rank * base + Math.min(rank, extra);
  return [start, start + base + (rank < extra ? 1 : 0)];
}
