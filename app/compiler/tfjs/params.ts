/** Reading PyTorch constructor arguments with PyTorch's defaults (the registry's schema fills them too). */

export type Params = Record<string, unknown>;

export function num(p: Params, key: string, dflt: number): number {
  const v = p[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}

export function bool(p: Params, key: string, dflt: boolean): boolean {
  const v = p[key];
  return typeof v === 'boolean' ? v : dflt;
}

/** An int or a pair, as PyTorch's `_pair`. */
export function pair(p: Params, key: string, dflt: number | [number, number]): [number, number] {
  const v = p[key] ?? dflt;
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) return [v[0], v[1]];
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'number') return [v[0], v[0]];
  return typeof dflt === 'number' ? [dflt, dflt] : dflt;
}
