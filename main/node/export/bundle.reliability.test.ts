/**
 * Opening a bundle validates everything before it writes anything: each kind of damage (project
 * text, run files, checkpoint model.json, weights, duplicate run ids) is refused in one line and
 * leaves no file behind; a sound bundle still opens.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeProject } from '../../../app/graph/schema';
import { buildLeNet5 } from '../../../app/templates/lenet';
import { openBundle } from './bundle';

const root = mkdtempSync(join(tmpdir(), 'netloom-bundle-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const project = serializeProject(buildLeNet5());
const modelJson = JSON.stringify({
  modelTopology: { class_name: 'Model' },
  weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'w', shape: [2, 3], dtype: 'float32' }] }],
});
type Run = {
  id: string;
  files: Record<string, string>;
  checkpoint?: { kind: string; modelJson: string; weights: string };
};
const run = (id: string, over: Partial<Run> = {}): Run => ({
  id,
  files: { 'run.json': '{"id":"r"}', 'settings.json': '{"training":{}}', 'graph.json': project, 'metrics.jsonl': '' },
  checkpoint: { kind: 'best', modelJson, weights: Buffer.alloc(24).toString('base64') },
  ...over,
});
let n = 0;
function bundle(content: { project?: string; runs?: Run[] }): string {
  const file = join(root, `b${++n}.netloom-bundle.json`);
  writeFileSync(
    file,
    JSON.stringify({
      format: 'netloom-bundle',
      version: 1,
      name: 'x',
      project: content.project ?? project,
      runs: content.runs ?? [run('r1')],
    }),
  );
  return file;
}
const ck = (over: Partial<NonNullable<Run['checkpoint']>>) => ({
  checkpoint: { kind: 'best', modelJson, weights: Buffer.alloc(24).toString('base64'), ...over },
});

describe('bundle import', () => {
  it('opens a sound bundle', () => {
    const out = join(root, 'good', 'p.json');
    const r = openBundle(bundle({ runs: [run('r1'), run('r2')] }), out);
    expect(r.ok).toBe(true);
    expect(readdirSync(join(root, 'good', 'p.runs')).sort()).toEqual(['r1', 'r2']);
    expect(readFileSync(join(root, 'good', 'p.runs', 'r1', 'best', 'weights.bin')).length).toBe(24);
  });

  it.each([
    ['project text that is not JSON', { project: '{"format": "netloom", ' }, /project: truncated JSON/],
    ['project text that is not a project', { project: '{}' }, /project: not a Netloom project/],
    [
      'a checkpoint model.json that is not JSON',
      { runs: [run('r1', ck({ modelJson: '{' }))] },
      /run 'r1': its checkpoint model\.json is not JSON/,
    ],
    [
      'a checkpoint model.json without a manifest',
      { runs: [run('r1', ck({ modelJson: '{"modelTopology":{}}' }))] },
      /has no weightsManifest/,
    ],
    [
      'weights that are not base64',
      { runs: [run('r1', ck({ weights: 'not base64!' }))] },
      /weights are not valid base64/,
    ],
    [
      'weights of the wrong size',
      { runs: [run('r1', ck({ weights: Buffer.alloc(20).toString('base64') }))] },
      /weights have 20 bytes, its model\.json declares 24/,
    ],
    ['a checkpoint of an unknown kind', { runs: [run('r1', ck({ kind: 'newest' }))] }, /kind must be best or last/],
    ['duplicate run ids', { runs: [run('r1'), run('r1')] }, /run 'r1' appears twice/],
    [
      'a run graph.json that is not a project',
      { runs: [run('r1', { files: { 'graph.json': '{"format":"netloom","version":1,"nodes":7}' } })] },
      /run 'r1': graph\.json: nodes/,
    ],
    [
      'a settings.json that is not JSON',
      { runs: [run('r1', { files: { 'settings.json': '{' } })] },
      /settings\.json is not a JSON object/,
    ],
    ['an unsafe run id after a sound run', { runs: [run('r1'), run('../x')] }, /is not a safe folder name/],
  ])('refuses %s and writes nothing', (_what, content, message) => {
    const dir = join(root, `bad${n}`);
    const r = openBundle(bundle(content as { project?: string; runs?: Run[] }), join(dir, 'p.json'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(message);
    expect(!r.ok && r.error.split('\n')).toHaveLength(1);
    expect(existsSync(dir)).toBe(false);
  });

  it('netloom import of a damaged bundle exits 2 in one line and writes nothing', async () => {
    const file = bundle({ runs: [run('r1'), run('r1')] });
    const out = join(root, 'cli', 'p.json');
    const r = await promisify(execFile)(join(process.cwd(), 'bin/netloom'), ['import', file, '-o', out]).then(
      () => ({ code: 0, stderr: '' }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/run 'r1' appears twice/)]);
    expect(existsSync(join(root, 'cli'))).toBe(false);
  });
});
