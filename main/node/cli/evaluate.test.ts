/** `netloom evaluate` spawned: usage errors and non-run folders are one line, exit 2. */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');

async function netloom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { encoding: 'utf8' });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

describe('netloom evaluate', () => {
  it('a folder that is not a run: one clear line, exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netloom-notarun-'));
    const r = await netloom('evaluate', dir, '--json');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/graph\.json: not found; is this a run folder/);
  });
  it('bad options', async () => {
    expect((await netloom('evaluate')).stderr).toMatch(/give exactly one run folder/);
    expect((await netloom('evaluate', 'x', '--checkpoint', 'middle')).stderr).toMatch(/--checkpoint is best or last/);
    expect((await netloom('evaluate', 'x', '--topk', 'a')).code).toBe(2);
    expect((await netloom('evaluate', '--help')).stdout).toMatch(/most confidently wrong/);
  });
});
