// The exchange of data-parallel training across worker threads, each with its own tfjs instance
// (tfjs-wasm runs one thread in Node). Every replica writes its shard's gradients into its own
// slot of one shared buffer; at a barrier each replica then reduces its own part of the buffer
// (the weighted mean over all slots, summed in rank order in double precision) into a shared
// result, and after a second barrier every replica reads the whole result from shared memory: a
// reduce-scatter and an all-gather with no copy beyond the shared buffer. Each element is reduced
// by one replica only, so every replica reads the same bits, takes the same optimizer step, and
// the replicas stay in sync without a parameter server. BatchNorm's statistics (SyncBatchNorm)
// meet in a small second region, one barrier per gather, double-buffered by parity.
// The buffer is a shared WebAssembly memory where the runtime has one (Node does), so the
// reduction runs in WebAssembly with SIMD (simd/exchange.wat), the same sums as reduceInto below.
// With room for it (`stateSlots`), the optimizer's step is sharded too, as ZeRO stage 1 and
// PyTorch's ZeroRedundancyOptimizer shard it: the master parameters and the optimizer's buffers
// live in the shared memory, and between the two barriers the replicas claim blocks of the
// parameters one at a time, each block reduced and updated by one replica (updateShared), so
// the optimizer's pass over every parameter is divided between the replicas instead of run by
// each, and the mean gradient is never copied out: every replica then reads the new parameters.
import { EXCHANGE_KERNELS_BASE64 } from './wasm-kernels/simd/exchange-bytes';
import { shardOf } from './flat';
import { instantiateOver, lazyModule, sharedMemory, type WasmMemory } from './wasm-kernels/simd/wasm-api';

/** What a replica needs to join the exchange; send it in workerData. */
export interface ExchangeBuffers {
  data: SharedArrayBuffer;
  /** The shared WebAssembly.Memory whose buffer `data` is, when there is one (the reduction then runs in WebAssembly). */
  memory?: SharedWasmMemory;
  control: SharedArrayBuffer;
  /** Per-replica values of an all-gather (BatchNorm statistics); may be empty. */
  stats: SharedArrayBuffer;
  size: number;
  statsSize: number;
  replicas: number;
  /**
   * The sharded update's optimizer buffers per value (0 for SGD without momentum, 1 with it, 2-3
   * for Adam), or null when the buffer has no room for the sharded update (see createExchange).
   */
  stateSlots: number | null;
}

// Control words: barrier generation and arrival count, the failure flag (0 none, 2 being
// written, 1 set), the failure message's length in bytes, and the next block of the sharded
// update to claim; the message follows them.
const GEN = 0,
  COUNT = 1,
  FAILED = 2,
  MSG_LEN = 3,
  CLAIM = 4,
  HEADER_BYTES = 32,
  MSG_BYTES = 1024;
/** Elements reduced at a time (the double-precision sums stay in the first-level cache). */
const BLOCK = 2048;
/**
 * How long a replica with nothing to do polls a barrier before it sleeps (ms): on a 2-core VM a
 * thread woken from Atomics.wait ran 25-40 us after the release (exchange.bench.ts --mode barrier).
 */
export const BARRIER_SPIN_MS = 0.5;
/** Values per block of the sharded update (a multiple of 4: blocks start on whole vectors). */
export const UPDATE_BLOCK = 32768;

/** A replica reported a failure (or stopped answering): the exchange is over for everyone. */
export class ExchangeFailed extends Error {}

/**
 * Shared buffers for `replicas` replicas exchanging `size` values per step (gradients plus any
 * metrics), and all-gathers of up to `statsSize` values (BatchNorm: 1 + 2 * the most channels).
 * With `wasm` (the default) the buffer is a shared WebAssembly memory where the runtime can make
 * one, and the replicas reduce in WebAssembly; false keeps the JavaScript reduction (tests compare them).
 * With `stateSlots` (the optimizer's buffers per parameter), the WebAssembly memory also holds the
 * sharded update's master parameters and those buffers, where they fit (a WebAssembly memory is
 * at most 4 GiB); the result's `stateSlots` is null where they do not (or without WebAssembly).
 */
