/**
 * `netloom import --partial` keeps the file's weights: on a network with torch.erf between a
 * BatchNorm2d and a Linear (import-partial-weights.py, exported by torch.onnx with BatchNorm kept),
 * the import writes the `imported` run with every other layer's weights; the placeholder is
 * replaced by GELU with the fix the editor applies (applyFix, replaceNode); `netloom export --run`
 * then takes the run's weights into the project's graph, and the exported PyTorch model, as well
 * as the app's own model, give the outputs of the same torch network with nn.GELU in place of
 * torch.erf within 1e-4 (relative to the largest output), and so does its ONNX export imported
 * again (a complete import). A tensor the project changed is reported
 * as fresh, never filled with something else.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFix } from '../../../app/graph/ops';
import { parseProject, serializeProject } from '../../../app/graph/schema';
import type { Graph } from '../../../app/graph/types';
import { analyzeGraph } from '../../../app/shapes/analyze';
import type { Fix } from '../../../app/shapes/types';
import { exportModel } from './weights';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');
const SCRIPT = fileURLToPath(new URL('./import-partial-weights.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'netloom-partial-weights-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  try {
    execFileSync('/usr/bin/python3', [SCRIPT, dir], { stdio: 'pipe', timeout: 300_000 });
  } catch (e) {
    throw new Error(`torch.onnx.export failed (install Debian's python3-torch and python3-onnx): ${String(e)}`);
  }
}, 300_000);

async function netloom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { encoding: 'utf8', cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const ref = () =>
  JSON.parse(readFileSync(join(dir, 'ref.json'), 'utf8')) as { x: number[]; shape: number[]; y: number[] };

/** max |a - b| over max |b|. */
function relErr(a: ArrayLike<number>, b: number[]): number {
  expect(a.length).toBe(b.length);
  let d = 0;
  let m = 0;
  for (let i = 0; i < b.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    m = Math.max(m, Math.abs(b[i]));
  }
  return d / m;
}

describe('import --partial keeps the weights of the mapped layers', () => {
  let fixed: Graph;

  it('imports with the run, refuses to export it until the placeholder is replaced, then exports the file’s weights', async () => {
    const imp = await netloom('import', 'erf.onnx', '-o', 'net.json', '--partial');
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toMatch(/^warning: Unsupported layer1\.erf: ONNX operator Erf \(node \/layer1\/Erf\)/m);
    expect(imp.stdout).toMatch(/weights in .*net\.runs\/imported/);
    const runDir = join(dir, 'net.runs', 'imported');
    expect(existsSync(join(runDir, 'best', 'model.json'))).toBe(true);
    const info = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8')) as { message: string };
    expect(info.message).toMatch(/^weights imported from erf\.onnx except the placeholder layer1\.erf/);

    // Before the placeholder is replaced the run's weights have no graph to go into.
    const early = await netloom('export', 'net.json', '--run', runDir, '--format', 'pytorch', '--out', 'early');
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/partial import.*Unsupported layer1\.erf: ONNX operator Erf/);

    // The fix the canvas offers, applied as the editor applies it.
    const g = parseProject(JSON.parse(readFileSync(join(dir, 'net.json'), 'utf8')));
    if (!g.ok) throw new Error(g.error);
    const errors = analyzeGraph(g.value).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0].fix).toMatchObject({ kind: 'replaceNode', layerType: 'GELU', label: 'Replace with GELU' });
    const f = applyFix(g.value, errors[0].fix as Fix);
    if (!f.ok) throw new Error(f.error);
    fixed = f.value;
    expect(analyzeGraph(fixed).errors).toEqual([]);
    writeFileSync(join(dir, 'net.json'), serializeProject(fixed));

    const e = await netloom('export', 'net.json', '--run', runDir, '--format', 'pytorch', '--out', 'out');
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout).toMatch(/using the project's graph, with the run's weights matched by layer and shape/);
    expect(e.stdout).toMatch(/weights: .*best: 8 of 8 tensors matched by layer and shape/);
    expect(e.stdout).not.toMatch(/freshly initialized|in no layer/);

    const check = execFileSync('/usr/bin/python3', [SCRIPT, dir, join(dir, 'out')], {
      encoding: 'utf8',
      timeout: 300_000,
    });
    const c = JSON.parse(check.trim().split('\n').pop() as string) as {
      max_abs: number;
      max_ref: number;
      repr: string;
    };
    expect(c.repr).toMatch(
      /\(layer1\): Layer\(\n\s+\(conv\): Conv2d.*\n\s+\(bn\): BatchNorm2d.*\n\s+\(gelu\): GELU\(approximate='none'\)/,
    );
    expect(c.max_abs / c.max_ref).toBeLessThan(1e-4);
  }, 300_000);

  it("the app's own model carries the same weights, and a tensor the project changed stays fresh and is named", async () => {
    const { x, shape, y } = ref();
    const runDir = join(dir, 'net.runs', 'imported');
    const m = await exportModel(fixed, { runDir, matching: true });
    if (!m.ok) throw new Error(m.error);
    try {
      const out = m.value.tf.tidy(() =>
        (m.value.compiled.model.predict(m.value.tf.tensor(x, shape)) as { dataSync(): Float32Array }).dataSync(),
      );
      expect(relErr(out, y)).toBeLessThan(1e-4);
      expect(m.value.unmatched).toEqual([]);
    } finally {
      m.value.compiled.model.dispose();
    }
    // ONNX with the run's weights, imported again: a complete import, whose run is like any other.
    const o = await netloom('export', 'net.json', '--run', runDir, '--format', 'onnx', '--out', 'onnx');
    expect(o.code, o.stderr).toBe(0);
    const again = await netloom('import', join('onnx', 'model.onnx'), '-o', 'again.json');
    expect(again.code, again.stderr).toBe(0);
    const g2 = parseProject(JSON.parse(readFileSync(join(dir, 'again.json'), 'utf8')));
    if (!g2.ok) throw new Error(g2.error);
    expect(analyzeGraph(g2.value).errors).toEqual([]);
    const m2 = await exportModel(g2.value, { runDir: join(dir, 'again.runs', 'imported') });
    if (!m2.ok) throw new Error(m2.error);
    try {
      const out = m2.value.tf.tidy(() =>
        (m2.value.compiled.model.predict(m2.value.tf.tensor(x, shape)) as { dataSync(): Float32Array }).dataSync(),
      );
      expect(relErr(out, y)).toBeLessThan(1e-4);
    } finally {
      m2.value.compiled.model.dispose();
    }
    // fc now gives 5 classes: its weight and bias cannot come from the file; the rest still does.
    const changed: Graph = {
      ...fixed,
      nodes: fixed.nodes.map((n) => (n.type === 'Linear' ? { ...n, params: { ...n.params, out_features: 5 } } : n)),
    };
    const c = await exportModel(changed, { runDir, matching: true, seed: 3 });
    if (!c.ok) throw new Error(c.error);
    c.value.compiled.model.dispose();
    expect(c.value.source).toMatch(/6 of 8 tensors matched/);
    expect(c.value.unmatched).toEqual([
      'not in the run, freshly initialized (seed 3): fc.weight, fc.bias',
      'in the run but in no layer of the project: fc.weight, fc.bias',
    ]);
  }, 300_000);
});
