/**
 * The backend ladder: WebGPU through Dawn on a hardware adapter (webgpu/), @tensorflow/tfjs-node-gpu
 * (CUDA), @tensorflow/tfjs-node, tfjs-backend-wasm with the project's training kernels, then the
 * plain cpu backend. Each is loaded at run time by dynamic import (the node ones are optional
 * dependencies). A rung passed over leaves its reason in `notes` (the session logs them). Forcing
 * one that cannot load is an error, never a silent fallback; forcing webgpu accepts a software
 * adapter (SwiftShader), which the ladder never picks by itself.
 */
import { createRequire } from 'node:module';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import { err, ok, type Result } from '../../../app/result';
import type { AdapterReport } from './webgpu/adapter';
import type { DawnLoader } from './webgpu/dawn';
import { registerCpuKernelFixes } from './cpu-kernels/resize-nearest-grad';

export const BACKENDS = ['webgpu', 'node-gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface LoadedBackend {
  tf: Tf;
  /** The ladder name (`wasm`) and the tfjs backend name it runs as (`wasm`, `tensorflow`). */
  name: BackendName;
  tfBackend: string;
  package: string;
  version: string;
  /** The device in words for the UI ("SwiftShader (software)", "NVIDIA GeForce RTX 4070 via Vulkan"); absent off WebGPU. */
  device?: string;
  adapter?: AdapterReport;
  /** Log lines: rungs passed over and why, and the WebGPU adapter's report. */
  notes: string[];
  /** The reason the GPU device was lost, or null (WebGPU only). */
  deviceLost?: () => string | null;
}

export interface LoadOptions {
  /** Let the ladder try WebGPU (the training worker, whose loop reads values asynchronously). */
  webgpu?: boolean;
  /** Where Dawn comes from (tests inject a failing or a wrapping loader). */
  loadDawn?: DawnLoader;
}

const PACKAGES: Record<BackendName, string> = {
  webgpu: '@tensorflow/tfjs-backend-webgpu',
  'node-gpu': '@tensorflow/tfjs-node-gpu',
  node: '@tensorflow/tfjs-node',
  wasm: '@tensorflow/tfjs-backend-wasm',
  cpu: '@tensorflow/tfjs-backend-cpu',
};

function versionOf(pkg: string): string {
  try {
    const require = createRequire(import.meta.url);
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

async function dynamicImport(name: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ name)) as Record<string, unknown>;
}

async function coreAndLayers(): Promise<Tf> {
  const core = await dynamicImport('@tensorflow/tfjs-core');
  const layers = await dynamicImport('@tensorflow/tfjs-layers');
  return { ...core, ...layers } as unknown as Tf;
}

async function load(name: BackendName, forced: boolean, o: LoadOptions): Promise<LoadedBackend> {
  const pkg = PACKAGES[name];
  let tf: Tf;
  let tfBackend: string;
  let gpu: Pick<LoadedBackend, 'device' | 'adapter' | 'notes' | 'deviceLost'> = { notes: [] };
  if (name === 'webgpu') {
    tf = await coreAndLayers();
    await dynamicImport('@tensorflow/tfjs-backend-cpu');
    const { prepareWebGpu } = await import('./webgpu/backend');
    const rung = await prepareWebGpu(tf, { forced, loadDawn: o.loadDawn });
    gpu = { device: rung.report.label, adapter: rung.report, notes: rung.log, deviceLost: rung.lost };
    tfBackend = 'webgpu';
  } else if (name === 'node-gpu' || name === 'node') {
    tf = (await dynamicImport(pkg)) as unknown as Tf;
    tfBackend = 'tensorflow';
  } else if (name === 'wasm') {
    tf = await coreAndLayers();
    await dynamicImport('@tensorflow/tfjs-backend-cpu');
    await dynamicImport(pkg);
    const kernels = await dynamicImport('./wasm-kernels/index');
    (kernels.registerWasmTrainingKernels as (t: Tf) => void)(tf);
    tfBackend = 'wasm';
  } else {
    tf = await coreAndLayers();
    await dynamicImport(pkg);
    tfBackend = 'cpu';
  }
  // tfjs-backend-cpu 4.22's ResizeNearestNeighborGrad is wrong from a batch's second sample on;
  // every rung imports the cpu backend (the fallback), so the correct kernel replaces it everywhere.
  if (tf.getKernel('ResizeNearestNeighborGrad', 'cpu') !== undefined) registerCpuKernelFixes(tf);
  // PROD silences tfjs's console banners (they would mix into --json output); errors still throw.
  tf.env().set('PROD', true);
  if (!(await tf.setBackend(tfBackend))) throw new Error(`tf.setBackend('${tfBackend}') returned false`);
  await tf.ready();
  return { tf, name, tfBackend, package: pkg, version: versionOf(pkg), ...gpu };
}

export function isBackendName(s: string): s is BackendName {
  return (BACKENDS as readonly string[]).includes(s);
}

/** One line: an optional package that is simply absent says so, without the resolver's file paths. */
function whyNotLoaded(name: BackendName, e: unknown): string {
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  const code = e instanceof Error && 'code' in e ? (e as { code?: unknown }).code : undefined;
  const missing = code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
  return missing && message.includes(PACKAGES[name]) ? `${PACKAGES[name]} is not installed (optional)` : message;
}

/** Load the named backend, or the first of the ladder that loads. */
export async function loadBackend(forced?: string, o: LoadOptions = {}): Promise<Result<LoadedBackend>> {
  if (forced !== undefined) {
    if (!isBackendName(forced)) return err(`backend '${forced}' is not known. Choose one of: ${BACKENDS.join(', ')}.`);
    try {
      return ok(await load(forced, true, o));
    } catch (e) {
      const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      const hint = forced === 'node' || forced === 'node-gpu' ? ` Install it with: npm i ${PACKAGES[forced]}.` : '';
      return err(`backend '${forced}' (${PACKAGES[forced]}) cannot be loaded: ${why}.${hint}`);
    }
  }
  const reasons: string[] = [];
  for (const name of BACKENDS) {
    if (name === 'webgpu' && !o.webgpu) continue;
    try {
      const b = await load(name, false, o);
      return ok({ ...b, notes: [...reasons.map((r) => `backend ${r}; trying the next`), ...b.notes] });
    } catch (e) {
      reasons.push(`${name}: ${whyNotLoaded(name, e)}`);
    }
  }
  return err(`no TensorFlow.js backend could be loaded (${reasons.join('; ')}).`);
}
