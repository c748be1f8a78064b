/**
 * On Linux Dawn reaches the GPU through the Vulkan loader, which finds drivers by their ICD
 * manifests (JSON files). Where there is none, asking Dawn for an adapter only prints the
 * loader's "vkCreateInstance: Found no drivers!" warnings to stderr (native code, past any JS
 * logging) and returns nothing; so the ladder looks for a manifest first, where the loader
 * would, and gives the reason instead. Other platforms always have Metal or Direct3D 12.
 */
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Record<string, string | undefined>;

/** The directories the Vulkan loader searches for ICD manifests (its Linux search order). */
export function icdDirs(env: Env, home = homedir()): string[] {
  const split = (v: string | undefined, fallback: string) => (v && v.length ? v : fallback).split(':').filter(Boolean);
  return [
    ...split(env.XDG_CONFIG_DIRS, '/etc/xdg').map((d) => join(d, 'vulkan/icd.d')),
    '/etc/vulkan/icd.d',
    join(env.XDG_DATA_HOME || join(home, '.local/share'), 'vulkan/icd.d'),
    ...split(env.XDG_DATA_DIRS, '/usr/local/share:/usr/share').map((d) => join(d, 'vulkan/icd.d')),
  ];
}

function hasJson(dir: string): boolean {
  try {
    return readdirSync(dir).some((f) => f.endsWith('.json'));
  } catch {
    return false;
  }
}

/** Null when a Vulkan driver manifest exists (or this is not Linux), else why WebGPU has no adapter here. */
export function vulkanDriverMissing(
  platform: string,
  env: Env,
  look: { exists(p: string): boolean; hasJson(dir: string): boolean } = { exists: existsSync, hasJson },
): string | null {
  if (platform !== 'linux') return null;
  const named = [env.VK_ICD_FILENAMES, env.VK_DRIVER_FILES, env.VK_ADD_DRIVER_FILES]
    .filter((v): v is string => !!v)
    .flatMap((v) => v.split(':'))
    .filter(Boolean);
  if (named.some((p) => look.exists(p) && (p.endsWith('.json') || look.hasJson(p)))) return null;
  if (named.length)
    return `no Vulkan driver: the file(s) VK_ICD_FILENAMES / VK_DRIVER_FILES name (${named.join(', ')}) do not exist`;
  const dirs = icdDirs(env);
  if (dirs.some((d) => look.hasJson(d))) return null;
  return "no Vulkan driver is installed (no ICD manifest in /usr/share/vulkan/icd.d or /etc/vulkan/icd.d): install your GPU's Vulkan driver (mesa-vulkan-drivers, nvidia-driver), or set VK_ICD_FILENAMES";
}
