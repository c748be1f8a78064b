/** What the static reader's statements and expressions share: a call's frame, parameters, names. */
import type { SMod, SVal } from './values';
import { children, type Source, type SyntaxNode } from './source';

/** A method's running state: its variables, `self`, the module path and whether it is __init__ or forward. */
export interface Frame {
  vars: Map<string, SVal>;
  self: SMod;
  path: string;
  mode: 'init' | 'forward';
}

export interface Param {
  name: string;
  default?: SyntaxNode;
  star?: boolean;
}

export function paramsOf(src: Source, fn: SyntaxNode): Param[] {
  const k = children(fn.getChild('ParamList') ?? fn).filter(
    (c) => c.name !== '(' && c.name !== ')' && c.name !== 'TypeDef',
  );
  const out: Param[] = [];
  for (let i = 0; i < k.length; i++) {
    const c = k[i];
    if (c.name === ',') continue;
    if (c.name === '*' || c.name === '**') {
      if (k[i + 1]?.name === 'VariableName') out.push({ name: src.str(k[++i]), star: true });
      continue;
    }
    if (c.name !== 'VariableName') continue;
    const p: Param = { name: src.str(c) };
    if (k[i + 1]?.name === 'AssignOp') {
      p.default = k[i + 2];
      i += 2;
    }
    out.push(p);
  }
  return out;
}

export const join = (a: string, b: string) => (a ? `${a}.${b}` : b);
export const parentOf = (p: string) => (p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '');
export const describe = (name: string) =>
  name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^(.)/, (c) => `a${/[aeiou]/.test(c) ? 'n' : ''} ${c}`);
