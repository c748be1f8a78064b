// Matrix products on ONNX Runtime's CPU kernels (MLAS: AVX2/AVX-512 with FMA), called
// synchronously through onnxruntime-node's native binding on the tensors in the wasm heap.
// WebAssembly has 128-bit SIMD and no fused multiply-add, so XNNPACK inside tfjs-backend-wasm
// tops out near 30 GFLOP/s on one core here; MLAS reaches about 70 (measured: 4096x2304x256,
// 67 ms against 166). onnxruntime-node is already a dependency (the ONNX export is checked with it).
// Where it cannot be loaded (another platform, a build without it) `ortGemm` returns false and
// the caller uses XNNPACK.
import { createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

// One MatMul node, a [m, k] x b [k, n] -> y [m, n], symbolic dimensions, opset 13, made with
// onnx.helper (make_node('MatMul', ['a', 'b'], ['y']), ir_version 7) and serialized.
const MATMUL_ONNX =
  'CAc6XAoRCgFhCgFiEgF5IgZNYXRNdWwSAm1tWhUKAWESEAoOCAESCgoDEgFtCgMSAWtaFQoBYhIQCg4IARIKCgMSAWsKAxIBbmIVCgF5EhAKDggBEgoKAxIBbQoDEgFuQgQKABAN';

export interface OrtTensorCtor {
  new (type: 'float32', data: Float32Array, dims: number[]): { data: Float32Array };
}
export interface NativeSession {
  loadModel(buffer: ArrayBuffer, offset: number, length: number, options: object): void;
  run(feeds: object, fetches: object, options: object): Record<string, { data: Float32Array; dims: number[] }>;
}

/**
 * A closed port: posting an ArrayBuffer in the transfer list of a closed port detaches it and
 * drops the message (HTML's postMessage, which Node follows), so its memory goes back to malloc at
 * once (ArrayBuffer.prototype.transfer does the same from Node 21 on; Node 20 has it only behind a
 * V8 flag).
 */
let sink: MessageChannel['port1'] | undefined;

/**
 * Runs `session` with every fetch a pre-allocated tensor (a view of the wasm heap, or of scratch)
 * and frees at once the copies that onnxruntime-node makes of them.
 *
 * ONNX Runtime writes each output straight into its pre-allocated tensor; then onnxruntime-node
 * (1.30, js/node/src: OrtValueToNapiValue) still builds the returned tensor of every output,
 * reused or not, in a NEW ArrayBuffer of the output's size (calloc + memcpy). Neither the run
 * options, the fetch forms (null: ORT allocates, the same copy follows) nor the session's
 * preferredOutputLocation (its IO binding path ignores pre-allocated outputs and copies as well;
 * only 'gpu-buffer' outputs, on a WebGPU build, come back without a copy) avoid it, so the copy
 * itself stays. Left to the garbage collector, these buffers (about 64 MiB per ResNet-18 step at
 * batch 64) are external memory of V8's heap: they drove most of the training worker's GCs ("external
 * memory pressure": 62-84 Mark-Compacts in a 30-step epoch, 22-23 with this; docs/PERFORMANCE.md),
 * and every copy went to fresh pages. Detached here, each is freed before the next run, which gets
 * the same block back from malloc, still in cache.
 */
export function runPreallocated(
  session: NativeSession,
  feeds: object,
  fetches: Record<string, { data: Float32Array }>,
): void {
  const results = session.run(feeds, fetches, {});
  if (sink === undefined) {
    sink = new MessageChannel().port1;
    sink.close();
  }
  for (const name in results) {
    const buffer = results[name].data.buffer;
    // Never the caller's memory with this binding (it always copies), but checked: a later one
    // that handed the pre-allocated tensor back must not have it detached.
    if (buffer.byteLength > 0 && buffer !== fetches[name]?.data.buffer) sink.postMessage(null, [buffer as ArrayBuffer]);
  }
}

interface Loaded {
  session: NativeSession;
  Tensor: OrtTensorCtor;
  /** The binding's session class and options, and the other models' sessions (ortSession). */
  Session: new () => NativeSession;
  options: object;
  others: Map<string, NativeSession | null>;
}

let mode: 'auto' | 'off' = process.env.NETLOOM_ORT_GEMM === '0' ? 'off' : 'auto';
let threads = 1;
let loaded: Loaded | null | undefined;
let loadError = '';

/** 'off' keeps every product on XNNPACK (tests compare the two; benchmarks time both). */
export function setOrtGemm(m: 'auto' | 'off'): void {
  mode = m;
}

/**
 * Threads of ONNX Runtime's pool for every product and convolution of this thread's engine (1 by
 * default: the kernel benches' figures are per core). A training run gives each data-parallel
 * worker its share of the cores (session.ts): one worker on a 2-core machine multiplies on both,
 * as PyTorch's intra-op threads do. Takes effect on the next product (the sessions are remade).
 */
export function setOrtGemmThreads(n: number): void {
  const want = Math.max(1, Math.floor(n));
  if (want !== threads) loaded = undefined;
  threads = want;
}

/** The thread count set by setOrtGemmThreads. */
export function ortGemmThreads(): number {
  return threads;
}

function load(): Loaded | null {
  if (loaded !== undefined) return loaded;
  try {
    const require = createRequire(import.meta.url);
    const b = require('onnxruntime-node/dist/binding') as {
      binding: { InferenceSession: new () => NativeSession };
      initOrt(): void;
    };
    const Tensor = (require('onnxruntime-node') as { Tensor: OrtTensorCtor }).Tensor;
    b.initOrt();
    const session = new b.binding.InferenceSession();
    const bytes = Buffer.from(MATMUL_ONNX, 'base64');
    const options = {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // Outputs are preallocated fetches (views of the wasm heap), so an arena would only keep the
      // sessions' scratch: without these each session's CPU arena held its largest allocation
      // ever (and more) for the life of the process.
      enableCpuMemArena: false,
      enableMemPattern: false,
      // Every geometry has a session of its own, each with its own pool: idle pool threads must
      // sleep, not spin waiting for work (with 2 threads and spinning, ResNet-18 trained at 65
      // images/s instead of 450-490; with 1 thread there is no pool and this changes nothing).
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    };
    session.loadModel(bytes.buffer, bytes.byteOffset, bytes.byteLength, options);
    loaded = { session, Tensor, Session: b.binding.InferenceSession, options, others: new Map() };
  } catch (e) {
    loadError = e instanceof Error ? e.message.split('\n')[0] : String(e);
    loaded = null;
  }
  return loaded;
}

/** Whether products go to ONNX Runtime (and why not, when they do not). */
export function ortGemmStatus(): { active: boolean; reason: string } {
  if (mode === 'off') return { active: false, reason: 'switched off' };
  return load() ? { active: true, reason: '' } : { active: false, reason: loadError };
}

/** Whether the next product would run on ONNX Runtime. */
export function ortGemmActive(): boolean {
  return mode === 'auto' && load() !== null;
}

/**
 * out [m, n] = a [m, k] . b [k, n] (row-major views, e.g. on the wasm heap) on ONNX Runtime.
 * Returns false, having written nothing, when ONNX Runtime is off or missing.
 */
export function ortGemm(a: Float32Array, b: Float32Array, out: Float32Array, m: number, k: number, n: number): boolean {
  if (mode === 'off') return false;
  const o = load();
  if (!o) return false;
  if (m * n === 0) return true;
  if (k === 0) {
    out.fill(0);
    return true;
  }
  // The result is written straight into `out` (a pre-allocated output; the binding's copy of it is freed).
  runPreallocated(
    o.session,
    { a: new o.Tensor('float32', a, [m, k]), b: new o.Tensor('float32', b, [k, n]) },
    { y: new o.Tensor('float32', out, [m, n]) },
  );
  return true;
}

/**
 * The session of another model (ort-conv.ts: one per convolution geometry) on the same binding
 * and thread count, made on first use and kept under `key`; null where ONNX Runtime is off or
 * missing, or where the model does not load (then it is not tried again).
 */
export function ortSession(
  key: string,
  model: () => Uint8Array,
): { session: NativeSession; Tensor: OrtTensorCtor } | null {
  if (mode === 'off') return null;
  const o = load();
  if (!o) return null;
  let session = o.others.get(key);
  if (session === undefined) {
    try {
      session = new o.Session();
      const bytes = model();
      session.loadModel(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength, o.options);
    } catch {
      session = null;
    }
    o.others.set(key, session);
  }
  return session ? { session, Tensor: o.Tensor } : null;
}
