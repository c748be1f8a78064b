/**
 * The parsed file the static reader works on (@lezer/python's syntax tree; nothing is executed):
 * positions as `file:line:col`, node text, the first syntax error, the imports (local name ->
 * qualified name: `F` -> `torch.nn.functional`) and the classes with their bases and methods.
 */
import { parser } from '@lezer/python';

export type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** A problem at a place in the source; the reader stops at the first. */
export class ReadError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}

export interface ClassInfo {
  name: string;
  bases: string[];
  node: SyntaxNode;
  methods: Map<string, SyntaxNode>;
  /** Class attributes (`expansion = 1`): their value expressions. */
  attrs: Map<string, SyntaxNode>;
}

export class Source {
  readonly root: SyntaxNode;
  private readonly lineStarts: number[] = [0];
  readonly imports = new Map<string, string>();
  readonly classes = new Map<string, ClassInfo>();
  /** Module-level `NAME = value` assignments (the last one wins): their value expressions. */
  readonly globals = new Map<string, SyntaxNode>();

  constructor(
    readonly text: string,
    readonly fileName: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    this.root = parser.parse(text).topNode;
    const bad = firstError(this.root);
    if (bad)
      throw new ReadError(
        this.where(bad),
        `syntax error${bad.to > bad.from ? ` at '${this.text.slice(bad.from, Math.min(bad.to, bad.from + 20))}'` : ''}: the file is not valid Python`,
      );
    for (let c = this.root.firstChild; c; c = c.nextSibling) {
      if (c.name === 'ImportStatement') this.readImport(c);
      else if (c.name === 'ClassDefinition') this.readClass(c);
      else if (c.name === 'AssignStatement') {
        const [target, op, value] = children(c);
        if (target?.name === 'VariableName' && op?.name === 'AssignOp' && value && children(c).length === 3)
          this.globals.set(this.str(target), value);
      }
    }
  }

  /** `model.py:12:9` (1-based line and column) of a node or offset. */
  where(at: SyntaxNode | number): string {
    const pos = typeof at === 'number' ? at : at.from;
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return `${this.fileName}:${lo + 1}:${pos - this.lineStarts[lo] + 1}`;
  }

  str(n: SyntaxNode): string {
    return this.text.slice(n.from, n.to);
  }

  fail(n: SyntaxNode, reason: string): never {
    throw new ReadError(this.where(n), reason);
  }

  /** The qualified name an expression names (`nn.Conv2d` -> `torch.nn.Conv2d`), or undefined. */
  qualify(n: SyntaxNode): string | undefined {
    if (n.name === 'VariableName') {
      const name = this.str(n);
      return this.imports.get(name) ?? (this.classes.has(name) ? `<file>.${name}` : undefined);
    }
    if (n.name === 'MemberExpression') {
      const kids = children(n);
      if (kids.length !== 3 || kids[1].name !== '.') return undefined;
      const base = this.qualify(kids[0]);
      return base ? `${base}.${this.str(kids[2])}` : undefined;
    }
    return undefined;
  }

  private readImport(n: SyntaxNode): void {
    const kids = children(n);
    const words = kids.map((k) => (k.name === 'VariableName' ? this.str(k) : k.name));
    if (words[0] === 'import') {
      // import a.b.c [as d], e
      let i = 1;
      while (i < words.length) {
        const parts: string[] = [];
        while (i < words.length && words[i] !== ',' && words[i] !== 'as') {
          if (words[i] !== '.') parts.push(words[i]);
          i++;
        }
        if (words[i] === 'as') {
          this.imports.set(words[i + 1], parts.join('.'));
          i += 2;
        } else this.imports.set(parts[0], parts[0]);
        i++;
      }
      return;
    }
    // from a.b import c [as d], e
    const at = words.indexOf('import');
    const mod = words
      .slice(1, at)
      .filter((w) => w !== '.')
      .join('.');
    let i = at + 1;
    while (i < words.length) {
      const w = words[i];
      if (w === '(' || w === ')' || w === ',') {
        i++;
        continue;
      }
      if (words[i + 1] === 'as') {
        this.imports.set(words[i + 2], `${mod}.${w}`);
        i += 3;
      } else {
        this.imports.set(w, `${mod}.${w}`);
        i++;
      }
    }
  }

  private readClass(n: SyntaxNode): void {
    const name = n.getChild('VariableName');
    if (!name) return;
    const bases: string[] = [];
    const args = n.getChild('ArgList');
    if (args)
      for (const b of children(args))
        if (b.name === 'VariableName' || b.name === 'MemberExpression') bases.push(this.qualify(b) ?? this.str(b));
    const methods = new Map<string, SyntaxNode>();
    const attrs = new Map<string, SyntaxNode>();
    const body = n.getChild('Body');
    for (const c of body ? children(body) : []) {
      if (c.name === 'FunctionDefinition') methods.set(this.str(c.getChild('VariableName') ?? c), c);
      const k = children(c);
      if (c.name === 'AssignStatement' && k.length === 3 && k[0].name === 'VariableName')
        attrs.set(this.str(k[0]), k[2]);
    }
    this.classes.set(this.str(name), { name: this.str(name), bases, node: n, methods, attrs });
  }
}

export function children(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function firstError(n: SyntaxNode): SyntaxNode | undefined {
  if (n.type.isError) return n;
  for (let c = n.firstChild; c; c = c.nextSibling) {
    const e = firstError(c);
    if (e) return e;
  }
  return undefined;
}

/** Statements of a Body (its `:` and comments left out). */
export function statements(body: SyntaxNode | null): SyntaxNode[] {
  return body ? children(body).filter((c) => c.name !== ':' && c.name !== 'Comment') : [];
}
