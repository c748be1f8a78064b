/**
 * Dawn for Node (the `webgpu` package, a prebuilt dawn.node inside it): loads it, makes its
 * WebGPU globals visible to tfjs-backend-webgpu (GPUBufferUsage, GPUMapMode, … and
 * `navigator.gpu`), and asks for the high-performance adapter. Every failure is an Error whose
 * first line says what was missing, for the ladder's log.
 */
import type { AdapterLike } from './adapter';
import { vulkanDriverMissing } from './vulkan';

/** The parts of a GPUAdapter the engine uses (an injected object in the selection tests). */
export interface GpuAdapterLike extends AdapterLike {
  requestDevice(descriptor?: {
    requiredLimits?: Record<string, number>;
    requiredFeatures?: string[];
  }): Promise<GpuDeviceLike>;
  features: ReadonlySet<string>;
}

/** The parts of a GPUDevice the engine touches itself (tfjs-backend-webgpu uses the rest). */
export interface GpuDeviceLike {
  lost: Promise<{ reason?: string; message: string }>;
  destroy(): void;
}

export interface GpuLike {
  requestAdapter(options?: {
    powerPreference?: 'high-performance' | 'low-power';
    forceFallbackAdapter?: boolean;
  }): Promise<GpuAdapterLike | null>;
}

export interface DawnModule {
  create(flags: string[]): GpuLike;
  globals: object;
}

/** Where Dawn comes from; tests inject one that fails or that wraps the real adapter. */
export type DawnLoader = () => Promise<DawnModule>;

export const loadDawnModule: DawnLoader = async () =>
  (await import(/* @vite-ignore */ 'webgpu')) as unknown as DawnModule;

const installed = new WeakMap<DawnModule, GpuLike>();

/** Makes Dawn's globals and `navigator.gpu` visible, once per thread and module. */
function install(dawn: DawnModule): GpuLike {
  const known = installed.get(dawn);
  if (known) return known;
  const g = globalThis as Record<string, unknown>;
  for (const [k, v] of Object.entries(dawn.globals)) if (!(k in g)) g[k] = v;
  const gpu = dawn.create([]);
  const nav = g.navigator as Record<string, unknown> | undefined;
  if (nav === undefined) g.navigator = { gpu };
  else Object.defineProperty(nav, 'gpu', { value: gpu, configurable: true });
  installed.set(dawn, gpu);
  return gpu;
}

export async function requestAdapter(load: DawnLoader = loadDawnModule): Promise<GpuAdapterLike> {
  // An injected loader (tests) brings its own adapter; the real Dawn needs a driver first.
  const missing = load === loadDawnModule ? vulkanDriverMissing(process.platform, process.env) : null;
  if (missing) throw new Error(missing);
  let dawn: DawnModule;
  try {
    dawn = await load();
  } catch (e) {
    throw new Error(
      `the webgpu package (Dawn for Node) did not load: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`,
    );
  }
  const gpu = install(dawn);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    const hint =
      process.platform === 'linux' ? " (install the Vulkan loader, libvulkan1, and your GPU's Vulkan driver)" : '';
    throw new Error(`Dawn found no WebGPU adapter${hint}`);
  }
  return adapter;
}
