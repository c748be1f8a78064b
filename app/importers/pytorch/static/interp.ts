/**
 * Follows `__init__` and `forward` over the parsed source without running anything: statements
 * (assignments, `+=`, `if` on constants, `for` over constants or modules, `return`) here and
 * expressions (literals and their arithmetic, module construction, calls of modules, torch
 * functions and tensor methods) in exprs.ts. `__init__` builds the module tree; `forward` records
 * the calls it makes as schema nodes. Anything else stops with its line, column and reason.
 */
import type { PyArg, PyNode } from '../schema';
import type { CallArgs } from './construct';
import { ExprReader } from './exprs';
import { describe, type Frame, join, paramsOf, parentOf } from './frame';
import { children, statements, type ClassInfo, type Source, type SyntaxNode } from './source';
import { lit, literal, truthy, type SMod, type SVal } from './values';

export { paramsOf } from './frame';

const MAX_STEPS = 200_000;
const MAX_DEPTH = 60;

export class Interp extends ExprReader {
  readonly nodes: PyNode[] = [];
  private steps = 0;
  private depth = 0;
  private names = new Map<string, number>();

  constructor(src: Source) {
    super(src);
  }

  /** Whether a class is an nn.Module (directly or through classes in the file). */
  isModuleClass(cls: ClassInfo, seen = new Set<string>()): boolean {
    if (seen.has(cls.name)) return false;
    seen.add(cls.name);
    return cls.bases.some(
      (b) =>
        b === 'torch.nn.Module' ||
        (b.startsWith('<file>.') && this.isModuleClass(this.src.classes.get(b.slice(7)) ?? cls, seen)),
    );
  }

  instantiate(cls: ClassInfo, a: CallArgs, at: SyntaxNode): SMod {
    if (!this.isModuleClass(cls)) {
      const seq = cls.bases.find((b) => /^torch\.nn\.(Sequential|ModuleList|ModuleDict)$/.test(b));
      this.src.fail(
        at,
        seq
          ? `${cls.name} subclasses ${seq.replace('torch.', '')}, which this reader does not follow`
          : `${cls.name} is not an nn.Module subclass`,
      );
    }
    const m: SMod = {
      className: cls.name,
      kind: 'Module',
      args: {},
      children: [],
      cls,
      attrs: new Map(),
      where: this.src.where(at),
    };
    const init = cls.methods.get('__init__');
    if (init) this.enter(init, a, { vars: new Map(), self: m, path: '', mode: 'init' }, at);
    return m;
  }

  /** Calls module `m` (at `path`) on `args` in forward; returns its output. */
  callModule(m: SMod, path: string, args: SVal[], at: SyntaxNode): SVal {
    if (m.kind === 'layer') {
      if (args.length !== 1 || args[0].k !== 'tensor')
        this.src.fail(at, `${path} (${m.className}) must be called on one tensor`);
      return this.emit('call_module', path, args, {}, parentOf(path), at);
    }
    if (m.className === 'ModuleList')
      this.src.fail(
        at,
        `${path} is an nn.ModuleList, which cannot be called: loop over it (for layer in self.${path}: x = layer(x))`,
      );
    if (m.kind === 'Sequential') {
      if (args.length !== 1) this.src.fail(at, `${path} (Sequential) takes one input`);
      return m.children.reduce((x, [name, c]) => this.callModule(c, join(path, name), [x], at), args[0]);
    }
    const fwd = m.cls?.methods.get('forward');
    if (!fwd) this.src.fail(at, `${m.className} has no forward method`);
    return (
      this.enter(fwd, { positional: args, keyword: [] }, { vars: new Map(), self: m, path, mode: 'forward' }, at) ??
      lit(null)
    );
  }