export function createExchange(
  size: number,
  replicas: number,
  statsSize = 0,
  wasm = true,
  stateSlots: number | null = null,
): ExchangeBuffers {
  if (!Number.isInteger(replicas) || replicas < 1)
    throw new Error(`replicas must be a positive integer, got ${replicas}`);
  // One weight per rank (float64), then one slot of `size` values per rank and the result
  // (float32), then the master parameters and the optimizer's buffers, `size` values each.
  const f32 = Float32Array.BYTES_PER_ELEMENT;
  const bytes = replicas * Float64Array.BYTES_PER_ELEMENT + (replicas + 1) * size * f32;
  let memory: SharedWasmMemory | null = null;
  let slots: number | null = null;
  if (wasm && stateSlots !== null) {
    memory = sharedWasmMemory(bytes + (1 + stateSlots) * size * f32);
    if (memory) slots = stateSlots;
  }
  if (wasm && !memory) memory = sharedWasmMemory(bytes);
  const data = memory ? (memory.buffer as SharedArrayBuffer) : new SharedArrayBuffer(bytes);
  const stats = new SharedArrayBuffer(2 * replicas * statsSize * Float64Array.BYTES_PER_ELEMENT);
  return {
    data,
    ...(memory ? { memory } : {}),
    control: new SharedArrayBuffer(HEADER_BYTES + MSG_BYTES),
    stats,
    size,
    statsSize,
    replicas,
    stateSlots: slots,
  };
}

/** The WebAssembly reduction's exports (pointers are byte offsets into the exchange's memory; counts in floats). */
interface ExchangeKernels {
  weighted_mean(out: number, slots: number, stride: number, weights: number, k: number, inv: number, n: number): void;
  mean_sgd_step(
    p: number,
    buf: number,
    slots: number,
    stride: number,
    weights: number,
    k: number,
    inv: number,
    n: number,
    lr: number,
    wd: number,
    momentum: number,
    dampening: number,
    nesterov: number,
    first: number,
  ): void;
}

/** SGD's hyperparameters for the sharded update (torch.optim.SGD; weight decay coupled). */
export interface SgdHyper {
  lr: number;
  wd: number;
  momentum: number;
  dampening: number;
  nesterov: boolean;
}

/** A shared WebAssembly.Memory. */
export type SharedWasmMemory = WasmMemory;

const PAGE = 65536;
const kernelsModule = lazyModule(EXCHANGE_KERNELS_BASE64);

/** A shared WebAssembly memory of at least `bytes` (null when the runtime cannot make one: a plain SharedArrayBuffer then). */
function sharedWasmMemory(bytes: number): SharedWasmMemory | null {
  return kernelsModule() ? sharedMemory(Math.max(1, Math.ceil(bytes / PAGE))) : null;
}

function instantiate(memory: SharedWasmMemory | undefined): ExchangeKernels | null {
  return instantiateOver<ExchangeKernels>(kernelsModule(), memory);
}

export class GradientExchange {
  private readonly weights: Float64Array;
  private readonly slots: Float32Array;
  private readonly out: Float32Array;
  private readonly master: Float32Array | null;
  private readonly state: Float32Array[];
  private readonly stats: Float64Array;
  private readonly ctl: Int32Array;
  private readonly acc = new Float64Array(BLOCK);
  private readonly part: [number, number];
  private readonly kernels: ExchangeKernels | null;
  private parity = 0;
  private idle: (() => boolean) | null = null;
  /** How long barrier() polls before it sleeps, when there is no work to do while waiting (ms). */
  spinMs = BARRIER_SPIN_MS;

