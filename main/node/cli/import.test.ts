/**
 * `netloom import` spawned as a person runs it: an ONNX model with weights becomes a project and a
 * run folder `<project>.runs/imported/` identical in form to the GUI's import (run.json,
 * settings.json, graph.json, best/), which the Runs tab's lister (runs.list) shows, and on which
 * `netloom predict --run` gives onnxruntime's outputs and `netloom evaluate` works.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeProject } from '../../../app/graph/schema';
import { encodeNpy, parseNpy } from '../../../app/importers/npy';
import { buildTemplate } from '../../../app/templates';
import { runOnnx } from '../export/onnx-run';
import { makeHost } from '../host/test-host';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');
const dir = mkdtempSync(join(tmpdir(), 'netloom-cli-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function netloom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { encoding: 'utf8', cwd: dir, maxBuffer: 1 << 24 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('netloom import', () => {
  it('writes the imported run that the Runs tab lists and evaluate/predict --run use', async () => {
    const g = buildTemplate('lenet5');
    if (!g.ok) throw new Error(g.error);
    writeFileSync(join(dir, 'lenet.json'), serializeProject(g.value));
    const e = await netloom('export', 'lenet.json', '--format', 'onnx', '--out', 'out');
    expect(e.code, e.stderr).toBe(0);

    const i = await netloom('import', 'out/model.onnx', '-o', 'imp.netloom.json');
    expect(i.stderr).toBe('');
    expect(i.code).toBe(0);
    const runDir = join(dir, 'imp.netloom.runs', 'imported');
    expect(i.stdout).toContain(`weights in ${runDir}`);
    for (const f of ['run.json', 'settings.json', 'graph.json', 'best/model.json'])
      expect(existsSync(join(runDir, f)), f).toBe(true);
    const info = JSON.parse(readFileSync(join(runDir, 'run.json'), 'utf8'));
    expect(info).toMatchObject({
      id: 'imported',
      status: 'completed',
      message: 'weights imported from model.onnx',
      project: 'imp.netloom.json',
    });

    // The lister the host uses for the Runs tab.
    const h = await makeHost({ kind: 'web', workspace: dir });
    const list = await h.call('runs.list', { projectPath: join(dir, 'imp.netloom.json') });
    expect(list.ok, JSON.stringify(list)).toBe(true);
    const runs = (list.ok ? list.value : []) as { id: string; dir: string; status: string; dataset: string }[];
    expect(runs.map((r) => [r.id, r.dir, r.status])).toEqual([['imported', runDir, 'completed']]);
    expect(runs[0].dataset).toBe('synthetic');

    // predict --run: the imported weights give onnxruntime's outputs of the model file.
    const x = Float32Array.from({ length: 2 * 784 }, (_, k) => Math.sin(k * 0.37));
    writeFileSync(join(dir, 'x.npy'), encodeNpy({ shape: [2, 1, 28, 28], data: x }));
    const p = await netloom('predict', 'imp.netloom.json', '--run', runDir, '--input', 'x.npy', '--output', 'y.npy');
    expect(p.stderr).toBe('');
    expect(p.code).toBe(0);
    const y = parseNpy(new Uint8Array(readFileSync(join(dir, 'y.npy'))));
    if (!y.ok) throw new Error(y.error);
    const [want] = await runOnnx(join(dir, 'out', 'model.onnx'), [{ shape: [2, 1, 28, 28], values: x }]);
    expect(y.value.shape).toEqual([2, 10]);
    expect(Math.max(...Array.from(y.value.data, (v, k) => Math.abs(v - want[k])))).toBeLessThan(1e-4);

    // evaluate: the run's (default, synthetic) dataset, the imported best checkpoint.
    const ev = await netloom('evaluate', runDir, '--json');
    expect(ev.stderr).toBe('');
    expect(ev.code).toBe(0);
    const report = JSON.parse(ev.stdout);
    expect(report.n).toBeGreaterThan(0);
    expect(report.accuracy).toBeGreaterThanOrEqual(0);
    expect(existsSync(join(runDir, 'evaluation.json'))).toBe(true);
  }, 240_000);
});