  /** Runs a method (`def f(self, ...)`) with arguments bound to its parameters. */
  protected enter(fn: SyntaxNode, a: CallArgs, frame: Frame, at: SyntaxNode): SVal | undefined {
    if (++this.depth > MAX_DEPTH)
      this.src.fail(at, 'the modules nest deeper than 60 levels (a module that contains itself?)');
    const params = paramsOf(this.src, fn);
    if (params.some((p) => p.star)) this.src.fail(fn, '*args and **kwargs parameters are not followed');
    const [, ...rest] = params;
    a.positional.forEach((v, i) => {
      if (!rest[i])
        this.src.fail(
          at,
          `${this.src.str(fn.getChild('VariableName') ?? fn)}() takes ${rest.length} arguments, got ${a.positional.length}`,
        );
      frame.vars.set(rest[i].name, v);
    });
    for (const [k, v] of a.keyword) {
      if (!rest.some((p) => p.name === k))
        this.src.fail(at, `${this.src.str(fn.getChild('VariableName') ?? fn)}() has no parameter ${k}`);
      frame.vars.set(k, v);
    }
    for (const p of rest) {
      if (frame.vars.has(p.name)) continue;
      if (!p.default)
        this.src.fail(at, `${this.src.str(fn.getChild('VariableName') ?? fn)}() is missing the argument ${p.name}`);
      frame.vars.set(p.name, this.expr(p.default, { ...frame, vars: new Map() }));
    }
    const r = this.block(statements(fn.getChild('Body')), frame);
    this.depth--;
    return r;
  }

  /** Runs statements; the value of a `return`, if one ran. */
  private block(stmts: SyntaxNode[], f: Frame): SVal | undefined {
    for (const s of stmts) {
      if (++this.steps > MAX_STEPS) this.src.fail(s, 'the code takes too many steps to follow (a very long loop?)');
      const k = children(s);
      switch (s.name) {
        case 'PassStatement':
          break;
        case 'ExpressionStatement':
          if (k[0]?.name === 'String' || (f.mode === 'init' && this.isWeightInit(k[0]))) break;
          this.expr(k[0], f);
          break;
        case 'AssignStatement': {
          if (k.length !== 3) this.src.fail(s, 'only one target per assignment (a = value) is followed');
          this.assign(k[0], this.expr(k[2], f), f);
          break;
        }
        case 'UpdateStatement': {
          const op = this.src.str(k[1]).slice(0, -1);
          const cur = this.expr(k[0], f);
          this.assign(k[0], this.binary(op, cur, this.expr(k[2], f), s, f, true), f);
          break;
        }
        case 'ReturnStatement':
          return k[1] ? this.expr(k[1], f) : lit(null);
        case 'IfStatement': {
          const r = this.ifStatement(k, f);
          if (r) return r.value;
          break;
        }
        case 'ForStatement': {
          // `for m in self.modules(): nn.init...(m.weight)`: weight initialization, which the imported weights replace.
          if (
            f.mode === 'init' &&
            /^self\s*\.\s*(modules|children|named_modules|parameters)\s*\(\s*\)$/.test(this.src.str(k[3] ?? s))
          )
            break;
          const r = this.forStatement(s, k, f);
          if (r) return r;
          break;
        }
        default:
          this.src.fail(s, `${describe(s.name)} is not followed by the static reader`);
      }
    }
    return undefined;
  }

  /** `nn.init.kaiming_normal_(...)` and the like: initialization, not structure. */
  private isWeightInit(n: SyntaxNode | undefined): boolean {
    const callee = n?.name === 'CallExpression' ? n.firstChild : null;
    return !!callee && (this.src.qualify(callee) ?? '').startsWith('torch.nn.init.');
  }

  private ifStatement(k: SyntaxNode[], f: Frame): { value: SVal } | undefined {
    for (let i = 0; i < k.length; i++) {
      const w = k[i].name;
      if (w === 'if' || w === 'elif') {
        const cond = truthy(this.expr(k[i + 1], f));
        if (cond === undefined) this.src.fail(k[i + 1], 'this condition depends on tensor values');
        if (cond) {
          const r = this.block(statements(k[i + 2]), f);
          return r ? { value: r } : undefined;
        }
        i += 2;
      } else if (w === 'else') {
        const r = this.block(statements(k[i + 1]), f);
        return r ? { value: r } : undefined;
      }
    }
    return undefined;
  }

