/**
 * `netloom train --init-from RUN`: after `import --partial` of a torch-made ONNX file (torch.erf
 * between a BatchNorm2d and a Linear, ../export/import-partial-weights.py) and the placeholder
 * replaced by GELU, a new run starts from the imported run's weights. With lr 1e-12 and BatchNorm's
 * momentum 0, one epoch of steps changes no tensor by more than about 1e-11, so the new run's checkpoint holds the initial
 * weights: its outputs equal the torch network's (nn.GELU in place of torch.erf) within 1e-4, on
 * one worker, on two data-parallel workers, and on the PyTorch engine. A project whose Linear
 * changed gets everything else from the run, and the log and run.json name the tensors left fresh
 * and the run's tensors no layer took.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { encodePng } from '../data/png';
import { exportModel } from '../export/weights';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');
const SCRIPT = fileURLToPath(new URL('../export/import-partial-weights.py', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'netloom-init-from-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function netloom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { encoding: 'utf8', cwd: dir, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

type Ev = { event: string; message?: string; run_dir?: string; status?: string; loss?: number; batch?: number };
const events = (stdout: string): Ev[] =>
  stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Ev);
const logs = (evs: Ev[]) => evs.filter((e) => e.event === 'log').map((e) => e.message as string);

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

/** The outputs of a run's best checkpoint (its own graph.json, as evaluate and predict load it) on ref.json's inputs. */
async function runOutputs(runDir: string): Promise<Float32Array> {
  const g = parseProject(JSON.parse(readFileSync(join(runDir, 'graph.json'), 'utf8')));
  if (!g.ok) throw new Error(g.error);
  const m = await exportModel(g.value, { runDir });
  if (!m.ok) throw new Error(m.error);
  const { x, shape } = ref();
  try {
    return m.value.tf.tidy(() =>
      (m.value.compiled.model.predict(m.value.tf.tensor(x, shape)) as { dataSync(): Float32Array }).dataSync(),
    );
  } finally {
    m.value.compiled.model.dispose();
  }
}

beforeAll(async () => {
  try {
    execFileSync('/usr/bin/python3', [SCRIPT, dir], { stdio: 'pipe', timeout: 300_000 });
  } catch (e) {
    throw new Error(`torch.onnx.export failed (install Debian's python3-torch and python3-onnx): ${String(e)}`);
  }
  // A tiny image folder of the network's input size: two classes of 8x8 grey images.
  for (const [k, c] of ['dark', 'light'].entries()) {
    mkdirSync(join(dir, 'img', c), { recursive: true });
    for (let i = 0; i < 8; i++) {
      const rgba = new Uint8Array(8 * 8 * 4);
      for (let p = 0; p < 64; p++) {
        const v = (k * 120 + ((p * 37 + i * 11) % 100)) & 255;
        rgba.set([v, v, v, 255], p * 4);
      }
      writeFileSync(join(dir, 'img', c, `${i}.png`), encodePng({ width: 8, height: 8, rgba }));
    }
  }
  const imp = await netloom('import', 'erf.onnx', '-o', 'net.json', '--partial');
  if (imp.code !== 0) throw new Error(imp.stderr);
  const g = parseProject(JSON.parse(readFileSync(join(dir, 'net.json'), 'utf8')));
  if (!g.ok) throw new Error(g.error);
  const fix = analyzeGraph(g.value).errors[0]?.fix as Fix;
  const f = applyFix(g.value, fix);
  if (!f.ok) throw new Error(f.error);
  // BatchNorm's momentum 0 keeps its running statistics through training (PyTorch's semantics).
  const fixed: Graph = {
    ...f.value,
    nodes: f.value.nodes.map((n) => (n.type === 'BatchNorm2d' ? { ...n, params: { ...n.params, momentum: 0 } } : n)),
  };
  expect(analyzeGraph(fixed).errors).toEqual([]);
  writeFileSync(join(dir, 'net.json'), serializeProject(fixed));
  // The same with a Linear of 5 outputs: its weight and bias cannot come from the file.
  const changed: Graph = {
    ...fixed,
    nodes: fixed.nodes.map((n) => (n.type === 'Linear' ? { ...n, params: { ...n.params, out_features: 5 } } : n)),
  };
  writeFileSync(join(dir, 'changed.json'), serializeProject(changed));
  // Another network: 8 channels and 5 classes, no tensor of the run's shape anywhere.
  const other: Graph = {
    ...changed,
    nodes: changed.nodes.map((n) =>
      n.type === 'Conv2d'
        ? { ...n, params: { ...n.params, out_channels: 8 } }
        : n.type === 'BatchNorm2d'
          ? { ...n, params: { ...n.params, num_features: 8 } }
          : n.type === 'Linear'
            ? { ...n, params: { ...n.params, in_features: 8 * 6 * 6 } }
            : n,
    ),
  };
  expect(analyzeGraph(other).errors).toEqual([]);
  writeFileSync(join(dir, 'other.json'), serializeProject(other));
}, 300_000);

const TRAIN = ['--dataset', 'folder:img', '--epochs', '1', '--batch-size', '4', '--optimizer', 'sgd', '--lr', '1e-12'];
const TRAIN_SEED = ['--seed', '1', '--json'];

