/**
 * Tensors' bytes for a checkpoint file without copying them out first, where the backend keeps
 * them in memory JavaScript can see: the wasm backend's heap. `data()` there is a fresh copy of
 * every tensor (90 MB of garbage for ResNet-18's weights and SGD's momentum at each checkpoint,
 * collected late: the end of a run was its memory peak, docs/PERFORMANCE.md). Other backends
 * read one tensor at a time with `data()` (the cpu backend returns its own array, no copy).
 */
import { backend as activeBackend, getBackend, type Tensor } from '@tensorflow/tfjs-core';
import type { WasmBackend } from '../engine/wasm-kernels/heap';

/** Bytes per element as a weights file stores them (tfjs's encodeWeights: bool as one byte). */
const BYTES: Partial<Record<string, number>> = { float32: 4, int32: 4, bool: 1 };

type WasmStorage = WasmBackend & { dataIdMap: { has(dataId: object): boolean } };

/**
 * Byte views of the tensors in the wasm heap, in order; null unless the wasm backend is active
 * and holds every one of them. A view is valid only until the next tensor is allocated (the
 * heap may grow and move): write the views at once, synchronously.
 */
export function heapViews(tensors: readonly Tensor[]): Uint8Array[] | null {
  if (getBackend() !== 'wasm') return null;
  const b = activeBackend() as unknown as WasmStorage;
  const views: Uint8Array[] = [];
  for (const t of tensors) {
    const per = BYTES[t.dtype];
    if (per === undefined || t.isDisposed || !b.dataIdMap.has(t.dataId)) return null;
    const bytes = t.size * per;
    views.push(
      bytes === 0
        ? new Uint8Array(0)
        : new Uint8Array(b.wasm.HEAPU8.buffer, b.dataIdMap.get(t.dataId).memoryOffset, bytes),
    );
  }
  return views;
}

/** The tensors' bytes one at a time, each read when the writer asks for it (the path off wasm). */
export async function* readBytes(tensors: readonly Tensor[]): AsyncGenerator<Uint8Array> {
  for (const t of tensors) {
    const d = await t.data();
    yield new Uint8Array(d.buffer, d.byteOffset, d.byteLength);
  }
}