  private forStatement(s: SyntaxNode, k: SyntaxNode[], f: Frame): SVal | undefined {
    const inAt = k.findIndex((c) => c.name === 'in');
    const target = k[1];
    if (inAt !== 2 || target.name !== 'VariableName') this.src.fail(s, 'only `for name in ...:` loops are followed');
    const over = this.expr(k[3], f);
    let items: SVal[];
    if (over.k === 'seq') items = over.items;
    else if (over.k === 'mod' && over.m.kind !== 'layer')
      items = over.m.children.map(([n, c]) => ({ k: 'mod', m: c, path: join(over.path ?? '', n) }));
    else {
      const l = literal(over);
      if (!Array.isArray(l)) this.src.fail(k[3], 'the loop must run over a list, a range or a container of modules');
      items = l.map((v) => lit(v));
    }
    for (const item of items) {
      f.vars.set(this.src.str(target), item);
      const r = this.block(statements(s.getChild('Body')), f);
      if (r) return r;
    }
    return undefined;
  }

  private assign(target: SyntaxNode, v: SVal, f: Frame): void {
    if (target.name === 'VariableName') {
      f.vars.set(this.src.str(target), v);
      return;
    }
    const k = children(target);
    if (target.name === 'MemberExpression' && k.length === 3 && k[1].name === '.' && this.src.str(k[0]) === 'self') {
      const name = this.src.str(k[2]);
      if (f.mode === 'forward') this.src.fail(target, `forward assigns self.${name}; keep forward free of state`);
      const m = f.self;
      const at = m.children.findIndex(([n]) => n === name);
      if (v.k === 'mod') {
        if (at >= 0) m.children[at] = [name, v.m];
        else m.children.push([name, v.m]);
        m.attrs.delete(name);
      } else {
        if (at >= 0) m.children.splice(at, 1);
        m.attrs.set(name, v);
      }
      return;
    }
    this.src.fail(target, `assigning to ${this.src.str(target)} is not followed (only name = ... and self.name = ...)`);
  }

  /** Records a call in forward; returns the tensor (or shape value) it gives. */
  emit(
    op: PyNode['op'],
    target: string,
    args: SVal[],
    kwargs: Record<string, SVal>,
    scope: string,
    at: SyntaxNode,
  ): SVal {
    const base = (target.split('.').pop() ?? 'v').replace(/\W/g, '_') || 'v';
    const k = (this.names.get(base) ?? 0) + 1;
    this.names.set(base, k);
    const name = k === 1 ? base : `${base}_${k - 1}`;
    const conv = (v: SVal): PyArg =>
      v.k === 'tensor'
        ? { ref: v.ref }
        : v.k === 'lit'
          ? v.v
          : v.k === 'seq'
            ? v.items.map(conv)
            : v.k === 'name'
              ? { repr: v.q }
              : this.src.fail(at, 'a module cannot be passed to a function');
    this.nodes.push({
      name,
      op,
      target,
      args: args.map(conv),
      kwargs: Object.fromEntries(Object.entries(kwargs).map(([kk, v]) => [kk, conv(v)])),
      scope,
      where: this.src.where(at),
    });
    return { k: 'tensor', ref: name };
  }

  /** A placeholder (forward's input). */
  input(name: string, at: SyntaxNode): SVal {
    this.nodes.push({
      name,
      op: 'placeholder',
      target: name,
      args: [],
      kwargs: {},
      scope: '',
      where: this.src.where(at),
    });
    this.names.set(name, 1);
    return { k: 'tensor', ref: name };
  }
}