describe('netloom train --init-from', () => {
  it('starts from the partial import’s weights: the outputs are the torch network’s (one worker)', async () => {
    // The run id, as the Runs tab and export --run name it, is enough.
    const t = await netloom('train', 'net.json', ...TRAIN, ...TRAIN_SEED, '--workers', '1', '--init-from', 'imported');
    expect(t.code, t.stderr).toBe(0);
    const evs = events(t.stdout);
    expect(logs(evs)).toContainEqual(
      expect.stringMatching(
        /^initialized from .*net\.runs\/imported\/best: 8 of 8 tensors matched by layer and shape$/,
      ),
    );
    expect(logs(evs).join('\n')).not.toMatch(/freshly initialized|in no layer/);
    const done = evs.find((e) => e.event === 'done') as Ev;
    expect(done.status).toBe('completed');
    const info = JSON.parse(readFileSync(join(done.run_dir as string, 'run.json'), 'utf8')) as {
      init_from: { loaded: number; total: number; fresh: string[]; unused: string[] };
    };
    expect(info.init_from).toMatchObject({ loaded: 8, total: 8, fresh: [], unused: [] });
    expect(relErr(await runOutputs(done.run_dir as string), ref().y)).toBeLessThan(1e-4);
    // Without --init-from the same run starts from the seeded weights: different outputs.
    const fresh = await netloom('train', 'net.json', ...TRAIN, ...TRAIN_SEED, '--workers', '1');
    expect(fresh.code, fresh.stderr).toBe(0);
    const freshDir = events(fresh.stdout).find((e) => e.event === 'done')?.run_dir as string;
    expect(relErr(await runOutputs(freshDir), ref().y)).toBeGreaterThan(1e-2);
  }, 300_000);

  it('two data-parallel workers start from the same weights (the epochs’ losses are one worker’s)', async () => {
    const lr = ['--dataset', 'folder:img', '--epochs', '2', '--batch-size', '4', '--optimizer', 'sgd', '--lr', '0.1'];
    const losses = async (workers: string) => {
      const t = await netloom(
        'train',
        'net.json',
        ...lr,
        ...TRAIN_SEED,
        '--workers',
        workers,
        '--init-from',
        'net.runs/imported',
      );
      expect(t.code, t.stderr).toBe(0);
      const evs = events(t.stdout);
      if (workers === '2') expect(logs(evs)).toContainEqual(expect.stringMatching(/starting 1 data-parallel helper/));
      return evs.filter((e) => e.event === 'epoch').map((e) => (e as unknown as { train_loss: number }).train_loss);
    };
    const one = await losses('1');
    const two = await losses('2');
    expect(one).toHaveLength(2);
    // Every step after the first uses gradients both workers computed: the losses agree only if
    // the helper started from the run's weights too.
    for (let k = 0; k < 2; k++) expect(Math.abs(two[k] - one[k])).toBeLessThan(1e-4 * Math.max(1, Math.abs(one[k])));
  }, 300_000);

  it('names the tensors left fresh and the run’s tensors no layer took', async () => {
    const t = await netloom(
      'train',
      'changed.json',
      ...TRAIN,
      ...TRAIN_SEED,
      '--workers',
      '1',
      '--init-from',
      'net.runs/imported',
    );
    expect(t.code, t.stderr).toBe(0);
    const l = logs(events(t.stdout));
    expect(l).toContainEqual(expect.stringMatching(/: 6 of 8 tensors matched by layer and shape$/));
    expect(l).toContain('not in the run, freshly initialized (seed 1): fc.weight, fc.bias');
    expect(l).toContain('in the run but in no layer of the project: fc.weight, fc.bias');
    const done = events(t.stdout).find((e) => e.event === 'done') as Ev;
    const info = JSON.parse(readFileSync(join(done.run_dir as string, 'run.json'), 'utf8')) as {
      init_from: { loaded: number; fresh: string[]; unused: string[] };
    };
    expect(info.init_from).toMatchObject({
      loaded: 6,
      fresh: ['fc.weight', 'fc.bias'],
      unused: ['fc.weight', 'fc.bias'],
    });
  }, 300_000);

  it('refuses a missing run, --resume with it, and a run of another network', async () => {
    const missing = await netloom('train', 'net.json', ...TRAIN, '--init-from', 'nope');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--init-from nope: no such run folder \(nor a run id in .*net\.runs\)/);
    const both = await netloom(
      'train',
      'net.json',
      ...TRAIN,
      '--init-from',
      'imported',
      '--resume',
      'net.runs/imported',
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--init-from starts a new run and --resume continues one/);
    const none = await netloom('train', 'other.json', ...TRAIN, '--init-from', join(dir, 'net.runs', 'imported'));
    expect(none.code, none.stderr).toBe(2);
    expect(none.stderr).toMatch(
      /--init-from .*imported: none of the 8 tensors of the project matches a tensor of .*best by layer and shape or by state_dict key and shape; it was trained for another network/,
    );
  }, 300_000);

  it('the PyTorch engine starts from the same weights', async () => {
    const t = await netloom(
      'train',
      'net.json',
      ...TRAIN,
      ...TRAIN_SEED,
      '--engine',
      'torch',
      '--init-from',
      'imported',
    );
    expect(t.code, t.stderr + t.stdout.slice(-2000)).toBe(0);
    const evs = events(t.stdout);
    expect(logs(evs)).toContainEqual(expect.stringMatching(/^initialized from .*: 8 of 8 tensors matched/));
    const done = evs.find((e) => e.event === 'done') as Ev;
    expect(done.status).toBe('completed');
    expect(relErr(await runOutputs(done.run_dir as string), ref().y)).toBeLessThan(1e-4);
  }, 300_000);
});
