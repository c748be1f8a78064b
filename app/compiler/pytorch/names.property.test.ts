/**
 * Property: whatever names a project holds (any unicode, quotes, backslashes, keywords, Python
 * code), the generated model.py parses, and every name from the project appears in it only as
 * data. Python's own `ast` checks each file: every call is to torch/nn/F, getattr, super, a
 * generated class or a module attribute; no name from the project is ever an identifier that was
 * not validated, and instantiating the model gives the app's state_dict keys.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../graph/types';
import { GraphBuilder } from '../../templates/builder';
import { generateModelPy } from './model-py';

const nameArb = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }),
  fc.constantFrom(
    "__import__('os')",
    "x'); import os #",
    '"""',
    "'''",
    'exec',
    'eval',
    'os',
    'self',
    'class',
    'None',
    '\\',
    'a b',
    'é',
    '😀',
  ),
);

function graphWith(names: string[], root: string, cls: string): Graph {
  const b = new GraphBuilder(root);
  const x = b.input([2, 5, 5]);
  const m = b.module(names[0], 'Module', { className: cls });
  const s = b.module(names[1], 'Sequential', { parent: m });
  const c = b.layer('Conv2d', { out_channels: 2, kernel_size: 3, padding: 1 }, x, { parent: s, name: names[2] });
  const r = b.layer('ReLU', {}, c, { parent: s, name: names[3] });
  const a = b.layer('Add', {}, [r, x], { parent: m, functional: true });
  const f = b.layer('Flatten', {}, a, { name: names[4] });
  b.layer('Linear', { out_features: 3 }, f, { name: names[5] });
  return b.build();
}

const CHECK = String.raw`
import ast, json, sys, importlib.util, tempfile, os
cases = json.load(sys.stdin)
out = []
ALLOWED_ROOTS = {"nn", "F", "torch", "getattr", "super", "OrderedDict"}
for i, c in enumerate(cases):
    tree = ast.parse(c["code"])
    classes = {n.name for n in tree.body if isinstance(n, ast.ClassDef)}
    bad = []
    for cls in [n for n in tree.body if isinstance(n, ast.ClassDef)]:
        for fn in [n for n in cls.body if isinstance(n, ast.FunctionDef)]:
            local = {a.arg for a in fn.args.args} | ({fn.args.vararg.arg} if fn.args.vararg else set())
            local |= {n.id for n in ast.walk(fn) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
            for node in ast.walk(fn):
                if isinstance(node, (ast.Import, ast.ImportFrom, ast.Global, ast.Nonlocal, ast.Lambda)):
                    bad.append(type(node).__name__)
                if isinstance(node, ast.Call):
                    f = node.func
                    while isinstance(f, ast.Attribute):
                        f = f.value
                    if isinstance(f, ast.Name) and f.id not in ALLOWED_ROOTS and f.id not in classes and f.id not in local:
                        bad.append(f.id)
    d = tempfile.mkdtemp()
    p = os.path.join(d, "m.py")
    open(p, "w").write(c["code"])
    spec = importlib.util.spec_from_file_location(f"prop{i}", p)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    m = mod.MODEL_CLASS()
    out.append({"bad": bad, "keys": list(m.state_dict().keys()), "repr": repr(m)})
print(json.dumps(out))
`;

describe('generated Python keeps project names as data', () => {
  it('for random names, model.py parses, calls only known functions and has the app state_dict keys', () => {
    const samples = fc.sample(fc.tuple(fc.array(nameArb, { minLength: 6, maxLength: 6 }), nameArb, nameArb), {
      numRuns: 40,
      seed: 7,
    });
    const cases: { code: string; keys: string[]; repr: string }[] = [];
    for (const [names, root, cls] of samples) {
      const r = generateModelPy(graphWith(names, root, cls));
      // Names PyTorch refuses (with '.', empty, nn.Module attributes) are errors, never code.
      if (!r.ok) {
        expect(r.error).toMatch(/module name .* (contains|is already|is empty)|has errors/);
        continue;
      }
      cases.push({ code: r.value.code, keys: r.value.stateDict.map((e) => e.name), repr: r.value.repr });
    }
    expect(cases.length).toBeGreaterThan(20);
    const out = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', CHECK], {
        input: JSON.stringify(cases),
        encoding: 'utf8',
        timeout: 120_000,
      }),
    ) as { bad: string[]; keys: string[]; repr: string }[];
    out.forEach((o, i) => {
      expect(o.bad).toEqual([]);
      expect(o.keys).toEqual(cases[i].keys);
    });
  }, 180_000);
});
