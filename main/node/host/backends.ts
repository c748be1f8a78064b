/**
 * Which tfjs backends can load on this machine, fastest first, found without loading them
 * (loading tfjs-node takes seconds): the package must resolve and, for the native ones, its
 * compiled binding must be on disk. The training worker (main/node/engine) makes the final choice.
 */
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { z } from 'zod';
import type { AppInfo } from '../../../app/protocol';

type BackendInfo = z.infer<typeof AppInfo>['backends'][number];
const require = createRequire(import.meta.url);

function packageDir(name: string): string | null {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

/** tfjs-node keeps its binding in lib/napi-v<N>/tfjs_binding.node after its install script ran. */
function hasNativeBinding(dir: string): boolean {
  const lib = join(dir, 'lib');
  if (!existsSync(lib)) return false;
  return readdirSync(lib).some((d) => d.startsWith('napi-v') && existsSync(join(lib, d, 'tfjs_binding.node')));
}

function native(name: 'tensorflow-gpu' | 'tensorflow', pkg: string): BackendInfo {
  const dir = packageDir(pkg);
  if (!dir) return { name, available: false, reason: `${pkg} is not installed (optional dependency)` };
  if (!hasNativeBinding(dir))
    return { name, available: false, reason: `${pkg} is installed but its native binding was not built` };
  return { name, available: true };
}

/** Dawn for Node ships dawn.node per platform; whether an adapter is hardware is the worker's to find out. */
function webgpu(): BackendInfo {
  const dir = packageDir('webgpu');
  if (!dir || !packageDir('@tensorflow/tfjs-backend-webgpu'))
    return {
      name: 'webgpu',
      available: false,
      reason: 'webgpu (Dawn for Node) or @tensorflow/tfjs-backend-webgpu is not installed',
    };
  const arch = process.platform === 'darwin' ? 'universal' : process.arch;
  if (!existsSync(join(dir, 'dist', `${process.platform}-${arch}`, 'dawn.node')))
    return {
      name: 'webgpu',
      available: false,
      reason: `the webgpu package has no dawn.node for ${process.platform}-${arch}`,
    };
  return {
    name: 'webgpu',
    available: true,
    reason: 'auto uses it only on a hardware GPU adapter; choose it to force a software one',
  };
}

let cached: BackendInfo[] | null = null;

export function probeBackends(): BackendInfo[] {
  if (cached) return cached;
  const wasmDir = packageDir('@tensorflow/tfjs-backend-wasm');
  const wasm: BackendInfo =
    wasmDir && existsSync(join(wasmDir, 'dist', 'tfjs-backend-wasm.wasm'))
      ? { name: 'wasm', available: true }
      : { name: 'wasm', available: false, reason: '@tensorflow/tfjs-backend-wasm or its .wasm file is missing' };
  const cpuDir = packageDir('@tensorflow/tfjs-backend-cpu');
  const cpu: BackendInfo = cpuDir
    ? { name: 'cpu', available: true }
    : { name: 'cpu', available: false, reason: '@tensorflow/tfjs-backend-cpu is missing' };
  cached = [
    webgpu(),
    native('tensorflow-gpu', '@tensorflow/tfjs-node-gpu'),
    native('tensorflow', '@tensorflow/tfjs-node'),
    wasm,
    cpu,
  ];
  return cached;
}
