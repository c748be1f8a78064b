/**
 * `netloom import model.py` with bad input, spawned as a person runs it: a syntax error, a class
 * that does not exist, a constructor that raises, an endless loop (stopped by --timeout), and an
 * operation in forward Netloom has no layer for. Each is one line on stderr naming the file (and
 * line), exit 2, and no project written. And the good path prints what it ran.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const BIN = join(process.cwd(), 'bin/netloom');
const dir = mkdtempSync(join(tmpdir(), 'netloom-cli-import-py-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function netloom(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(BIN, args, {
      encoding: 'utf8',
      cwd: dir,
      env: { ...process.env, NETLOOM_PYTHON: '/usr/bin/python3' },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const HEAD = 'import torch\nimport torch.nn as nn\n\n\n';
const net = (init: string, forward: string) =>
  `${HEAD}class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n${init}\n\n    def forward(self, x):\n${forward}\n`;
const GOOD_INIT = '        self.fc = nn.Linear(4, 2)';

const CASES: { name: string; code: string; args: string[]; readers: ('static' | 'trace')[]; error: RegExp }[] = [
  {
    name: 'a syntax error',
    code: net(GOOD_INIT, '        return self.fc(x'),
    args: [],
    readers: ['static', 'trace'],
    error: /bad\.py:\d+(:\d+)?: syntax error/,
  },
  {
    name: 'a class that does not exist',
    code: net(GOOD_INIT, '        return self.fc(x)'),
    args: ['--class', 'Nope'],
    readers: ['static', 'trace'],
    error: /bad\.py has no (class|class or function named) Nope/,
  },
  {
    name: 'a constructor that raises',
    code: net("        raise ValueError('no config')", '        return x'),
    args: [],
    readers: ['trace'],
    error: /building Net\(\) raised at bad\.py:8: ValueError: no config/,
  },
  {
    name: 'an endless loop',
    code: net('        while True:\n            pass', '        return x'),
    args: ['--timeout', '3'],
    readers: ['trace'],
    error: /did not finish in 3 s/,
  },
  {
    name: 'an unsupported operation in forward',
    code: net(
      GOOD_INIT,
      '        parts = torch.chunk(x, 2, 1)\n        return self.fc(torch.cat([parts[1], parts[0]], 1))',
    ),
    args: [],
    readers: ['trace'],
    error: /bad\.py:\d+: forward calls torch\.chunk: Netloom has no layer for it/,
  },
  {
    name: 'an unsupported statement (static)',
    code: net(GOOD_INIT, '        a, b = torch.chunk(x, 2, 1)\n        return self.fc(a)'),
    args: [],
    readers: ['static'],
    error: /bad\.py:11:9: only one target per assignment .*run it with PyTorch \(netloom import without --static\)/,
  },
  {
    name: 'an endless loop (static: not run, not followed)',
    code: net('        while True:\n            pass', '        return x'),
    args: [],
    readers: ['static'],
    error: /bad\.py:8:9: a while statement is not followed by the static reader/,
  },
];

describe('netloom import model.py: bad input', () => {
  for (const c of CASES) {
    for (const reader of c.readers) {
      it(`${c.name} (${reader}): one line, exit 2, no project`, async () => {
        const file = join(dir, 'bad.py');
        writeFileSync(file, c.code);
        const out = join(dir, `out-${reader}.json`);
        const r = await netloom(
          'import',
          'bad.py',
          '--input-shape',
          '4',
          ...(reader === 'static' ? ['--static'] : []),
          ...c.args,
          '-o',
          out,
        );
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/^netloom import: /);
        expect(r.stderr).toMatch(c.error);
        expect(existsSync(out)).toBe(false);
      }, 120_000);
    }
  }

  it('a good file: says it runs the code, writes the project', async () => {
    writeFileSync(join(dir, 'good.py'), net(GOOD_INIT, '        return torch.relu(self.fc(x))'));
    const r = await netloom('import', 'good.py', '-o', 'good.json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/running good\.py with \/usr\/bin\/python3 to trace it with torch\.fx \(the code runs/);
    expect(r.stdout).toMatch(/wrote good\.json \(trace reader\): 3 nodes, 10 parameters/);
  }, 120_000);
});
