/**
 * Attribute names of a module's children, exactly as the PyTorch export registers them.
 *
 * - Inside a `Sequential`, a child without an explicit name gets its index among the registered
 *   children (`0`, `1`, ...), as `nn.Sequential(*layers)` does; children with names (the
 *   `OrderedDict` form, `_Transition`'s `norm`/`conv`) keep them. An index already taken by a
 *   named sibling moves to the next free integer.
 * - Inside a custom `Module` (and the root), a child without a name gets a PyTorch-like default
 *   from its type, unique in the module: layers with weights are numbered from 1 (`conv1`,
 *   `conv2`, `bn1`, `fc1`), others are plain while unique (`relu`, `maxpool`, then `relu2`).
 *   Explicit names are never reused for defaults.
 * - A duplicated explicit name is kept on the first child; later ones get `_2`, `_3` (the graph
 *   validation reports duplicates to the person; this only keeps the tree well-formed).
 */

const BASE_NAMES: Record<string, string> = {
  Conv2d: 'conv',
  BatchNorm1d: 'bn',
  BatchNorm2d: 'bn',
  Linear: 'fc',
  ReLU: 'relu',
  LeakyReLU: 'leaky_relu',
  MaxPool2d: 'maxpool',
  AvgPool2d: 'avgpool',
  AdaptiveAvgPool2d: 'avgpool',
  Dropout: 'dropout',
  Dropout2d: 'dropout',
  LocalResponseNorm: 'lrn',
  LogSoftmax: 'log_softmax',
};

/** Bases that are always numbered (the layers with weights): `conv1`, `bn1`, `fc1`. */
const NUMBERED = new Set(['conv', 'bn', 'fc']);

/** `AdaptiveAvgPool2d` -> `adaptive_avg_pool2d`; `BasicBlock` -> `basic_block`. */
export function snakeCase(name: string): string {
  const s = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z_]/.test(s) ? s : `m_${s}`;
}

/** The default attribute base for an unnamed child of this layer type or module class. */
export function baseName(typeOrClass: string): string {
  return BASE_NAMES[typeOrClass] ?? (snakeCase(typeOrClass) || 'module');
}

export interface NamingChild {
  /** Explicit name, or undefined/empty for a default. */
  name?: string;
  /** Layer type or module class name, for the default base. */
  base: string;
}

/** The attribute names of a module's children, in the given (children()) order. */
export function assignChildNames(children: readonly NamingChild[], container: 'Sequential' | 'Module'): string[] {
  const used = new Set<string>();
  const names: (string | undefined)[] = children.map((c) => {
    const n = c.name?.trim();
    if (!n) return undefined;
    let unique = n;
    for (let k = 2; used.has(unique); k++) unique = `${n}_${k}`;
    used.add(unique);
    return unique;
  });
  const counters = new Map<string, number>();
  return children.map((c, i) => {
    const given = names[i];
    if (given !== undefined) return given;
    if (container === 'Sequential') {
      let idx = i;
      while (used.has(String(idx))) idx++;
      used.add(String(idx));
      return String(idx);
    }
    const base = baseName(c.base);
    let k = counters.get(base) ?? (NUMBERED.has(base) ? 1 : 0);
    let candidate = k === 0 ? base : `${base}${k}`;
    while (used.has(candidate)) {
      k = k === 0 ? 2 : k + 1;
      candidate = `${base}${k}`;
    }
    counters.set(base, k === 0 ? 2 : k + 1);
    used.add(candidate);
    return candidate;
  });
}
