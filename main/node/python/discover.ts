/**
 * Finds Python interpreters and what PyTorch each one has. Candidates, in order: the
 * NETLOOM_PYTHON variable, the interpreter chosen in the settings, the active virtualenv
 * (VIRTUAL_ENV) and conda environment (CONDA_PREFIX), `python3` on PATH, /usr/bin/python3.
 * Each is probed by running it with a small script (PROBE) that prints one JSON line: the
 * Python and torch versions, CUDA and its devices (name, memory), MPS, torchrun.
 *
 * API: discoverPythons() lists every candidate with its probe; pickTorchPython() picks the first
 * with torch; noTorchReason() says why none has torch and how to get it. probePython() probes one.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type PythonSource = 'NETLOOM_PYTHON' | 'settings' | 'VIRTUAL_ENV' | 'CONDA_PREFIX' | 'PATH' | 'system';

export interface CudaDevice {
  index: number;
  name: string;
  /** Total memory in bytes. */
  memory: number;
}

export interface TorchInfo {
  version: string;
  /** CUDA as torch sees it: null when torch has no CUDA or no device is usable. */
  cuda: { version: string | null; devices: CudaDevice[] } | null;
  /** Apple's Metal (torch.backends.mps.is_available()). */
  mps: boolean;
  /** torch.distributed is usable (torchrun, DistributedDataParallel). */
  distributed: boolean;
}

export interface PythonInterpreter {
  /** What to run (as given or as found on PATH). */
  path: string;
  source: PythonSource;
  /** `3.11.2`, or null when it would not run. */
  python: string | null;
  /** null: torch cannot be imported (see `error`). */
  torch: TorchInfo | null;
  /** Why the interpreter did not run, or why torch did not import (one line). */
  error?: string;
}

/** One line of JSON on stdout; never raises (an import error becomes `torch_error`). */
export const PROBE = `
import json, sys
out = {"python": sys.version.split()[0]}
try:
    import torch
    info = {"version": torch.__version__, "cuda": None, "mps": False, "distributed": False}
    try:
        if torch.cuda.is_available():
            devs = []
            for i in range(torch.cuda.device_count()):
                p = torch.cuda.get_device_properties(i)
                devs.append({"index": i, "name": p.name, "memory": int(p.total_memory)})
            info["cuda"] = {"version": torch.version.cuda, "devices": devs}
    except Exception:
        pass
    try:
        info["mps"] = bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())
    except Exception:
        pass
    try:
        import torch.distributed as dist
        info["distributed"] = bool(dist.is_available())
    except Exception:
        pass
    out["torch"] = info
except Exception as e:
    out["torch"] = None
    out["torch_error"] = (type(e).__name__ + ": " + str(e)).splitlines()[0]
print(json.dumps(out))
`;

type Env = Record<string, string | undefined>;

function isExecutable(p: string): boolean {
  try {
    if (!statSync(p).isFile()) return false;
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `name` on PATH (as the shell would find it), or null. */
export function whichOnPath(name: string, env: Env = process.env): string | null {
  const exts = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of exts) {
      const p = join(dir, name + ext);
      if (isExecutable(p)) return p;
    }
  }
  return null;
}

function envPython(prefix: string): string {
  return process.platform === 'win32' ? join(prefix, 'python.exe') : join(prefix, 'bin', 'python');
}

/** The candidates in order, without duplicates (nothing is run). */
export function pythonCandidates(
  opts: { env?: Env; configured?: string | null } = {},
): { path: string; source: PythonSource }[] {
  const env = opts.env ?? process.env;
  const out: { path: string; source: PythonSource }[] = [];
  const add = (path: string | null | undefined, source: PythonSource) => {
    if (path && !out.some((c) => c.path === path)) out.push({ path, source });
  };
  add(env.NETLOOM_PYTHON, 'NETLOOM_PYTHON');
  add(opts.configured, 'settings');
  if (env.VIRTUAL_ENV)
    add(envPython(process.platform === 'win32' ? join(env.VIRTUAL_ENV, 'Scripts') : env.VIRTUAL_ENV), 'VIRTUAL_ENV');
  if (env.CONDA_PREFIX) add(envPython(env.CONDA_PREFIX), 'CONDA_PREFIX');
  add(whichOnPath(process.platform === 'win32' ? 'python' : 'python3', env), 'PATH');
  if (process.platform !== 'win32') add('/usr/bin/python3', 'system');
  return out;
}

