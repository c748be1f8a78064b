/**
 * The static reader: PyTorch code to the same model description the trace reader gives
 * (../schema.ts), from the parsed source alone. It never executes anything. It reads the common
 * subset: `class X(nn.Module)` whose `__init__` assigns `nn.*` layers with constant arguments,
 * `nn.Sequential(...)` (also from an OrderedDict), `nn.ModuleList`, nested custom modules, helper
 * methods, `if`/`for` over constants; and a `forward` of module calls, `F.*` / `torch.*` functions,
 * tensor methods, `+` and `+=`, and `for layer in self.layers`. Anything else is an error with its
 * line and column.
 */
import { err, ok, type Result } from '../../../result';
import type { PyArg, PyModel, PyModule } from '../schema';
import type { CallArgs } from './construct';
import { Interp, paramsOf } from './interp';
import { ReadError, Source, type ClassInfo } from './source';
import { lit, type SMod } from './values';

export interface StaticOptions {
  /** The class to build (default: the only nn.Module class no other one uses). */
  className?: string;
  /** Constructor arguments: an object (keywords) or a list (positional). */
  args?: unknown;
}

export function readStatic(text: string, fileName: string, options: StaticOptions = {}): Result<PyModel> {
  try {
    return read(text, fileName, options);
  } catch (e) {
    if (e instanceof ReadError) return err(e.message);
    throw e;
  }
}

function read(text: string, fileName: string, options: StaticOptions): Result<PyModel> {
  const src: Source = new Source(text, fileName);
  const interp = new Interp(src);
  const modules = [...src.classes.values()].filter((c) => interp.isModuleClass(c));
  let cls: ClassInfo | undefined;
  if (options.className) {
    cls = src.classes.get(options.className);
    if (!cls)
      return err(
        `${fileName} has no class ${options.className} (its nn.Module classes: ${modules.map((c) => c.name).join(', ') || 'none'})`,
      );
  } else {
    const used = (c: ClassInfo) => modules.some((o) => o !== c && new RegExp(`\\b${c.name}\\b`).test(src.str(o.node)));
    const top = modules.filter((c) => !used(c));
    if (top.length !== 1)
      return err(
        `${fileName}: choose the class to build with --class NAME (nn.Module classes not used by another: ${(top.length ? top : modules).map((c) => c.name).join(', ') || 'none'})`,
      );
    cls = top[0];
  }
  const a = callArgs(options.args);
  if (typeof a === 'string') return err(a);
  const root = interp.instantiate(cls, a, cls.node);
  const fwd = cls.methods.get('forward') ?? (() => src.fail(cls.node, `${cls.name} has no forward method`))();
  const inputs = paramsOf(src, fwd)
    .slice(1)
    .filter((p) => !p.default && !p.star)
    .map((p) => interp.input(p.name, fwd));
  if (inputs.length === 0) src.fail(fwd, 'forward takes no input');
  const out = interp.callModule(root, '', inputs, fwd);
  if (out.k !== 'tensor') src.fail(fwd, 'forward must return one tensor');
  interp.nodes.push({
    name: 'output',
    op: 'output',
    target: 'output',
    args: [{ ref: out.ref }],
    kwargs: {},
    scope: '',
    where: src.where(fwd),
  });
  return ok({ source: 'static', name: cls.name, modules: tree(root), nodes: interp.nodes });
}

function callArgs(args: unknown): CallArgs | string {
  if (args === undefined) return { positional: [], keyword: [] };
  const plain = (v: unknown): boolean =>
    v === null || ['number', 'string', 'boolean'].includes(typeof v) || (Array.isArray(v) && v.every(plain));
  if (Array.isArray(args) && args.every(plain)) return { positional: args.map((v) => lit(v as PyArg)), keyword: [] };
  if (args !== null && typeof args === 'object' && !Array.isArray(args) && Object.values(args).every(plain))
    return { positional: [], keyword: Object.entries(args).map(([k, v]) => [k, lit(v as PyArg)]) };
  return '--args must be a JSON object or list of numbers, strings, booleans, null and lists of them';
}

/** named_modules() order: the module, then each child's subtree. */
function tree(root: SMod): PyModule[] {
  const out: PyModule[] = [];
  const seen = new Set<SMod>();
  const visit = (m: SMod, path: string) => {
    if (seen.has(m)) return;
    seen.add(m);
    out.push({ path, className: m.className, kind: path === '' ? 'Module' : m.kind, args: m.args, where: m.where });
    for (const [name, c] of m.children) visit(c, path ? `${path}.${name}` : name);
  };
  visit(root, '');
  return out;
}
