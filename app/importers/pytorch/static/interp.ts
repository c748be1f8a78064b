/**
 * Follows `__init__` and `forward` over the parsed source without running anything: statements
 * (assignments, `+=`, `if` on constants, `for` over constants or modules, `return`) and
 * expressions (literals and their arithmetic, module construction, calls of modules, torch
 * functions and tensor methods). `__init__` builds the module tree; `forward` records the calls
 * it makes as schema nodes. Anything else stops with its line, column and reason.
 */
import type { PyArg, PyNode } from '../schema';
import { layerFrom, moduleListFrom, sequentialFrom, type CallArgs } from './construct';
import { children, statements, type ClassInfo, type Source, type SyntaxNode } from './source';
import { arith, compare, lit, literal, parseNumber, parseString, truthy, type SMod, type SVal } from './values';

interface Frame {
  vars: Map<string, SVal>;
  self: SMod;
  path: string;
  mode: 'init' | 'forward';
}

const BUILTINS = new Set(['range', 'len', 'int', 'float', 'list', 'tuple', 'super', 'print', 'isinstance']);
const MAX_STEPS = 200_000;
const MAX_DEPTH = 60;

export class Interp {
  readonly nodes: PyNode[] = [];
  private steps = 0;
  private depth = 0;
  private names = new Map<string, number>();
  private readonly constants = new Map<string, SVal | 'evaluating'>();

