/**
 * The static reader's expressions: literals and their arithmetic, names (variables, module-level
 * constants, class attributes, imports), members and indexing, dicts, module construction in
 * `__init__`, and calls of modules, torch functions and tensor methods in `forward` (recorded by
 * `emit`). Statements and module calls are the subclass's (interp.ts).
 */
import type { PyArg, PyNode } from '../schema';
import { layerFrom, moduleListFrom, sequentialFrom, type CallArgs } from './construct';
import { describe, type Frame, join } from './frame';
import { children, type ClassInfo, type Source, type SyntaxNode } from './source';
import { arith, compare, lit, literal, parseNumber, parseString, truthy, type SMod, type SVal } from './values';

const BUILTINS = new Set(['range', 'len', 'int', 'float', 'list', 'tuple', 'super', 'print', 'isinstance']);

export abstract class ExprReader {
  private readonly constants = new Map<string, SVal | 'evaluating'>();

  constructor(protected readonly src: Source) {}

  abstract instantiate(cls: ClassInfo, a: CallArgs, at: SyntaxNode): SMod;
  abstract callModule(m: SMod, path: string, args: SVal[], at: SyntaxNode): SVal;
  /** Runs a method (`def f(self, ...)`) with arguments bound to its parameters. */
  protected abstract enter(fn: SyntaxNode, a: CallArgs, frame: Frame, at: SyntaxNode): SVal | undefined;
  abstract emit(
    op: PyNode['op'],
    target: string,
    args: SVal[],
    kwargs: Record<string, SVal>,
    scope: string,
    at: SyntaxNode,
  ): SVal;

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

  protected binary(op: string, a: SVal, b: SVal, at: SyntaxNode, f: Frame, inPlace: boolean): SVal {
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
}
