/**
 * `netloom export` spawned as a person runs it: a run's checkpoint exported to all three formats
 * gives the run's outputs in PyTorch (torch 1.13) and onnxruntime-node; bad input is one stderr
 * line and exit 2 (an invalid graph exit 1).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStateDict, setStateDict } from '../../../app/compiler/tfjs/statedict';
import type { Tensor } from '../../../app/compiler/tfjs/tf';
import { serializeProject } from '../../../app/graph/schema';
import { buildTemplate } from '../../../app/templates';
import { GraphBuilder } from '../../../app/templates/builder';
import { runOnnx } from '../export/onnx-run';
import { exportModel } from '../export/weights';
import { saveCheckpoint } from '../runs/checkpoint';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');
const dir = mkdtempSync(join(tmpdir(), 'netloom-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function netloom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { encoding: 'utf8', cwd: dir });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const project = join(dir, 'lenet.json');
const runDir = join(dir, 'run');
const input = Array.from({ length: 2 * 784 }, (_, i) => Math.sin(i * 0.37));
let expected: number[] = [];

beforeAll(async () => {
  const g = buildTemplate('lenet5');
  if (!g.ok) throw new Error(g.error);
  writeFileSync(project, serializeProject(g.value));
  // A "trained" run: weights moved away from the initialization, saved as the engine saves them.
  const m = await exportModel(g.value, { seed: 11 });
  if (!m.ok) throw new Error(m.error);
  const { tf, compiled } = m.value;
  const moved = getStateDict(tf, compiled).map((e) => ({
    ...e,
    values: e.values.map((v, i) => v + 0.01 * Math.cos(i)),
  }));
  expect(setStateDict(tf, compiled, moved).ok).toBe(true);
  await saveCheckpoint(compiled, join(runDir, 'best'), { epoch: 3 });
  writeFileSync(join(runDir, 'graph.json'), serializeProject(g.value));
  const y = compiled.model.predict(tf.tensor(input, [2, 1, 28, 28])) as Tensor;
  expected = Array.from(y.dataSync());
  compiled.model.dispose();
}, 120_000);

describe('netloom export', () => {
  it('exports a run to all formats; PyTorch and onnxruntime give the run outputs', async () => {
    const r = await netloom('export', project, '--run', runDir, '--format', 'all', '--out', 'out');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/weights: .*best \(epoch 3\)/);
    expect(r.stdout).toMatch(/exported 6 file\(s\)/);
    const out = join(dir, 'out');
    for (const f of [
      'tfjs/model.json',
      'tfjs/weights.bin',
      'onnx/model.onnx',
      'pytorch/model.py',
      'pytorch/model.safetensors',
      'pytorch/train.py',
    ])
      expect(existsSync(join(out, f)), f).toBe(true);
    const py = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        `import json, torch, model\nm = model.load()\nx = torch.tensor(json.loads(input()), dtype=torch.float32).reshape(2, 1, 28, 28)\nprint(json.dumps(m(x).flatten().tolist()))`,
      ],
      { cwd: join(out, 'pytorch'), input: JSON.stringify(input), encoding: 'utf8' },
    );
    const torchOut = JSON.parse(py) as number[];
    const [onnxOut] = await runOnnx(join(out, 'onnx/model.onnx'), [
      { shape: [2, 1, 28, 28], values: Float32Array.from(input) },
    ]);
    for (const got of [torchOut, Array.from(onnxOut)]) {
      expect(got.length).toBe(expected.length);
      expect(Math.max(...got.map((v, i) => Math.abs(v - expected[i])))).toBeLessThan(1e-4);
    }
  }, 120_000);

  it('without --run writes fresh seeded weights, the same for the same seed', async () => {
    for (const o of ['a', 'b'])
      expect((await netloom('export', project, '--format', 'pytorch', '--out', o, '--seed', '5')).code).toBe(0);
    expect(readFileSync(join(dir, 'a/model.safetensors')).equals(readFileSync(join(dir, 'b/model.safetensors')))).toBe(
      true,
    );
  }, 120_000);

  it('bad input is one line on stderr and exit 2; an invalid graph exit 1', async () => {
    writeFileSync(join(dir, 'broken.json'), '{"format": "netloom", ');
    const b = new GraphBuilder('Net');
    b.layer('Linear', { out_features: 3 }, b.input([1, 4, 4]));
    writeFileSync(join(dir, 'invalid.json'), serializeProject(b.build()));
    const cases: [string[], number, RegExp][] = [
      [['export', project, '--format', 'keras', '--out', 'x'], 2, /--format must be one of/],
      [['export', project, '--format', 'onnx'], 2, /--out DIR is required/],
      [['export', 'missing.json', '--format', 'onnx', '--out', 'x'], 2, /cannot read missing\.json: no such file/],
      [['export', 'broken.json', '--format', 'onnx', '--out', 'x'], 2, /broken\.json/],
      [
        ['export', project, '--format', 'onnx', '--out', 'x', '--run', 'nowhere'],
        2,
        /run folder nowhere does not exist/,
      ],
      [['export', project, '--format', 'onnx', '--out', 'x', '--run', dir], 2, /has no checkpoint/],
      [['export', 'invalid.json', '--format', 'onnx', '--out', 'x'], 1, /insert Flatten/],
    ];
    for (const [args, code, msg] of cases) {
      const r = await netloom(...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
    }
  }, 120_000);
});

describe('project bundle', () => {
  it('carries the project, a run and its checkpoint to another folder, where predict gives the same outputs', async () => {
    const r = await netloom('export', project, '--format', 'bundle', '--run', runDir, '--out', 'bundles');
    expect(r.code, r.stderr).toBe(0);
    const bundle = join(dir, 'bundles', 'lenet.netloom-bundle.json');
    expect(existsSync(bundle)).toBe(true);
    const o = await netloom('import', bundle, '-o', join(dir, 'elsewhere', 'lenet.json'));
    expect(o.code, o.stderr).toBe(0);
    const opened = join(dir, 'elsewhere', 'lenet.runs', 'run');
    expect(readFileSync(join(opened, 'graph.json'), 'utf8')).toBe(readFileSync(join(runDir, 'graph.json'), 'utf8'));
    const x = join(dir, 'x.npy');
    const { encodeNpy } = await import('../../../app/importers/npy');
    writeFileSync(x, encodeNpy({ shape: [2, 1, 28, 28], data: Float32Array.from(input) }));
    const p = await netloom(
      'predict',
      join(dir, 'elsewhere', 'lenet.json'),
      '--run',
      opened,
      '--input',
      x,
      '--output',
      join(dir, 'y.npy'),
    );
    expect(p.code, p.stderr).toBe(0);
    const { parseNpy } = await import('../../../app/importers/npy');
    const y = parseNpy(new Uint8Array(readFileSync(join(dir, 'y.npy'))));
    if (!y.ok) throw new Error(y.error);
    expect(Math.max(...Array.from(y.value.data, (v, i) => Math.abs(v - expected[i])))).toBeLessThan(1e-6);
    writeFileSync(
      join(dir, 'evil.netloom-bundle.json'),
      JSON.stringify({
        format: 'netloom-bundle',
        version: 1,
        name: 'x',
        project: '{}',
        runs: [{ id: '../../escape', files: {} }],
      }),
    );
    const evil = await netloom('import', join(dir, 'evil.netloom-bundle.json'), '-o', join(dir, 'evil.json'));
    expect(evil.code).toBe(2);
    expect(evil.stderr).toMatch(/is not a safe folder name/);
  }, 120_000);
});
