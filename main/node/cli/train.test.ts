/** `netloom train` as a person runs it: bad input is one line and exit 2 (an invalid graph exit 1); --json prints epoch and done objects. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeProject } from '../../../app/graph/serialize';
import { GraphBuilder } from '../../../app/templates/builder';

const bin = fileURLToPath(new URL('../../../bin/netloom', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'netloom-train-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function project(
  name: string,
  build: (b: GraphBuilder, x: string) => void,
  extra: Record<string, unknown> = {},
): string {
  const b = new GraphBuilder('Net');
  build(b, b.input([1, 28, 28]));
  const path = join(dir, name);
  writeFileSync(path, serializeProject({ ...b.build(), ...extra }));
  return path;
}

const train = (...args: string[]) =>
  spawnSync(process.execPath, [bin, 'train', ...args], { encoding: 'utf8', timeout: 120_000 });

const good = project(
  'tiny.netloom.json',
  (b, x) =>
    b.chain(x, [
      ['AvgPool2d', { kernel_size: 4 }],
      ['Flatten', {}],
      ['Linear', { out_features: 10 }],
    ]),
  {
    dataset: { name: 'synthetic', trainSize: 300, testSize: 100 },
  },
);

describe('netloom train', () => {
  it('rejects an invalid graph with its first error, exit 1', () => {
    const bad = project('bad.netloom.json', (b, x) => b.layer('Linear', { out_features: 10 }, x));
    const r = train(bad, '--backend', 'cpu');
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/graph is invalid.*Linear/);
  });

  it('rejects an unknown dataset, a bad setting and a missing file in one line, exit 2', () => {
    for (const args of [
      [good, '--dataset', 'imagenet'],
      [good, '--optimizer', 'lbfgs'],
      [good, '--lr', 'fast'],
      [join(dir, 'nope.json')],
    ]) {
      const r = train(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
    expect(train(good, '--optimizer', 'lbfgs').stderr).toMatch(/optimizer/);
  });

  it('stops on a NaN/Inf loss: one clear message, exit 1', () => {
    const deep = project(
      'deep.netloom.json',
      (b, x) =>
        b.chain(x, [
          ['AvgPool2d', { kernel_size: 4 }],
          ['Flatten', {}],
          ['Linear', { out_features: 16 }],
          ['ReLU', {}],
          ['Linear', { out_features: 10 }],
        ]),
      { dataset: { name: 'synthetic', trainSize: 300, testSize: 100 } },
    );
    const r = train(
      deep,
      '--backend',
      'cpu',
      '--epochs',
      '1',
      '--optimizer',
      'sgd',
      '--lr',
      '1e30',
      '--out',
      join(dir, 'nan'),
    );
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/Loss became (NaN|Infinity|-Infinity) at epoch 1, batch \d+: training stopped/);
  });

  it('--json prints one object per line: epochs and a final done', () => {
    const out = join(dir, 'run1');
    const r = train(
      good,
      '--backend',
      'cpu',
      '--epochs',
      '2',
      '--batch-size',
      '50',
      '--optimizer',
      'adam',
      '--lr',
      '0.01',
      '--out',
      out,
      '--json',
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const epochs = lines.filter((l) => l.event === 'epoch');
    expect(epochs).toHaveLength(2);
    for (const k of ['epoch', 'train_loss', 'train_acc', 'val_loss', 'val_acc', 'lr', 'img_per_s'])
      expect(epochs[0], k).toHaveProperty(k);
    const done = lines[lines.length - 1];
    expect(done).toMatchObject({ event: 'done', backend: 'cpu', run_dir: out });
    for (const k of ['test_loss', 'test_acc', 'img_per_s']) expect(typeof done[k], k).toBe('number');
  });
});