  constructor(
    private readonly buf: ExchangeBuffers,
    private readonly rank: number,
  ) {
    const { replicas, size } = buf;
    if (rank < 0 || rank >= replicas) throw new Error(`rank ${rank} out of range for ${replicas} replicas`);
    const f64 = Float64Array.BYTES_PER_ELEMENT;
    this.weights = new Float64Array(buf.data, 0, replicas);
    this.slots = new Float32Array(buf.data, replicas * f64, replicas * size);
    this.out = new Float32Array(buf.data, replicas * f64 + replicas * size * 4, size);
    const after = (k: number) => replicas * f64 + (replicas + 1 + k) * size * 4;
    this.master = buf.stateSlots === null ? null : new Float32Array(buf.data, after(0), size);
    this.state = Array.from({ length: buf.stateSlots ?? 0 }, (_, k) => new Float32Array(buf.data, after(k + 1), size));
    this.stats = new Float64Array(buf.stats);
    this.ctl = new Int32Array(buf.control, 0, HEADER_BYTES / 4);
    this.part = shardOf(size, rank, replicas);
    this.kernels = instantiate(buf.memory);
  }

  /** Whether this replica reduces in WebAssembly (else in JavaScript). */
  get reducesInWasm(): boolean {
    return this.kernels !== null;
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
   * Waits until every replica has called it the same number of times (the last to arrive runs
   * `last` before the others leave). Throws ExchangeFailed when
   * a replica fails, or after `timeoutMs` without the others arriving (a replica that died
   * without a word); the timeout then fails the exchange for the others too.
   */
  barrier(timeoutMs = Infinity, last?: () => void): void {
    const failed = this.failure();
    if (failed !== null) throw new ExchangeFailed(failed);
    const gen = Atomics.load(this.ctl, GEN);
    if (Atomics.add(this.ctl, COUNT, 1) === this.buf.replicas - 1) {
      last?.(); // the last replica to arrive, before any leaves
      Atomics.store(this.ctl, COUNT, 0);
      Atomics.add(this.ctl, GEN, 1);
      Atomics.notify(this.ctl, GEN);
      return;
    }
    const deadline = Date.now() + timeoutMs;
    let spinUntil = -1;
    while (Atomics.load(this.ctl, GEN) === gen) {
      if (this.idle?.()) continue; // a piece of other work, then look again
      // Without work, poll a little before sleeping: the replicas meet at every BatchNorm layer,
      // often after a wait of tens of microseconds, and a thread woken from Atomics.wait takes
      // about as long again to run.
      const now = performance.now();
      if (spinUntil < 0) spinUntil = now + this.spinMs;
      if (now < spinUntil) continue;
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
   * Work for this replica to do while it waits at a barrier instead of sleeping: `work` does one
   * short piece per call and returns whether more is left (null: none). Data-parallel training
   * copies finished gradients into the slot this way while BatchNorm's exchanges wait.
   */
  whileWaiting(work: (() => boolean) | null): void {
    this.idle = work;
  }

  /**
   * This replica's slot of the shared buffer: write this step's values into it (all `size` of
   * them; a replica with weight 0 may leave it as it is), then call reduceMean.
   */
  slot(): Float32Array {
    const { size } = this.buf;
    return this.slots.subarray(this.rank * size, (this.rank + 1) * size);
  }

  /**
   * sum_r(weight_r * slot_r) / sum_r(weight_r) over all replicas; weight is this replica's
   * sample count (0 when it had no samples this step: its slot is not read). Each replica sums
   * its own part of the buffer, in rank order in double precision, so every replica gets the
   * same bits. Returns the shared result: read it before this replica's next exchange call.
   */
  reduceMean(weight: number, timeoutMs = Infinity): Float32Array {
    this.weights[this.rank] = weight;
    this.barrier(timeoutMs); // every slot written
    this.reducePart();
    this.barrier(timeoutMs); // every part reduced
    return this.out;
  }

  /**
   * Reduces this replica's part of the buffer with the weights in shared memory (reduceMean's
   * middle, between its barriers): in WebAssembly where the buffer is a wasm memory, else in
   * JavaScript (reduceInto), the same sums either way. Returns the shared result.
   */
  reducePart(): Float32Array {
    this.meanBlock(this.part[0], this.part[1]);
    return this.out;
  }

  /** The sharded update's master parameters in shared memory (`size` values: the gradients' layout), or null without it. */
  sharedParams(): Float32Array | null {
    return this.master;
  }

  /** The sharded update's optimizer buffers in shared memory (stateSlots of them, `size` values each). */
  sharedState(): Float32Array[] {
    return this.state;
  }

  /**
   * The weighted mean of the slots over [from, to) (the metrics after the gradients), computed
   * by this replica alone in a new array: every replica gets the same bits (reducePart's sums).
   */
  meanOf(from: number, to: number): Float32Array {
    const { ws, vs } = this.present(from, to);
    const out = new Float32Array(to - from);
    reduceInto(out, [0, to - from], ws, vs, this.inverseTotal(), this.acc);
    return out;
  }

  /**
   * The sharded optimizer step (ZeRO stage 1), in place of reduceMean: once every slot is written
   * (this replica's weight set here), every replica computes the metrics, the values [n, size),
   * and when `apply(metrics)` is true (every replica decides alike, from the same bits) the
   * replicas claim blocks of the first n values one at a time until none is left; each block is
   * reduced and its parameters updated by `update(start, end)` in the claiming replica, so a
   * replica that arrived late simply claims fewer. A second barrier ends the step; then every
   * replica may read sharedParams(). Returns the metrics.
   */
  updateShared(
    weight: number,
    n: number,
    apply: (metrics: Float32Array) => boolean,
    update: (start: number, end: number) => void,
    timeoutMs = Infinity,
  ): Float32Array {
    this.weights[this.rank] = weight;
    this.barrier(timeoutMs); // every slot written
    const metrics = this.meanOf(n, this.buf.size);
    if (apply(metrics)) {
      const blocks = Math.ceil(n / UPDATE_BLOCK);
      for (;;) {
        const b = Atomics.load(this.ctl, CLAIM);
        if (b >= blocks) break;
        if (Atomics.compareExchange(this.ctl, CLAIM, b, b + 1) !== b) continue;
        update(b * UPDATE_BLOCK, Math.min(n, (b + 1) * UPDATE_BLOCK));
      }
    }
    // Every block updated; the last to arrive resets the claims for the next step.
    this.barrier(timeoutMs, () => Atomics.store(this.ctl, CLAIM, 0));
    return metrics;
  }

  /**
   * SGD's sharded update of [start, end): the slots' weighted mean (reducePart's sums), then the
   * update of the master parameters and the momentum buffer (sharedState()[0]) in place, as the
   * optimizer's own kernel computes it; `first` when the buffer does not exist yet. WebAssembly only.
   */
  sgdBlock(start: number, end: number, h: SgdHyper, first: boolean): void {
    const k = this.kernels;
    const p = this.master;
    if (!k || !p) throw new Error('the sharded update needs the exchange in a shared WebAssembly memory');
    const at = (a: Float32Array) => a.byteOffset + start * Float32Array.BYTES_PER_ELEMENT;
    const buf = this.state[0];
    k.mean_sgd_step(
      at(p),
      buf ? at(buf) : 0,
      at(this.slots),
      this.buf.size * 4,
      this.weights.byteOffset,
      this.buf.replicas,
      this.inverseTotal(),
      end - start,
      h.lr,
      h.wd,
      h.momentum,
      h.dampening,
      h.nesterov ? 1 : 0,
      first ? 1 : 0,
    );
  }

  /** The slots' weighted mean over [start, end) into the shared result (reducePart's sums); returns that part of it. */
  meanBlock(start: number, end: number): Float32Array {
    const k = this.kernels;
    const at = (a: Float32Array) => a.byteOffset + start * Float32Array.BYTES_PER_ELEMENT;
    if (k)
      k.weighted_mean(
        at(this.out),
        at(this.slots),
        this.buf.size * 4,
        this.weights.byteOffset,
        this.buf.replicas,
        this.inverseTotal(),
        end - start,
      );
    else {
      const { ws, vs } = this.present(0, this.buf.size);
      reduceInto(this.out, [start, end], ws, vs, this.inverseTotal(), this.acc);
    }
    return this.out.subarray(start, end);
  }

  /** The weights of the replicas with samples and their slots' values [from, to) (an empty shard's slot is not read: it may hold anything). */
  private present(from: number, to: number): { ws: number[]; vs: Float32Array[] } {
    const { size, replicas } = this.buf;
    const ws: number[] = [];
    const vs: Float32Array[] = [];
    for (let r = 0; r < replicas; r++) {
      if (this.weights[r] === 0) continue;
      ws.push(this.weights[r]);
      vs.push(this.slots.subarray(r * size + from, r * size + to));
    }
    return { ws, vs };
  }

  private inverseTotal(): number {
    let total = 0;
    for (let r = 0; r < this.buf.replicas; r++) total += this.weights[r];
    return total > 0 ? 1 / total : 0;
  }

  /** Writes `values` into this replica's slot and returns the weighted mean (see reduceMean). */
  allReduceMean(values: Float32Array, weight: number, timeoutMs = Infinity): Float32Array {
    if (values.length !== this.buf.size)
      throw new Error(`exchange expects ${this.buf.size} values, got ${values.length}`);
    this.slot().set(values);
    return this.reduceMean(weight, timeoutMs);
  }

  /**
   * Every replica's `values`, in rank order (views of the shared buffer, valid until this
   * replica's next gather but one). At most statsSize values.
   */
  allGather(values: Float64Array, timeoutMs = Infinity): Float64Array[] {
    const { statsSize, replicas } = this.buf;
    if (values.length > statsSize)
      throw new Error(`exchange gathers at most ${statsSize} values, got ${values.length}`);
    const first = this.parity * replicas;
    this.stats.set(values, (first + this.rank) * statsSize);
    this.barrier(timeoutMs);
    this.parity ^= 1;
    return Array.from({ length: replicas }, (_, r) =>
      this.stats.subarray((first + r) * statsSize, (first + r) * statsSize + values.length),
    );
  }
}

/**
 * out[i] = sum_r(w_r * v_r[i]) * inv for i in [start, end), summed in the given order in double
 * precision. Fused loops for up to three shards (the common cases), blocks through `acc` beyond.
 */
export function reduceInto(
  out: Float32Array,
  [start, end]: [number, number],
  w: number[],
  v: Float32Array[],
  inv: number,
  acc: Float64Array,
): void {
  if (w.length === 1) {
    const [a, wa] = [v[0], w[0]];
    for (let i = start; i < end; i++) out[i] = wa * a[i] * inv;
  } else if (w.length === 2) {
    const [a, b] = v;
    const [wa, wb] = w;
    for (let i = start; i < end; i++) out[i] = (wa * a[i] + wb * b[i]) * inv;
  } else if (w.length === 3) {
    const [a, b, c] = v;
    const [wa, wb, wc] = w;
    for (let i = start; i < end; i++) out[i] = (wa * a[i] + wb * b[i] + wc * c[i]) * inv;
  } else {
    for (let s = start; s < end; s += BLOCK) {
      const n = Math.min(BLOCK, end - s);
      acc.fill(0, 0, n);
      w.forEach((wr, r) => {
        const x = v[r];
        for (let i = 0; i < n; i++) acc[i] += wr * x[s + i];
      });
      for (let i = 0; i < n; i++) out[s + i] = acc[i] * inv;
    }
  }
}
