// The engine's own WebAssembly modules (kernels.wat, exchange.wat): compiled once from their
// base64 bytes on first use and instantiated over a given memory, or null where this runtime
// cannot (no WebAssembly, no SIMD, no shared memory): the callers then run their JavaScript.

/** A WebAssembly.Memory (the node build's lib has no WebAssembly typings). */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}

/** The part of the WebAssembly API used here. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  Memory: new (d: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const wasmApi = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

/** The module of these bytes, compiled on the first call; null (every time) where it cannot be. */
export function lazyModule(base64: string): () => object | null {
  let compiled: object | null | undefined;
  return () => {
    if (compiled === undefined) {
      try {
        if (!wasmApi) throw new Error('no WebAssembly');
        compiled = new wasmApi.Module(Buffer.from(base64, 'base64'));
      } catch {
        compiled = null;
      }
    }
    return compiled;
  };
}

/** The module's exports over `memory` (imported as env.memory); null when either is missing or it fails. */
export function instantiateOver<T>(mod: object | null, memory: unknown): T | null {
  if (!wasmApi || !mod || !(memory instanceof wasmApi.Memory)) return null;
  try {
    return new wasmApi.Instance(mod, { env: { memory } }).exports as T;
  } catch {
    return null;
  }
}

/** A shared memory of exactly `pages` 64 KiB pages, or null where the runtime cannot make one. */
export function sharedMemory(pages: number): WasmMemory | null {
  if (!wasmApi || pages > 65536) return null;
  try {
    return new wasmApi.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return null;
  }
}
