/**
 * import.code through dispatch on a web host confined to a temporary workspace: pasted code is read
 * without running it (even with no Python at all), a .py file outside the workspace is refused by
 * the path policy, and with runCode the person's Python traces it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProjectText } from '../../../app/graph/schema';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { makeHost } from './test-host';

const ws = mkdtempSync(join(tmpdir(), 'netloom-import-code-'));
const outside = mkdtempSync(join(tmpdir(), 'netloom-import-code-out-'));
afterAll(() => {
  rmSync(ws, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});
const seed = readFileSync(new URL('../../../assets/pytorch/seed_net.py', import.meta.url), 'utf8');

describe('import.code', () => {
  it('reads pasted code without running it (no Python needed)', async () => {
    const before = process.env.NETLOOM_PYTHON;
    process.env.NETLOOM_PYTHON = join(ws, 'no-such-python');
    try {
      const h = await makeHost({ kind: 'web', workspace: ws });
      const r = await h.call('import.code', { text: seed });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) return;
      const v = r.value as { projectText: string; name: string; reader: string };
      expect([v.name, v.reader]).toEqual(['pasted.netloom.json', 'static']);
      const g = parseProjectText(v.projectText, v.name);
      if (!g.ok) throw new Error(g.error);
      expect(analyzeGraph(g.value).totalParams).toBe(23);
    } finally {
      if (before === undefined) delete process.env.NETLOOM_PYTHON;
      else process.env.NETLOOM_PYTHON = before;
    }
  });

  it('asks for a file or the code, and keeps to the workspace', async () => {
    const h = await makeHost({ kind: 'web', workspace: ws });
    const none = await h.call('import.code', {});
    expect(none.ok ? '' : none.error.message).toBe('give a .py file or the code itself');
    writeFileSync(join(outside, 'net.py'), seed);
    const far = await h.call('import.code', { path: join(outside, 'net.py'), runCode: true });
    expect(far.ok).toBe(false);
  });

  it('traces a .py file with the person’s Python when runCode is set', async () => {
    const before = process.env.NETLOOM_PYTHON;
    process.env.NETLOOM_PYTHON = '/usr/bin/python3';
    try {
      writeFileSync(join(ws, 'net.py'), seed);
      const h = await makeHost({ kind: 'web', workspace: ws });
      const r = await h.call('import.code', { path: join(ws, 'net.py'), runCode: true, inputShape: [4] });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) expect((r.value as { reader: string }).reader).toBe('trace');
    } finally {
      if (before === undefined) delete process.env.NETLOOM_PYTHON;
      else process.env.NETLOOM_PYTHON = before;
    }
  }, 120_000);
});
