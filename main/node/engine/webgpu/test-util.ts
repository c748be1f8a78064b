// Shared by the WebGPU tests: point Dawn at Chromium's SwiftShader Vulkan driver (the only
// adapter on a machine without a GPU, and the same one on every machine, so results repeat),
// and say why the tests skip where the Vulkan loader or SwiftShader is truly absent.
// Tests run in forked processes (vitest.config.ts), so process.env reaches the Vulkan loader.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';
const LOADERS = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1'];

/** Null when SwiftShader can run here (and the environment now selects it), else why the tests skip. */
export function useSwiftShader(): string | null {
  if (process.platform !== 'linux')
    return `SwiftShader through Vulkan is set up for Linux only (this is ${process.platform})`;
  if (!LOADERS.some((p) => existsSync(p))) return 'the Vulkan loader is missing (apt-get install libvulkan1)';
  if (!existsSync(SWIFTSHADER_ICD))
    return `SwiftShader's Vulkan driver is missing (${SWIFTSHADER_ICD}; apt-get install chromium)`;
  process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  if (!process.env.XDG_RUNTIME_DIR || !existsSync(process.env.XDG_RUNTIME_DIR)) {
    process.env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'netloom-xdg-'));
  }
  return null;
}

/** Prints the reason once and returns whether the WebGPU tests of a file run. */
export function swiftShaderOrSkip(file: string): boolean {
  const why = useSwiftShader();
  if (why) console.warn(`[netloom] ${file}: WebGPU tests skipped: ${why}`);
  return why === null;
}

/** Largest |a - b| / max(1, |b|) over all elements (the wasm tests' measure); shapes must agree. */
export function maxRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    if (!(e <= worst)) worst = Number.isNaN(e) ? Infinity : e;
  }
  return worst;
}