function firstLine(s: string): string {
  return s.trim().split('\n').filter(Boolean).pop() ?? '';
}

interface ProbeOutput {
  python?: string;
  torch?: TorchInfo | null;
  torch_error?: string;
}

/** Runs PROBE with one interpreter. A loaded machine takes seconds to import torch: the timeout is generous. */
export function probePython(path: string, source: PythonSource, timeoutMs = 120_000): Promise<PythonInterpreter> {
  return new Promise((resolve) => {
    execFile(
      path,
      ['-c', PROBE],
      { timeout: timeoutMs, maxBuffer: 1 << 20, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } },
      (error, stdout, stderr) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        let parsed: ProbeOutput | null = null;
        try {
          parsed = line ? (JSON.parse(line) as ProbeOutput) : null;
        } catch {
          parsed = null;
        }
        if (!parsed || typeof parsed.python !== 'string') {
          const code = error && 'code' in error ? error.code : undefined;
          const why =
            code === 'ENOENT'
              ? 'not found'
              : code === 'EACCES'
                ? 'not executable'
                : error?.killed
                  ? `no answer within ${timeoutMs / 1000} s`
                  : firstLine(stderr) ||
                    (typeof code === 'number'
                      ? `it exited with code ${code} and printed no answer`
                      : 'it printed no answer');
          resolve({ path, source, python: null, torch: null, error: `${path} does not run as Python: ${why}` });
          return;
        }
        resolve({
          path,
          source,
          python: parsed.python,
          torch: parsed.torch ?? null,
          ...(parsed.torch
            ? {}
            : {
                error: `${path} (Python ${parsed.python}) has no torch: ${parsed.torch_error ?? 'import torch failed'}`,
              }),
        });
      },
    );
  });
}

const cache = new Map<string, Promise<PythonInterpreter>>();

/** Probes every candidate (in parallel; cached per path for this process unless `fresh`). */
export async function discoverPythons(
  opts: { env?: Env; configured?: string | null; fresh?: boolean; timeoutMs?: number } = {},
): Promise<PythonInterpreter[]> {
  const list = pythonCandidates(opts);
  return Promise.all(
    list.map(({ path, source }) => {
      const key = `${source}\0${path}`;
      let p = opts.fresh ? undefined : cache.get(key);
      if (!p) {
        p = probePython(path, source, opts.timeoutMs);
        cache.set(key, p);
      }
      return p;
    }),
  );
}

/** The interpreter to train with: the first candidate that has torch (candidates are in priority order). */
export function pickTorchPython(found: readonly PythonInterpreter[]): PythonInterpreter | null {
  return found.find((p) => p.torch !== null) ?? null;
}

/** One line for a person: what the interpreter has (torch version and device). */
export function describeInterpreter(p: PythonInterpreter): string {
  if (!p.torch) return p.error ?? `${p.path}: no torch`;
  const t = p.torch;
  const dev =
    t.cuda && t.cuda.devices.length > 0
      ? `CUDA ${t.cuda.version ?? '?'}: ${t.cuda.devices.map((d) => `cuda:${d.index} ${d.name} (${(d.memory / 2 ** 30).toFixed(1)} GiB)`).join(', ')}`
      : t.mps
        ? 'MPS (Apple GPU)'
        : 'CPU only';
  return `${p.path} (Python ${p.python}, torch ${t.version}; ${dev})`;
}

/** Why no interpreter has torch, and how to get one. */
export function noTorchReason(found: readonly PythonInterpreter[]): string {
  const tried = found.length ? found.map((p) => p.error ?? p.path).join('; ') : 'no Python interpreter was found';
  return `no Python with PyTorch found (${tried}). Install PyTorch (pip install torch, see pytorch.org) or point NETLOOM_PYTHON (or the setting) at an interpreter that has it.`;
}
