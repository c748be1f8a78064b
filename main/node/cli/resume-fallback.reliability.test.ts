/**
 * A run whose last/ checkpoint is missing (a full disk failed its write) resumes from the most
 * recent complete checkpoint of either kind, and says which; with none, one clear line.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeProject } from '../../../app/graph/schema';
import { GraphBuilder } from '../../../app/templates/builder';
import { describeResume, resumePoints } from '../reliability/resume';

const bin = fileURLToPath(new URL('../../../bin/netloom', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'netloom-resume-fb-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fakeCheckpoint(runDir: string, kind: string, epoch: number, weights = true): void {
  mkdirSync(join(runDir, kind), { recursive: true });
  writeFileSync(join(runDir, kind, 'model.json'), JSON.stringify({ userDefinedMetadata: { netloom: { epoch } } }));
  if (weights) writeFileSync(join(runDir, kind, 'weights.bin'), '');
}

describe('resume points', () => {
  it('orders complete checkpoints by epoch, skipping incomplete ones, and says why best/ is used', () => {
    const a = join(dir, 'a');
    fakeCheckpoint(a, 'last', 4);
    fakeCheckpoint(a, 'best', 5); // last/ of epoch 5 failed: the old last/ (epoch 4) stayed
    const points = resumePoints(a);
    expect(points.map((p) => [p.kind, p.epoch])).toEqual([
      ['best', 5],
      ['last', 4],
    ]);
    expect(describeResume(points[0], points, [])).toBe(
      'resuming from best/ (epoch 5): it is newer than last/ (epoch 4)',
    );
    const b = join(dir, 'b');
    fakeCheckpoint(b, 'last', 3, false); // no weights.bin: incomplete
    fakeCheckpoint(b, 'best', 2);
    const pb = resumePoints(b);
    expect(pb.map((p) => p.kind)).toEqual(['best']);
    expect(describeResume(pb[0], pb, [])).toBe('resuming from best/ (epoch 2): last/ is missing or incomplete');
    expect(resumePoints(join(dir, 'none'))).toEqual([]);
  });
});

describe('netloom train --resume without last/', () => {
  it('resumes from best/ and says so; with no checkpoint at all, fails in one line', () => {
    const b = new GraphBuilder('Net');
    b.chain(b.input([1, 28, 28]), [
      ['AvgPool2d', { kernel_size: 4 }],
      ['Flatten', {}],
      ['Linear', { out_features: 10 }],
    ]);
    const project = join(dir, 'tiny.netloom.json');
    writeFileSync(
      project,
      serializeProject({ ...b.build(), dataset: { name: 'synthetic', trainSize: 300, testSize: 50 } }),
    );
    const run = join(dir, 'run');
    const first = spawnSync(
      process.execPath,
      [bin, 'train', project, '--backend', 'cpu', '--epochs', '2', '--batch-size', '50', '--seed', '3', '--out', run],
      { encoding: 'utf8' },
    );
    expect(first.status, first.stderr).toBe(0);
    const best = JSON.parse(readFileSync(join(run, 'best', 'model.json'), 'utf8')).userDefinedMetadata.netloom
      .epoch as number;
    rmSync(join(run, 'last'), { recursive: true }); // the disk filled while last/ was written

    const r = spawnSync(
      process.execPath,
      [bin, 'train', '--resume', run, '--epochs', '3', '--backend', 'cpu', '--json'],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(`${r.stdout}${r.stderr}`).toContain(`resuming from best/ (epoch ${best}): last/ is missing or incomplete`);
    expect(lines.find((l) => l.event === 'start')).toMatchObject({ resumed_from: best });
    expect(lines[lines.length - 1]).toMatchObject({ event: 'done', status: 'completed' });

    rmSync(join(run, 'last'), { recursive: true });
    rmSync(join(run, 'best'), { recursive: true });
    const none = spawnSync(process.execPath, [bin, 'train', '--resume', run, '--backend', 'cpu'], { encoding: 'utf8' });
    expect(none.status).not.toBe(0);
    expect(
      none.stderr
        .trim()
        .split('\n')
        .filter((l) => /no complete checkpoint/.test(l)),
    ).toEqual([expect.stringContaining(`run ${run} has no complete checkpoint (last/ or best/) to resume from`)]);
  }, 300_000);
});
