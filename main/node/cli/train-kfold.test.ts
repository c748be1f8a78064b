/** `netloom train --kfold K` as a person runs it: JSON events with their fold, a final kfold summary; bad K is exit 2. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeProject } from '../../../app/graph/serialize';
import { GraphBuilder } from '../../../app/templates/builder';

const bin = fileURLToPath(new URL('../../../bin/netloom', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'netloom-kfold-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const b = new GraphBuilder('Net');
b.chain(b.input([1, 28, 28]), [
  ['AvgPool2d', { kernel_size: 4 }],
  ['Flatten', {}],
  ['Linear', { out_features: 10 }],
]);
const file = join(dir, 'tiny.netloom.json');
writeFileSync(file, serializeProject({ ...b.build(), dataset: { name: 'synthetic', trainSize: 60, testSize: 20 } }));
const train = (...args: string[]) =>
  spawnSync(process.execPath, [bin, 'train', file, ...args], { encoding: 'utf8', timeout: 120_000 });

describe('netloom train --kfold', () => {
  it('--json: events carry their fold, the last line is the kfold summary', () => {
    const out = join(dir, 'kf');
    const r = train('--backend', 'cpu', '--epochs', '1', '--batch-size', '20', '--kfold', '2', '--out', out, '--json');
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const last = lines[lines.length - 1] as {
      event: string;
      folds: { fold: number }[];
      mean: Record<string, number>;
      std: Record<string, number>;
      best_fold: number;
      run_dir: string;
    };
    expect(last.event).toBe('kfold');
    expect(last.folds.map((f) => f.fold)).toEqual([1, 2]);
    expect(Object.keys(last.mean).sort()).toEqual(['test_acc', 'test_loss', 'val_acc', 'val_loss']);
    expect(Object.keys(last.std).sort()).toEqual(Object.keys(last.mean).sort());
    expect([1, 2]).toContain(last.best_fold);
    expect(last.run_dir).toBe(out);
    for (const l of lines.slice(0, -1)) expect([1, 2], JSON.stringify(l)).toContain(l.fold);
    expect(lines.filter((l) => l.event === 'done').map((l) => l.fold)).toEqual([1, 2]);
    expect(existsSync(join(out, 'kfold.json'))).toBe(true);
    expect(existsSync(join(out, 'best', 'model.json'))).toBe(true);
  }, 120_000);

  it("without --kfold, the project's training.kfold (the app's split choice) runs K-fold", () => {
    const saved = join(dir, 'saved-k.netloom.json');
    writeFileSync(
      saved,
      serializeProject({
        ...b.build(),
        dataset: { name: 'synthetic', trainSize: 60, testSize: 20 },
        training: { kfold: 3 },
      }),
    );
    const out = join(dir, 'kf-saved');
    const r = spawnSync(
      process.execPath,
      [bin, 'train', saved, '--backend', 'cpu', '--epochs', '1', '--batch-size', '20', '--out', out, '--json'],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { event: string; folds?: unknown[] });
    expect(lines[lines.length - 1].event).toBe('kfold');
    expect(lines[lines.length - 1].folds).toHaveLength(3);
  }, 120_000);

  it('a bad K is one line and exit 2', () => {
    for (const k of ['1', 'three']) {
      const r = train('--kfold', k);
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/--kfold must be an integer from 2 to 100/);
    }
  });
});