  constructor(private readonly src: Source) {}

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
  private enter(fn: SyntaxNode, a: CallArgs, frame: Frame, at: SyntaxNode): SVal | undefined {
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

  expr(n: SyntaxNode, f: Frame): SVal {
    const k = children(n);
    switch (n.name) {
      case 'Number': {
        const v = parseNumber(this.src.str(n));
        return v === undefined ? this.src.fail(n, `the number ${this.src.str(n)} is not read`) : lit(v);
      }
      case 'String': {
        const v = parseString(this.src.str(n));
        return v === undefined ? this.src.fail(n, 'only plain string literals are read') : lit(v);
      }
      case 'Boolean':
        return lit(this.src.str(n) === 'True');
      case 'None':
        return lit(null);
      case 'ParenthesizedExpression':
        return this.expr(k[1], f);
      case 'TupleExpression':
      case 'ArrayExpression':
        return {
          k: 'seq',
          items: k.filter((c) => !['(', ')', '[', ']', ','].includes(c.name)).map((c) => this.expr(c, f)),
          ...(n.name === 'TupleExpression' ? { tuple: true } : {}),
        };
      case 'DictionaryExpression':
        return this.dict(n, k, f);
      case 'VariableName':
        return this.variable(n, f);
      case 'UnaryExpression': {
        const op = this.src.str(k[0]);
        const v = this.expr(k[1], f);
        if (op === 'not') {
          const t = truthy(v);
          return t === undefined ? this.src.fail(n, '`not` of a tensor is not followed') : lit(!t);
        }
        const x = literal(v);
        if (typeof x === 'number') return lit(op === '-' ? -x : x);
        return this.src.fail(n, `${op}${this.src.str(k[1])} is not followed (only on numbers)`);
      }
      case 'BinaryExpression':
        return this.binaryNode(n, k, f);
      case 'ConditionalExpression': {
        const cond = truthy(this.expr(k[2], f));
        if (cond === undefined) return this.src.fail(k[2], 'this condition depends on tensor values');
        return this.expr(cond ? k[0] : k[4], f);
      }
      case 'MemberExpression':
        return this.member(n, k, f);
      case 'CallExpression':
        return this.call(n, k, f);
      default:
        return this.src.fail(n, `${describe(n.name)} is not followed by the static reader`);
    }
  }

  private dict(n: SyntaxNode, k: SyntaxNode[], f: Frame): SVal {
    const parts = k.filter((c) => c.name !== '{' && c.name !== '}' && c.name !== ',');
    const entries: [PyArg, SVal][] = [];
    for (let i = 0; i < parts.length; i += 3) {
      if (parts[i + 1]?.name !== ':' || !parts[i + 2])
        this.src.fail(parts[i] ?? n, 'only {key: value, ...} dicts are read');
      const key = literal(this.expr(parts[i], f));
      if (key === undefined || (typeof key === 'object' && key !== null))
        this.src.fail(parts[i], 'dict keys must be constants');
      entries.push([key, this.expr(parts[i + 2], f)]);
    }
    return { k: 'dict', entries };
  }

  /** A module-level constant or a class attribute, evaluated once when first used. */
  private constant(cacheKey: string, value: SyntaxNode, f: Frame): SVal {
    const known = this.constants.get(cacheKey);
    if (known === 'evaluating') this.src.fail(value, `${cacheKey} refers to itself`);
    if (known) return known;
    this.constants.set(cacheKey, 'evaluating');
    const v = this.expr(value, { vars: new Map(), self: f.self, path: f.path, mode: 'init' });
    this.constants.set(cacheKey, v);
    return v;
  }

  /** A class attribute of `cls` or a class it derives from in the file. */
  private classAttr(cls: ClassInfo, name: string, f: Frame, seen = new Set<string>()): SVal | undefined {
    if (seen.has(cls.name)) return undefined;
    seen.add(cls.name);
    const node = cls.attrs.get(name);
    if (node) return this.constant(`${cls.name}.${name}`, node, f);
    for (const b of cls.bases) {
      const base = b.startsWith('<file>.') ? this.src.classes.get(b.slice(7)) : undefined;
      const v = base ? this.classAttr(base, name, f, seen) : undefined;
      if (v) return v;
    }
    return undefined;
  }

  private variable(n: SyntaxNode, f: Frame): SVal {
    const name = this.src.str(n);
    if (name === 'self') return { k: 'mod', m: f.self, path: f.path };
    const v = f.vars.get(name);
    if (v) return v;
    const global = this.src.globals.get(name);
    if (global && !this.src.imports.has(name) && !this.src.classes.has(name)) return this.constant(name, global, f);
    const q = this.src.qualify(n);
    if (q) return { k: 'name', q };
    if (BUILTINS.has(name)) return { k: 'name', q: `builtins.${name}` };
    return this.src.fail(
      n,
      `${name} is not defined here (the static reader follows names set in the same method, its parameters and imports)`,
    );
  }

  private binaryNode(n: SyntaxNode, k: SyntaxNode[], f: Frame): SVal {
    const op = k
      .slice(1, -1)
      .map((c) => this.src.str(c))
      .join(' ');
    const a = this.expr(k[0], f);
    if (op === 'and' || op === 'or') {
      const t = truthy(a);
      if (t === undefined) return this.src.fail(n, `\`${op}\` on a tensor is not followed`);
      return (op === 'and') === t ? this.expr(k[k.length - 1], f) : a;
    }
    return this.binary(op, a, this.expr(k[k.length - 1], f), n, f, false);
  }

  private binary(op: string, a: SVal, b: SVal, at: SyntaxNode, f: Frame, inPlace: boolean): SVal {
    if (a.k === 'tensor' || b.k === 'tensor') {
      const names: Record<string, string> = {
        '+': 'add',
        '-': 'sub',
        '*': 'mul',
        '/': 'truediv',
        '//': 'floordiv',
        '@': 'matmul',
        '%': 'mod',
        '**': 'pow',
      };
      if (!names[op]) this.src.fail(at, `\`${op}\` on tensors is not followed`);
      return this.emit('call_function', `operator.${inPlace ? 'i' : ''}${names[op]}`, [a, b], {}, f.path, at);
    }
    if (op === '+' && a.k === 'seq' && b.k === 'seq') {
      if (!inPlace) return { k: 'seq', items: [...a.items, ...b.items] };
      a.items.push(...b.items);
      return a;
    }
    const c = compare(op, a, b);
    if (c !== undefined) return lit(c);
    const [x, y] = [literal(a), literal(b)];
    const v = x !== undefined && y !== undefined ? arith(op, x, y) : undefined;
    return v === undefined ? this.src.fail(at, `\`${op}\` on these values is not followed`) : lit(v);
  }

  private member(n: SyntaxNode, k: SyntaxNode[], f: Frame): SVal {
    const obj = this.expr(k[0], f);
    if (k[1].name === '.') {
      const prop = this.src.str(k[2]);
      if (obj.k === 'name') {
        const cls = obj.q.startsWith('<file>.') ? this.src.classes.get(obj.q.slice(7)) : undefined;
        const attr = cls ? this.classAttr(cls, prop, f) : undefined;
        return attr ?? { k: 'name', q: `${obj.q}.${prop}` };
      }
      if (obj.k === 'mod') {
        const child = obj.m.children.find(([c]) => c === prop);
        if (child) return { k: 'mod', m: child[1], path: join(obj.path ?? '', prop) };
        const attr = obj.m.attrs.get(prop) ?? (obj.m.cls ? this.classAttr(obj.m.cls, prop, f) : undefined);
        if (attr) return attr;
        if (prop === 'training') return lit(false);
        return this.src.fail(n, `self.${prop} is not set in __init__ before this line`);
      }
      if (obj.k === 'tensor' && prop === 'shape')
        return this.emit('call_function', 'builtins.getattr', [obj, lit('shape')], {}, f.path, n);
      return this.src.fail(n, `.${prop} of this value is not followed`);
    }
    const index = this.expr(k[2], f);
    const i = literal(index);
    if (obj.k === 'mod' && obj.m.kind === 'Sequential' && typeof i === 'number') {
      const c = obj.m.children[i < 0 ? obj.m.children.length + i : i];
      if (!c) return this.src.fail(n, `${obj.path} has no item ${i}`);
      return { k: 'mod', m: c[1], path: join(obj.path ?? '', c[0]) };
    }
    if (obj.k === 'seq' && typeof i === 'number' && obj.items[i < 0 ? obj.items.length + i : i])
      return obj.items[i < 0 ? obj.items.length + i : i];
    if (obj.k === 'dict') {
      const hit = obj.entries.find(([key]) => key === i);
      return hit ? hit[1] : this.src.fail(n, `the dict has no key ${JSON.stringify(i)}`);
    }
    if (obj.k === 'tensor') return this.emit('call_function', 'operator.getitem', [obj, index], {}, f.path, n);
    return this.src.fail(n, 'this indexing is not followed');
  }

  private args(list: SyntaxNode | null, f: Frame): CallArgs {
    const out: CallArgs = { positional: [], keyword: [] };
    const k = list ? children(list).filter((c) => c.name !== '(' && c.name !== ')') : [];
    for (let i = 0; i < k.length; i++) {
      const c = k[i];
      if (c.name === ',') continue;
      if (c.name === '*' || c.name === '**') {
        const v = this.expr(k[++i], f);
        if (c.name === '**' || v.k !== 'seq')
          this.src.fail(c, `${c.name}${this.src.str(k[i])} is followed only for a list`);
        out.positional.push(...v.items);
      } else if (k[i + 1]?.name === 'AssignOp') {
        out.keyword.push([this.src.str(c), this.expr(k[i + 2], f)]);
        i += 2;
      } else out.positional.push(this.expr(c, f));
    }
    return out;
  }

  private call(n: SyntaxNode, k: SyntaxNode[], f: Frame): SVal {
    const callee = k[0];
    const text = this.src.str(callee);
    if (/^super\s*\(.*\)\s*\.\s*__init__$/s.test(text) || /^(nn\.|torch\.nn\.)?Module\.__init__$/.test(text))
      return lit(null);
    const a = this.args(n.getChild('ArgList'), f);
    const ck = children(callee);
    if (callee.name === 'MemberExpression' && ck[1]?.name === '.') {
      const obj = this.expr(ck[0], f);
      const prop = this.src.str(ck[2]);
      if (obj.k === 'tensor')
        return this.emit('call_method', prop, [obj, ...a.positional], Object.fromEntries(a.keyword), f.path, n);
      if (obj.k === 'seq' && (prop === 'append' || prop === 'extend')) {
        const v = a.positional[0];
        if (prop === 'append') obj.items.push(v);
        else if (v?.k === 'seq') obj.items.push(...v.items);
        else this.src.fail(n, 'extend takes a list');
        return lit(null);
      }
      if (obj.k === 'mod' && obj.m.cls && !obj.m.children.some(([c]) => c === prop) && obj.m.cls.methods.has(prop)) {
        return (
          this.enter(
            obj.m.cls.methods.get(prop) as SyntaxNode,
            a,
            { vars: new Map(), self: obj.m, path: obj.path ?? '', mode: f.mode },
            n,
          ) ?? lit(null)
        );
      }
    }
    const fn = this.expr(callee, f);
    if (fn.k === 'mod') {
      if (f.mode === 'init') return this.src.fail(n, `__init__ calls the module ${text}`);
      if (a.keyword.length > 0) this.src.fail(n, `${text} is called with keyword arguments`);
      return this.callModule(fn.m, fn.path ?? '', a.positional, n);
    }
    if (fn.k !== 'name') return this.src.fail(n, `${text} is not something the static reader can call`);
    return f.mode === 'init' ? this.construct(fn.q, a, n, text) : this.forwardCall(fn.q, a, n, f, text);
  }

  private construct(q: string, a: CallArgs, n: SyntaxNode, text: string): SVal {
    const where = this.src.where(n);
    const made = (r: SMod | string): SVal => (typeof r === 'string' ? this.src.fail(n, r) : { k: 'mod', m: r });
    if (q === 'torch.nn.Sequential') return made(sequentialFrom(a, where));
    if (q === 'torch.nn.ModuleList') return made(moduleListFrom(a, where));
    if (q === 'collections.OrderedDict') {
      const l = a.positional[0];
      if (a.positional.length !== 1 || l.k !== 'seq')
        return this.src.fail(n, 'OrderedDict is read from a list of (name, module) pairs');
      return { k: 'seq', items: l.items, pairs: true };
    }
    if (q.startsWith('<file>.'))
      return { k: 'mod', m: this.instantiate(this.src.classes.get(q.slice(7)) as ClassInfo, a, n) };
    if (/^torch\.nn\.[A-Z]\w*$/.test(q)) return made(layerFrom(q.slice(9), a, where));
    const l = a.positional.map(literal);
    if (q === 'builtins.range' && l.every((x) => typeof x === 'number') && l.length >= 1 && l.length <= 3) {
      const [start, stop, step] =
        l.length === 1 ? [0, l[0] as number, 1] : [l[0] as number, l[1] as number, (l[2] as number | undefined) ?? 1];
      if (step === 0 || Math.abs((stop - start) / step) > 100_000)
        return this.src.fail(n, 'this range is too long to follow');
      const items: SVal[] = [];
      for (let i = start; step > 0 ? i < stop : i > stop; i += step) items.push(lit(i));
      return { k: 'seq', items };
    }
    if (q === 'builtins.len' && a.positional[0]?.k === 'seq') return lit(a.positional[0].items.length);
    if ((q === 'builtins.int' || q === 'builtins.float') && typeof l[0] === 'number')
      return lit(q === 'builtins.int' ? Math.trunc(l[0]) : l[0]);
    if ((q === 'builtins.list' || q === 'builtins.tuple') && a.positional[0]?.k === 'seq')
      return { k: 'seq', items: [...a.positional[0].items] };
    return this.src.fail(n, `__init__ calls ${text}, which the static reader does not follow`);
  }

  private forwardCall(q: string, a: CallArgs, n: SyntaxNode, f: Frame, text: string): SVal {
    if (q.startsWith('<file>.') || /^torch\.nn\.[A-Z]\w*$/.test(q))
      return this.src.fail(n, `forward creates ${text}; create modules in __init__ and call them in forward`);
    if (q.startsWith('builtins.'))
      return this.src.fail(n, `forward calls ${text}, which the static reader does not follow`);
    return this.emit('call_function', q, a.positional, Object.fromEntries(a.keyword), f.path, n);
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

const join = (a: string, b: string) => (a ? `${a}.${b}` : b);
const parentOf = (p: string) => (p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '');
const describe = (name: string) =>
  name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^(.)/, (c) => `a${/[aeiou]/.test(c) ? 'n' : ''} ${c}`);
