/**
 * `netloom import --partial` spawned as a person runs it, on files torch.onnx.export wrote
 * (import-partial.py): without the flag an operator Netloom cannot map is exit 2 naming it; with
 * it the project is written with an Unsupported placeholder (a warning line, exit 0), which
 * `inspect` reports as the graph's one error and `export` refuses (exit 1). An operator whose
 * shape the file does not record stays exit 2, naming the node and how to add the shapes.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');
const dir = mkdtempSync(join(tmpdir(), 'netloom-cli-partial-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  try {
    execFileSync('/usr/bin/python3', [fileURLToPath(new URL('./import-partial.py', import.meta.url)), dir], {
      stdio: 'pipe',
      timeout: 300_000,
    });
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

describe('netloom import --partial', () => {
  it('imports around an unmapped operator, whose placeholder is the error that export refuses', async () => {
    const plain = await netloom('import', 'erf.onnx', '-o', 'plain.json');
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/unsupported operator Erf at node \/Erf \(closest Netloom kinds: GELU/);
    expect(existsSync(join(dir, 'plain.json'))).toBe(false);

    const p = await netloom('import', 'erf.onnx', '-o', 'erf.json', '--partial');
    expect(p.code, p.stderr).toBe(0);
    expect(p.stdout).toMatch(
      /^warning: Unsupported erf: ONNX operator Erf \(node \/Erf\) has no Netloom kind; it takes \[4, 6, 6\] and gives \[4, 6, 6\] per sample: .*closest kinds: GELU/m,
    );
    expect(p.stdout).toMatch(/wrote erf\.json: 5 nodes, 1,490 parameters/);
    const project = JSON.parse(readFileSync(join(dir, 'erf.json'), 'utf8')) as { nodes: { type: string }[] };
    expect(project.nodes.filter((n) => n.type === 'Unsupported')).toHaveLength(1);

    const i = await netloom('inspect', 'erf.json');
    expect(i.stdout).toMatch(/fc\s+Linear\s+\[N, 10\]\s+1,450/);
    expect(i.stdout).toMatch(/1 error:\n\s*Unsupported erf: ONNX operator Erf \(node \/Erf\) has no Netloom kind/);
    const e = await netloom('export', 'erf.json', '--format', 'pytorch', '--out', 'out');
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(
      /Unsupported erf: ONNX operator Erf \(node \/Erf\) has no Netloom kind; .*replace this placeholder/,
    );
  }, 120_000);

  it('refuses an operator whose output shape the file does not record, and --partial on other formats', async () => {
    const a = await netloom('import', 'amax.onnx', '-o', 'amax.json', '--partial');
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/node \/ReduceMax \(ReduceMax\): the file records no fixed shape .*infer_shapes/);
    expect(a.stderr.trim().split('\n')).toHaveLength(1);
    const j = await netloom('import', 'model.json', '-o', 'k.json', '--partial');
    expect(j.code).toBe(2);
    expect(j.stderr).toMatch(/--partial is for ONNX models/);
  }, 120_000);
});
