/**
 * Interpreter discovery: the candidates' order (NETLOOM_PYTHON, settings, virtualenv, conda,
 * PATH, /usr/bin/python3), a fake interpreter without torch, one that is no Python at all, and
 * Debian's real /usr/bin/python3 with python3-torch.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  describeInterpreter,
  discoverPythons,
  noTorchReason,
  pickTorchPython,
  probePython,
  pythonCandidates,
} from './discover';

const dir = mkdtempSync(join(tmpdir(), 'netloom-discover-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/bin/sh\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

/** Answers the probe as a Python without torch would. */
const noTorch = script(
  'python-no-torch',
  `echo '{"python": "3.12.1", "torch": null, "torch_error": "ModuleNotFoundError: No module named '"'"'torch'"'"'"}'`,
);
const notPython = script('not-python', 'echo "command not understood" >&2; exit 2');

describe('python discovery', () => {
  it('lists the candidates in priority order, without duplicates', () => {
    const venv = join(dir, 'venv');
    mkdirSync(join(venv, 'bin'), { recursive: true });
    const bin = join(dir, 'pathbin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'python3'), '#!/bin/sh\n');
    chmodSync(join(bin, 'python3'), 0o755);
    const env = { NETLOOM_PYTHON: noTorch, VIRTUAL_ENV: venv, CONDA_PREFIX: '/opt/conda', PATH: bin };
    const list = pythonCandidates({ env, configured: notPython });
    expect(list.map((c) => c.source)).toEqual([
      'NETLOOM_PYTHON',
      'settings',
      'VIRTUAL_ENV',
      'CONDA_PREFIX',
      'PATH',
      'system',
    ]);
    expect(list.map((c) => c.path)).toEqual([
      noTorch,
      notPython,
      join(venv, 'bin', 'python'),
      '/opt/conda/bin/python',
      join(bin, 'python3'),
      '/usr/bin/python3',
    ]);
    expect(pythonCandidates({ env: { NETLOOM_PYTHON: '/usr/bin/python3', PATH: '' } }).map((c) => c.path)).toEqual([
      '/usr/bin/python3',
    ]);
  });

  it('a Python without torch is found, says so, and is not picked', async () => {
    const p = await probePython(noTorch, 'NETLOOM_PYTHON');
    expect(p).toMatchObject({ path: noTorch, python: '3.12.1', torch: null });
    expect(p.error).toMatch(/has no torch: ModuleNotFoundError/);
    expect(pickTorchPython([p])).toBeNull();
    expect(noTorchReason([p])).toMatch(
      /no Python with PyTorch found.*No module named 'torch'.*pip install torch.*NETLOOM_PYTHON/,
    );
  });

  it('something that is not Python, or is missing, is an error naming it', async () => {
    const bad = await probePython(notPython, 'settings');
    expect(bad.python).toBeNull();
    expect(bad.error).toMatch(/not-python does not run as Python: command not understood/);
    const missing = await probePython(join(dir, 'nope'), 'settings');
    expect(missing.error).toMatch(/nope does not run as Python: not found/);
    const silent = await probePython('/bin/false', 'settings');
    expect(silent.error).toBe('/bin/false does not run as Python: it exited with code 1 and printed no answer');
  });

  it("Debian's /usr/bin/python3 has torch: version, CPU only here; it is picked after one without torch", async () => {
    const found = await discoverPythons({ env: { NETLOOM_PYTHON: noTorch, PATH: '' }, fresh: true });
    expect(found.map((p) => p.path)).toEqual([noTorch, '/usr/bin/python3']);
    const pick = pickTorchPython(found);
    expect(pick?.path).toBe('/usr/bin/python3');
    expect(pick?.torch?.version).toMatch(/^\d+\.\d+/);
    expect(pick?.torch?.distributed).toBe(true);
    expect(describeInterpreter(pick!)).toMatch(
      /\/usr\/bin\/python3 \(Python 3\.\d+\.\d+, torch \d+\.\d+.*; (CPU only|CUDA .*|MPS.*)\)/,
    );
  });
});
