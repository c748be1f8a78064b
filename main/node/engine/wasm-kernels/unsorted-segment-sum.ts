// UnsortedSegmentSum (missing from tfjs-backend-wasm): the gradient of gather, so of Embedding.
// out[s, ...] = sum of x[i, ...] over the i whose segment id is s; ids outside [0, numSegments) drop.
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { asWasm, type WasmBackend } from './heap';

function view(backend: WasmBackend, t: TensorInfo): Float32Array | Int32Array {
  const { memoryOffset } = backend.dataIdMap.get(t.dataId);
  const size = t.shape.reduce((p, d) => p * d, 1);
  const buf = backend.wasm.HEAPU8.buffer;
  return t.dtype === 'int32' ? new Int32Array(buf, memoryOffset, size) : new Float32Array(buf, memoryOffset, size);
}

function unsortedSegmentSum(args: {
  inputs: { x: TensorInfo; segmentIds: TensorInfo };
  backend: unknown;
  attrs: { numSegments: number };
}): TensorInfo {
  const {
    inputs: { x, segmentIds },
    attrs: { numSegments },
  } = args;
  if (x.dtype !== 'float32' && x.dtype !== 'int32')
    throw new Error(`UnsortedSegmentSum on wasm: unsupported dtype ${x.dtype}.`);
  const backend = asWasm(args.backend);
  const inner = x.shape.slice(segmentIds.shape.length);
  const size = inner.reduce((p, d) => p * d, 1);
  const out = backend.makeOutput([numSegments, ...inner], x.dtype as 'float32' | 'int32');
  const xs = view(backend, x),
    ids = view(backend, segmentIds),
    o = view(backend, out);
  o.fill(0);
  for (let i = 0; i < ids.length; i++) {
    const s = ids[i];
    if (s < 0 || s >= numSegments) continue;
    const src = i * size,
      dst = s * size;
    for (let e = 0; e < size; e++) o[dst + e] += xs[src + e];
  }
  return out;
}

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: 'UnsortedSegmentSum',
  backendName: 'wasm',
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};
