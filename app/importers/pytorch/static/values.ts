/**
 * Values the static reader follows through `__init__` and `forward` (no code runs): Python
 * literals and their arithmetic and comparisons, lists and tuples, modules being built, and in
 * `forward` the tensors that calls produce (references to the calls).
 */
import type { PyArg } from '../schema';
import type { ClassInfo } from './source';

/** A module as `__init__` builds it. */
export interface SMod {
  className: string;
  kind: 'layer' | 'Sequential' | 'Module';
  /** A layer's constructor arguments by name. */
  args: Record<string, PyArg>;
  /** Registered children in registration order. */
  children: [string, SMod][];
  /** A custom module's class (its forward) and non-module attributes (`self.inplanes = 64`). */
  cls?: ClassInfo;
  attrs: Map<string, SVal>;
  where: string;
}

export type SVal =
  | { k: 'lit'; v: PyArg }
  /** A list or tuple; `pairs`: an OrderedDict's (name, module) pairs. */
  | { k: 'seq'; items: SVal[]; tuple?: boolean; pairs?: boolean }
  | { k: 'mod'; m: SMod; path?: string }
  /** A dict with constant keys (a configuration table such as VGG's cfgs). */
  | { k: 'dict'; entries: [PyArg, SVal][] }
  | { k: 'tensor'; ref: string }
  /** A function or class named by the code (`F.relu`, `nn.Conv2d`), resolved to its qualified name. */
  | { k: 'name'; q: string };

export const lit = (v: PyArg): SVal => ({ k: 'lit', v });

/** The literal behind a value (lists of literals included), or undefined. */
export function literal(v: SVal): PyArg | undefined {
  if (v.k === 'lit') return v.v;
  if (v.k === 'seq') {
    const items = v.items.map(literal);
    return items.some((i) => i === undefined) ? undefined : (items as PyArg[]);
  }
  return undefined;
}

export function parseNumber(text: string): number | undefined {
  const t = text.replace(/_/g, '').toLowerCase();
  if (/[jl]$/.test(t)) return undefined;
  const n = /^0[xob]/.test(t) ? Number(t) : Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** A plain (non-f, non-bytes) string literal's value, or undefined. */
export function parseString(text: string): string | undefined {
  const m = /^([rRuU]?)('''|"""|'|")([\s\S]*)\2$/.exec(text);
  if (!m) return undefined;
  if (m[1].toLowerCase() === 'r') return m[3];
  return m[3].replace(/\\(n|t|\\|'|")/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
}

export function truthy(v: SVal): boolean | undefined {
  if (v.k === 'mod' || v.k === 'name') return true;
  if (v.k === 'seq') return v.items.length > 0;
  if (v.k === 'dict') return v.entries.length > 0;
  if (v.k === 'tensor') return undefined;
  const x = v.v;
  if (x === null) return false;
  if (typeof x === 'object') return Array.isArray(x) ? x.length > 0 : undefined;
  return Boolean(x);
}

export function arith(op: string, a: PyArg, b: PyArg): PyArg | undefined {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return a / b;
      case '//':
        return b === 0 ? undefined : Math.floor(a / b);
      case '%':
        return b === 0 ? undefined : ((a % b) + b) % b;
      case '**':
        return a ** b;
    }
  }
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (op === '+' && Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  return undefined;
}

export function compare(op: string, a: SVal, b: SVal): boolean | undefined {
  if (op === 'is' || op === 'is not') {
    const same = a.k === 'lit' && b.k === 'lit' ? a.v === b.v : a.k === 'mod' && b.k === 'mod' ? a.m === b.m : false;
    return op === 'is' ? same : !same;
  }
  const [x, y] = [literal(a), literal(b)];
  if (x === undefined || y === undefined) return undefined;
  const eq = JSON.stringify(x) === JSON.stringify(y);
  if (op === '==') return eq;
  if (op === '!=') return !eq;
  if (typeof x !== 'number' || typeof y !== 'number')
    return op === 'in' && Array.isArray(y) ? y.some((i) => JSON.stringify(i) === JSON.stringify(x)) : undefined;
  return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : op === '>=' ? x >= y : undefined;
}
