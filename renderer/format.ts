import type { Shape } from '../app/graph/types';

/** `[N, 6, 28, 28]`: per-sample shape with the batch dimension shown as N, PyTorch order. */
export function formatShape(shape: Shape | null | undefined): string {
  if (!shape) return '?';
  return `[N, ${shape.join(', ')}]`;
}

/** 61706 -> "61,706". */
export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** 61706 -> "61.7 K"; 25557032 -> "25.6 M". */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e9) return `${(n / 1e9).toFixed(2)} G`;
  if (abs >= 1e6) return `${(n / 1e6).toFixed(abs >= 1e8 ? 0 : 1)} M`;
  if (abs >= 1e3) return `${(n / 1e3).toFixed(abs >= 1e5 ? 0 : 1)} K`;
  return String(Math.round(n));
}

/** Bytes of float32 activations, human readable. */
export function formatBytes(elements: number): string {
  const bytes = elements * 4;
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(2)} GiB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
  if (bytes >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** `Mod+Shift+Z` -> `Ctrl+Shift+Z` or `⌘⇧Z`. */
export function formatKeys(keys: string): string {
  if (!isMac) return keys.replace(/Mod/g, 'Ctrl');
  return keys
    .replace(/Mod\+/g, '⌘')
    .replace(/Shift\+/g, '⇧')
    .replace(/Alt\+/g, '⌥');
}
