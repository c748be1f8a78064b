/**
 * Huge and deep project files through the CLI as a person runs it: refused in one line naming the
 * file, the limit and the fix (exit 2 for a file over the limits, 1 for a graph too deep for
 * TensorFlow.js), never `Maximum call stack size exceeded`; files within the limits still work.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');
const dir = mkdtempSync(join(tmpdir(), 'netloom-limits-'));

async function netloom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

function oneLine(stderr: string, file: string): string {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(file);
  expect(stderr).not.toMatch(/\n\s+at |Error:|call stack/);
  return lines[0];
}

/** A compact file: Input [4], then `n` layers in a row; `depth` modules nested around the first layer. */
function write(name: string, n: number, depth = 0): string {
  const nodes: object[] = [{ id: 'in', type: 'Input', params: { shape: [4] } }];
  const edges: object[] = [];
  const modules: object[] = [];
  for (let i = 0; i < depth; i++)
    modules.push({ id: `m${i}`, name: `m${i}`, kind: 'Module', ...(i ? { parent: `m${i - 1}` } : {}) });
  for (let i = 0; i < n; i++) {
    nodes.push({
      id: `l${i}`,
      type: i % 2 ? 'ReLU' : 'Linear',
      params: i % 2 ? {} : { out_features: 4 },
      ...(i === 0 && depth ? { parent: `m${depth - 1}` } : {}),
    });
    edges.push({ id: `e${i}`, source: i ? `l${i - 1}` : 'in', target: `l${i}` });
  }
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ format: 'netloom', version: 1, name: 'Net', nodes, edges, modules }));
  return file;
}

describe('CLI limits on huge and deep files', () => {
  it('refuses a file over 64 MiB before reading it', async () => {
    const file = join(dir, 'huge.json');
    writeFileSync(file, '');
    truncateSync(file, 64 * 1024 * 1024 + 1); // sparse: no 64 MiB written to disk
    const r = await netloom('inspect', file);
    expect(r.code).toBe(2);
    expect(oneLine(r.stderr, file)).toMatch(/67,108,865 bytes is larger than a project file can be \(64 MiB\)/);
  });

  it('refuses 100,000 nodes (inspect and export) and 10,000-deep nesting', async () => {
    const chain = write('chain100k', 100_000);
    for (const args of [
      ['inspect', chain],
      ['export', chain, '--format', 'pytorch', '--out', join(dir, 'out-chain')],
    ]) {
      const r = await netloom(...args);
      expect(r.code).toBe(2);
      expect(oneLine(r.stderr, chain)).toMatch(/100,001 nodes, more than a project may have \(10,000\): split/);
    }
    const deep = write('deep10k', 1, 10_000);
    const d = await netloom('export', deep, '--format', 'pytorch', '--out', join(dir, 'out-deep'));
    expect(d.code).toBe(2);
    expect(oneLine(d.stderr, deep)).toMatch(/nested 10,000 deep, more than a project may nest them \(100\)/);
    expect(() => readdirSync(join(dir, 'out-deep'))).toThrow();
  });

  it("a chain beyond TensorFlow.js's limit is an invalid graph (exit 1), in inspect and export", async () => {
    const file = write('chain5k', 5_000);
    const i = await netloom('inspect', file);
    expect(i.code).toBe(1);
    expect(i.stdout).toMatch(/5,001 layers one after another, more than Netloom can train or export \(3,000/);
    const e = await netloom('export', file, '--format', 'onnx', '--out', join(dir, 'out-5k'));
    expect(e.code).toBe(1);
    expect(oneLine(e.stderr, file)).toMatch(/shorten its longest chain/);
  });

  it('exports modules nested 100 deep (the limit) to PyTorch', async () => {
    const file = write('deep100', 3, 100);
    const r = await netloom('export', file, '--format', 'pytorch', '--out', join(dir, 'out-100'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readdirSync(join(dir, 'out-100')).sort()).toEqual(['model.py', 'model.safetensors', 'train.py']);
  });
});
