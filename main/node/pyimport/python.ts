/**
 * Which Python runs the trace reader. A small private resolver until the PyTorch engine's interpreter
 * discovery (main/node/python/discover.ts) lands, with the same rules: NETLOOM_PYTHON when set; else
 * the first `python3` on PATH that can import torch; else Debian's /usr/bin/python3.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export interface PythonChoice {
  path: string;
  /** Why this one (for messages). */
  reason: string;
}

function hasTorch(python: string): boolean {
  const r = spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore', timeout: 120_000 });
  return r.status === 0;
}

const chosen = new Map<string, PythonChoice>();

/** The interpreter for these settings (looked up once per NETLOOM_PYTHON and PATH). */
export function findPython(env: NodeJS.ProcessEnv = process.env): PythonChoice {
  const key = `${env.NETLOOM_PYTHON ?? ''}\u0000${env.PATH ?? ''}`;
  const known = chosen.get(key);
  if (known) return known;
  const c = resolvePython(env);
  chosen.set(key, c);
  return c;
}

function resolvePython(env: NodeJS.ProcessEnv): PythonChoice {
  const own = env.NETLOOM_PYTHON?.trim();
  if (own) return { path: own, reason: 'NETLOOM_PYTHON' };
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, 'python3');
    if (existsSync(p) && hasTorch(p)) return { path: p, reason: 'python3 on PATH with torch' };
  }
  return { path: '/usr/bin/python3', reason: '/usr/bin/python3' };
}
