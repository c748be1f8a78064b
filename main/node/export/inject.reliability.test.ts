/**
 * Projects are data: a project whose description, node and module ids, names, class names and string
 * parameters try to inject code (`__import__('os')`, quotes, triple quotes, backslashes, newlines,
 * unicode line separators) exports a model.py and train.py that Python parses, whose syntax tree
 * holds no call or import the generator does not write itself. A hostile value where Python code
 * would need a fixed word (an enum parameter) is refused, never written.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateModelPy } from '../../../app/compiler/pytorch/model-py';
import { generateTrainPy } from '../../../app/compiler/pytorch/train-py';
import { parseProject, serializeProject } from '../../../app/graph/schema';
import type { Graph } from '../../../app/graph/types';
import { GraphBuilder } from '../../../app/templates/builder';
import { hostileGraph } from './testing/hostile';
import { writePytorch } from './pytorch';

const PY = '/usr/bin/python3';
const out = mkdtempSync(join(tmpdir(), 'netloom-inject-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const EVIL = [
  "__import__('os').system('echo pwned')",
  '"""\nimport os\nos.system("echo pwned")\n"""',
  "'''\n__import__('os')#",
  'a\\\nb',
  '\u2028eval("1")',
  'x\r\nexec("1")',
  '😀\u0000\u0085',
  '${eval}',
  "');import os;('",
];

/** The hostile network with every id, name and the description replaced by injection attempts. */
function evilGraph(): Graph {
  const g = hostileGraph();
  const ids = new Map<string, string>();
  g.nodes.forEach((n, i) => ids.set(n.id, `${EVIL[i % EVIL.length]}#${i}`));
  g.modules.forEach((m, i) => ids.set(m.id, `${EVIL[(i + 3) % EVIL.length]}#m${i}`));
  const rename = (id: string | undefined) => (id === undefined ? undefined : (ids.get(id) ?? id));
  return {
    ...g,
    description: EVIL.join('\n'),
    dataset: { name: 'folder', path: EVIL.join('\n'), shape: [2, 6, 6] },
    nodes: g.nodes.map((n) => ({ ...n, id: rename(n.id)!, parent: rename(n.parent), shares: rename(n.shares) })),
    edges: g.edges.map((e, i) => ({
      ...e,
      id: `${EVIL[i % EVIL.length]}@e${i}`,
      source: rename(e.source)!,
      target: rename(e.target)!,
    })),
    modules: g.modules.map((m) => ({ ...m, id: rename(m.id)!, parent: rename(m.parent) })),
  } as Graph;
}

/** Parses each file with Python's ast and lists every call and import that is not the generator's own. */
const CHECK = `
import ast, sys, json
ALLOWED_IMPORTS = {'json', 'os', 'struct', 'collections', 'torch', 'torch.nn', 'torch.nn.functional', 'math', 'time', 'argparse',
  'torch.distributed', 'torch.utils.data', 'torch.utils.data.distributed', 'gzip', 'pathlib', 'random', 'sys', 'numpy', 'model',
  'torchvision', 'torchvision.datasets', 'torchvision.transforms', 'torchvision.transforms.functional', 'torch.nn.parallel',
  'safetensors.torch', 'typing', '__future__'}
BAD_FUNCTIONS = {'__import__', 'eval', 'exec', 'compile', 'globals', 'locals', 'breakpoint', 'input', 'setattr', 'delattr', 'vars'}
BAD_METHODS = {'system', 'popen', 'spawn', 'run', 'call', 'check_output', 'remove', 'rmtree', 'unlink', '__import__'}
found = []
for path in sys.argv[1:]:
    tree = ast.parse(open(path, encoding='utf-8').read(), path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f'{path}: import {a.name}' for a in node.names if a.name not in ALLOWED_IMPORTS]
        elif isinstance(node, ast.ImportFrom):
            if node.module not in ALLOWED_IMPORTS: found.append(f'{path}: from {node.module} import')
        elif isinstance(node, ast.Call):
            f = node.func
            if isinstance(f, ast.Name) and f.id in BAD_FUNCTIONS: found.append(f'{path}: call {f.id}')
            if isinstance(f, ast.Attribute) and f.attr in BAD_METHODS: found.append(f'{path}: call .{f.attr}')
            # getattr(obj, name) with a computed name could reach anything; the generator only looks up literal names
            if isinstance(f, ast.Name) and f.id == 'getattr' and not (len(node.args) >= 2 and isinstance(node.args[1], ast.Constant)):
                found.append(f'{path}: getattr with a computed name')
print(json.dumps(found))
`;

function check(files: string[]): string[] {
  try {
    return JSON.parse(execFileSync(PY, ['-c', CHECK, ...files], { encoding: 'utf8' })) as string[];
  } catch (e) {
    throw new Error(
      `${PY} could not parse the generated Python (or is missing: apt-get install python3): ${(e as Error).message.split('\n').slice(0, 6).join(' ')}`,
    );
  }
}

describe('generated Python escapes every name taken from the project', () => {
  it('a project of injection attempts loads as data and exports parseable Python with no injected call', () => {
    const g = evilGraph();
    // The loader is the first guard (strict Python names for class names): it answers with a value, never a throw.
    const loaded = parseProject(JSON.parse(serializeProject(g)));
    if (!loaded.ok) expect(loaded.error).toMatch(/not a Python identifier/);
    // The generator is the second: even a document that bypassed the loader must come out as data.
    const r = writePytorch(g, undefined, out);
    expect(r.ok, r.ok ? '' : r.error).toBe(true);
    const files = ['model.py', 'train.py'].map((f) => join(out, f));
    expect(check(files)).toEqual([]);
    const model = readFileSync(files[0], 'utf8');
    expect(readFileSync(files[1], 'utf8')).toContain('pwned'); // the dataset path made it into train.py, as data
    // The hostile text may appear only inside string literals or comments; Python's own parse above proves it is not code.
    expect(model).toContain('class ');
  });

  it('the checker sees an injected call (so a passing check means something)', () => {
    const bad = join(out, 'bad.py');
    execFileSync(PY, [
      '-c',
      `open(${JSON.stringify(bad)}, 'w').write("x = 1\\n__import__('os').system('echo pwned')\\n")`,
    ]);
    expect(check([bad])).toEqual([`${bad}: call .system`, `${bad}: call __import__`]);
  });

  it('a hostile string parameter is refused, never written into code', () => {
    const b = new GraphBuilder('Net');
    b.chain(b.input([4]), [
      ['Linear', { out_features: 3 }],
      ['GELU', { approximate: "tanh'); __import__('os').system('echo pwned'); ('" }],
    ]);
    const g = b.build();
    expect(() => parseProject(JSON.parse(serializeProject(g)))).not.toThrow();
    const model = generateModelPy(g);
    expect(!model.ok && model.error).toMatch(/GELU gelu: approximate must be 'none' or 'tanh'/);
    // train.py takes no layer parameters; whatever it writes must still be clean Python.
    const train = generateTrainPy(g);
    if (train.ok) {
      const file = join(out, 'train-gelu.py');
      writeFileSync(file, train.value);
      expect(check([file])).toEqual([]);
    }
  });
});
