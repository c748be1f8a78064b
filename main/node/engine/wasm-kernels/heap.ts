// Direct access to the wasm backend's heap: tensors live in wasm memory; a kernel reads and
// writes them through Float32Array views, and runs its matrix products on the backend's own
// XNNPACK GEMM (the fast path of its BatchMatMul: batch 1, no transposes).
import type { TensorInfo } from '@tensorflow/tfjs-core';
import { ortGemm } from './ort-gemm';

/** The parts of tfjs-backend-wasm's BackendWasm that the kernels use. */
export interface WasmBackend {
  wasm: {
    cwrap(name: string, ret: null, args: string[]): (...a: unknown[]) => void;
    HEAPU8: Uint8Array;
    /** The module's exports; `memory` is the heap itself (hand-written kernels import it). */
    asm?: { memory?: object };
  };
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } };
  makeOutput(shape: number[], dtype: 'float32' | 'int32'): TensorInfo;
  disposeData(dataId: object, force?: boolean): boolean;
  /** How many tensors share this storage (a clone or reshape shares it). */
  refCount(dataId: object): number;
}

export function asWasm(backend: unknown): WasmBackend {
  return backend as WasmBackend;
}

/** A Float32Array view on a tensor's bytes in the wasm heap. Take views only after the last allocation. */
export function f32(backend: WasmBackend, t: TensorInfo): Float32Array {
  const { memoryOffset } = backend.dataIdMap.get(t.dataId);
  let size = 1;
  for (const d of t.shape) size *= d;
  return new Float32Array(backend.wasm.HEAPU8.buffer, memoryOffset, size);
}

/** A tensor's byte offset in the heap (the pointer hand-written wasm kernels take). */
export function offsetOf(backend: WasmBackend, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId).memoryOffset;
}

export function wasmId(backend: WasmBackend, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId).id;
}

/** A float32 tensor on the heap; its contents are whatever the allocator left (callers fill it). */
export function alloc(backend: WasmBackend, shape: number[]): TensorInfo {
  return backend.makeOutput(shape, 'float32');
}

export function free(backend: WasmBackend, ...ts: TensorInfo[]): void {
  for (const t of ts) backend.disposeData(t.dataId);
}

type WasmMatMul = (
  aId: number,
  aShape: Uint8Array,
  aLen: number,
  bId: number,
  bShape: Uint8Array,
  bLen: number,
  transposeA: boolean,
  transposeB: boolean,
  outId: number,
) => void;
const matmuls = new WeakMap<object, WasmMatMul>();

function wasmMatMul(backend: WasmBackend): WasmMatMul {
  let fn = matmuls.get(backend.wasm);
  if (fn === undefined) {
    fn = backend.wasm.cwrap('BatchMatMul', null, [
      'number',
      'array',
      'number',
      'number',
      'array',
      'number',
      'number',
      'number',
      'number',
    ]) as WasmMatMul;
    matmuls.set(backend.wasm, fn);
  }
  return fn;
}

function shapeBytes(shape: number[]): Uint8Array {
  return new Uint8Array(new Int32Array(shape).buffer);
}

/**
 * out[m, n] = sum_k a[m, k] * b[k, n] (row-major, a is [m, k], b is [k, n], out is [m, n]), on
 * ONNX Runtime's MLAS where it loads (ort-gemm.ts: 2-2.5x XNNPACK's throughput), else
 * through XNNPACK's fully-connected operator. XNNPACK packs b and caches the packed copy under
 * b's tensor id, whatever shape b had, until b is disposed: so b must be a scratch tensor made
 * for this one product and freed after it (see `scratchCopy`), never a tensor of the graph.
 */
export function gemm(
  backend: WasmBackend,
  a: TensorInfo,
  b: TensorInfo,
  out: TensorInfo,
  m: number,
  k: number,
  n: number,
): void {
  const view = (t: TensorInfo, size: number) =>
    new Float32Array(backend.wasm.HEAPU8.buffer, backend.dataIdMap.get(t.dataId).memoryOffset, size);
  if (ortGemm(view(a, m * k), view(b, k * n), view(out, m * n), m, k, n)) return;
  wasmMatMul(backend)(
    wasmId(backend, a),
    shapeBytes([1, m, k]),
    3,
    wasmId(backend, b),
    shapeBytes([1, k, n]),
    3,
    false,
    false,
    wasmId(backend, out),
  );
}

/** A scratch copy of a tensor's values, for use as the `b` operand of `gemm`. */
export function scratchCopy(backend: WasmBackend, t: TensorInfo): TensorInfo {
  const copy = alloc(backend, t.shape);
  f32(backend, copy).set(f32(backend, t));
  return copy;
}
