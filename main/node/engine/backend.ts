/**
 * The backend ladder: @tensorflow/tfjs-node-gpu (CUDA), @tensorflow/tfjs-node, tfjs-backend-wasm
 * with the project's training kernels, then the plain cpu backend. Each is loaded at run time
 * by dynamic import (the node ones are optional dependencies). Forcing one that cannot load is
 * an error, never a silent fallback.
 */
import { createRequire } from 'node:module';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import { err, ok, type Result } from '../../../app/result';

export const BACKENDS = ['node-gpu', 'node', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export interface LoadedBackend {
  tf: Tf;
  /** The ladder name (`wasm`) and the tfjs backend name it runs as (`wasm`, `tensorflow`). */
  name: BackendName;
  tfBackend: string;
  package: string;
  version: string;
}

const PACKAGES: Record<BackendName, string> = {
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

async function load(name: BackendName): Promise<LoadedBackend> {
  const pkg = PACKAGES[name];
  let tf: Tf;
  let tfBackend: string;
  if (name === 'node-gpu' || name === 'node') {
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
  // PROD silences tfjs's console banners (they would mix into --json output); errors still throw.
  tf.env().set('PROD', true);
  if (!(await tf.setBackend(tfBackend))) throw new Error(`tf.setBackend('${tfBackend}') returned false`);
  await tf.ready();
  return { tf, name, tfBackend, package: pkg, version: versionOf(pkg) };
}

export function isBackendName(s: string): s is BackendName {
  return (BACKENDS as readonly string[]).includes(s);
}

/** Load the named backend, or the first of the ladder that loads. */
export async function loadBackend(forced?: string): Promise<Result<LoadedBackend>> {
  if (forced !== undefined) {
    if (!isBackendName(forced)) return err(`backend '${forced}' is not known. Choose one of: ${BACKENDS.join(', ')}.`);
    try {
      return ok(await load(forced));
    } catch (e) {
      const why = (e instanceof Error ? e.message : String(e)).split('\n')[0];
      const hint = forced === 'node' || forced === 'node-gpu' ? ` Install it with: npm i ${PACKAGES[forced]}.` : '';
      return err(`backend '${forced}' (${PACKAGES[forced]}) cannot be loaded: ${why}.${hint}`);
    }
  }
  const reasons: string[] = [];
  for (const name of BACKENDS) {
    try {
      return ok(await load(name));
    } catch (e) {
      reasons.push(`${name}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
  }
  return err(`no TensorFlow.js backend could be loaded (${reasons.join('; ')}).`);
}
