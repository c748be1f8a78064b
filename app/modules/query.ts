/**
 * PyTorch's module-tree queries over a ModuleTree: `modules()`, `children()`,
 * `named_modules()`, `named_parameters()`, `named_buffers()` and the `state_dict()` key order.
 */
import type { Shape } from '../graph/types';
import type { ModuleEntry, ModuleTree } from './tree';

export interface NamedTensor {
  /** Dotted name as in PyTorch: `features.0.weight`, `layer1.0.bn1.running_mean`. */
  name: string;
  shape: Shape;
  trainable: boolean;
  /** The module entry that owns it. */
  module: ModuleEntry;
}

export interface StateDictEntry {
  name: string;
  shape: Shape;
  kind: 'parameter' | 'buffer';
}

/** `model.modules()`: pre-order, the root first. */
export function modules(tree: ModuleTree): ModuleEntry[] {
  return namedModules(tree).map(([, m]) => m);
}

/** `module.children()`: the direct sub-modules in registration order. */
export function children(module: ModuleEntry): ModuleEntry[] {
  return [...module.children];
}

/** `model.named_modules()`: [dotted name, module] pairs, pre-order, the root as ''. */
export function namedModules(tree: ModuleTree): [string, ModuleEntry][] {
  const out: [string, ModuleEntry][] = [];
  const stack = [tree.root];
  while (stack.length > 0) {
    const m = stack.pop() as ModuleEntry;
    out.push([m.path, m]);
    for (let i = m.children.length - 1; i >= 0; i--) stack.push(m.children[i]);
  }
  return out;
}

const prefixed = (m: ModuleEntry, name: string): string => (m.path ? `${m.path}.${name}` : name);

/** `model.named_parameters()`: each module's own parameters in named_modules order. */
export function namedParameters(tree: ModuleTree): NamedTensor[] {
  return modules(tree).flatMap((m) =>
    m.parameters.map((p) => ({ name: prefixed(m, p.name), shape: [...p.shape], trainable: p.trainable, module: m })),
  );
}

/** `model.named_buffers()`: each module's own buffers in named_modules order. */
export function namedBuffers(tree: ModuleTree): NamedTensor[] {
  return modules(tree).flatMap((m) =>
    m.buffers.map((b) => ({ name: prefixed(m, b.name), shape: [...b.shape], trainable: false, module: m })),
  );
}

/** `model.state_dict()` keys in order: per module (named_modules order) its parameters, then its buffers. */
export function stateDictEntries(tree: ModuleTree): StateDictEntry[] {
  return modules(tree).flatMap((m) => [
    ...m.parameters.map((p) => ({ name: prefixed(m, p.name), shape: [...p.shape], kind: 'parameter' as const })),
    ...m.buffers.map((b) => ({ name: prefixed(m, b.name), shape: [...b.shape], kind: 'buffer' as const })),
  ]);
}

const numel = (s: Shape): number => s.reduce((a, b) => a * b, 1);

/** Sum of the sizes of the module's parameters, its sub-modules' included (each counted once). */
export function countParameters(module: ModuleEntry): { total: number; trainable: number } {
  let total = 0;
  let trainable = 0;
  const stack = [module];
  while (stack.length > 0) {
    const m = stack.pop() as ModuleEntry;
    for (const p of m.parameters) {
      total += numel(p.shape);
      if (p.trainable) trainable += numel(p.shape);
    }
    stack.push(...m.children);
  }
  return { total, trainable };
}
