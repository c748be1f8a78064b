import type { Graph } from './types';

/**
 * Ids for new nodes, edges and modules. By default an id is the smallest free `<prefix>_<n>`
 * (`conv2d_3`, `e_12`, `m_features_1`): deterministic, so tests and undo/redo are repeatable.
 * A caller may inject its own generator (`IdSource`); ids it returns that are already taken are
 * skipped, so the document never gets a duplicate.
 */
export type IdSource = (prefix: string) => string;

export interface IdAllocator {
  next(prefix: string): string;
}

export function takenIds(g: Graph): Set<string> {
  const s = new Set<string>();
  for (const n of g.nodes) s.add(n.id);
  for (const e of g.edges) s.add(e.id);
  for (const m of g.modules) s.add(m.id);
  return s;
}

/** `Conv2d` -> `conv2d`, `features block` -> `features_block`. */
export function idPrefix(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'id'
  );
}

export function allocator(g: Graph, source?: IdSource): IdAllocator {
  const taken = takenIds(g);
  const counters = new Map<string, number>();
  const fallback = (prefix: string): string => {
    let n = counters.get(prefix) ?? 1;
    while (taken.has(`${prefix}_${n}`)) n++;
    counters.set(prefix, n + 1);
    return `${prefix}_${n}`;
  };
  return {
    next(prefix: string): string {
      let id = '';
      for (let tries = 0; source && tries < 100; tries++) {
        const candidate = source(prefix);
        if (candidate && !taken.has(candidate)) {
          id = candidate;
          break;
        }
      }
      if (!id) id = fallback(prefix);
      taken.add(id);
      return id;
    },
  };
}

/** A deterministic injected source for tests: `<prefix>#1`, `<prefix>#2`, ... across all prefixes. */
export function sequentialIds(start = 1): IdSource {
  let n = start;
  return (prefix) => `${prefix}#${n++}`;
}
