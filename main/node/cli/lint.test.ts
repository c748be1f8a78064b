/** `netloom inspect FILE --lint [--json]` spawned as a person runs it: findings, fixes, exit 0 with warnings, 1 with errors. */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { healthy } from '../../../app/doctor/test-util';
import { serializeProject } from '../../../app/graph/schema';
import type { Graph } from '../../../app/graph/types';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');
const dir = mkdtempSync(join(tmpdir(), 'netloom-lint-'));

async function lint(g: Graph, ...flags: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.netloom.json`);
  writeFileSync(file, serializeProject(g));
  try {
    const { stdout, stderr } = await run(BIN, ['inspect', file, '--lint', ...flags], { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('netloom inspect --lint', () => {
  it('a healthy network: no findings, exit 0', async () => {
    const r = await lint(healthy());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^no findings: 0 error/m);
  });

  it('warnings only: each with its reason and fix, exit 0; a silenced rule is left out', async () => {
    const r = await lint(healthy({ lr: 5 }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^warning lr-range {2}lr 5 is far from SGD's usual/m);
    expect(r.stdout).toContain('fix: set lr to 0.01');
    const quiet = await lint({ ...healthy({ lr: 5 }), doctor: { silenced: ['lr-range'] } });
    expect(quiet.stdout).toMatch(/no findings.*silenced: lr-range/);
  });

  it('an error finding: exit 1, and --json lists it with its nodes and fix', async () => {
    const g = healthy();
    const broken: Graph = {
      ...g,
      nodes: [...g.nodes, { id: 'aux', type: 'Linear', params: { out_features: 2 }, position: { x: 9, y: 9 } }],
      edges: [...g.edges, { id: 'ex', source: 'fc1', target: 'aux' }],
    };
    const r = await lint(broken, '--json');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      findings: { rule: string; nodes: string[]; fixes: { kind: string }[] }[];
      errors: number;
    };
    expect(out.errors).toBe(1);
    expect(out.findings[0]).toMatchObject({ rule: 'unused-branch', nodes: ['aux'], fixes: [{ kind: 'removeNodes' }] });
  });
});
