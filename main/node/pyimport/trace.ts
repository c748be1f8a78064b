/**
 * Runs the trace reader (trace_module.py) in its own Python process: a memory limit
 * (NETLOOM_PYTHON_MEMORY_MB, default 4096, set by the helper before anything else), and a timeout
 * on the user's code that starts once torch is imported (so a slow start is not counted against
 * it). Its answer is a JSON file validated by the same schema as the static reader's result;
 * nothing in it is evaluated.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pyModelSchema, traceAnswerSchema, type PyModel } from '../../../app/importers/pytorch/schema';
import { err, ok, type Result } from '../../../app/result';
import { findPython } from './python';

export interface TraceRequest {
  file?: string;
  module?: string;
  className?: string;
  /** JSON text: an object of keyword arguments or a list of positional ones. */
  args?: string;
  /** Seconds the user's code may run (import, build, trace). Default 120. */
  timeoutS?: number;
  /** Where the module is imported from (`--module`); default the working directory. */
  cwd?: string;
}

/** Prefix of the error when the chosen Python cannot run the trace reader at all (no PyTorch, no Python). */
export const NO_TORCH = 'no-torch:';

const HELPER = fileURLToPath(new URL('./trace_module.py', import.meta.url));
/** How long importing torch itself may take before the code's own timeout starts. */
const STARTUP_MS = 600_000;

export async function traceModel(req: TraceRequest): Promise<Result<PyModel>> {
  const python = await findPython();
  const dir = mkdtempSync(join(tmpdir(), 'netloom-trace-'));
  const out = join(dir, 'model.json');
  const memory = Number(process.env.NETLOOM_PYTHON_MEMORY_MB ?? 4096);
  const argv = [
    HELPER,
    ...(req.module ? ['--module', req.module] : ['--file', req.file ?? '']),
    '--out',
    out,
    '--memory-mb',
    String(Number.isFinite(memory) && memory > 0 ? Math.round(memory) : 4096),
  ];
  if (req.className) argv.push('--class', req.className);
  if (req.args) argv.push('--args', req.args);
  const what = req.module ?? req.file ?? '?';
  try {
    const run = await runHelper(python.path, argv, (req.timeoutS ?? 120) * 1000, req.cwd);
    if (run.spawnError)
      return err(
        `${NO_TORCH} cannot run ${python.path} (${python.reason}): ${run.spawnError}; set NETLOOM_PYTHON to a Python with PyTorch, or use --static`,
      );
    if (run.timedOut)
      return err(
        `${what}: the code did not finish in ${req.timeoutS ?? 120} s (an endless loop?); it was stopped. Give more time with --timeout, or use --static`,
      );
    let text: string;
    try {
      text = readFileSync(out, 'utf8');
    } catch {
      const last = run.stderr.trim().split('\n').pop() ?? '';
      return err(
        `${what}: ${python.path} stopped without an answer (exit ${run.code ?? run.signal}${last ? `: ${last.slice(0, 300)}` : ''})`,
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return err(`${what}: the trace reader's answer is not JSON`);
    }
    const answer = traceAnswerSchema.safeParse(json);
    if (!answer.success)
      return err(
        `${what}: the trace reader's answer does not fit its schema (${answer.error.issues[0]?.path.join('.')}: ${answer.error.issues[0]?.message})`,
      );
    if ('error' in answer.data)
      return err(
        answer.data.error.startsWith('this Python has no PyTorch')
          ? `${NO_TORCH} ${python.path} (${python.reason}) has no PyTorch`
          : answer.data.error,
      );
    return ok(pyModelSchema.parse(answer.data));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface HelperRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  timedOut: boolean;
  spawnError?: string;
}

function runHelper(python: string, argv: string[], timeoutMs: number, cwd: string | undefined): Promise<HelperRun> {
  return new Promise((resolveRun) => {
    const child = spawn(python, argv, {
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    let stderr = '';
    let timedOut = false;
    let ready = false;
    let timer = setTimeout(() => kill(), STARTUP_MS);
    const kill = () => {
      timedOut = true;
      child.kill('SIGKILL');
    };
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
      if (!ready && stderr.includes('netloom-ready')) {
        ready = true;
        clearTimeout(timer);
        timer = setTimeout(kill, timeoutMs);
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      resolveRun({ code: null, signal: null, stderr, timedOut: false, spawnError: e.message });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolveRun({
        code,
        signal,
        stderr,
        timedOut,
        ...(code === null && !timedOut && signal === null ? { spawnError: 'no exit status' } : {}),
      });
    });
  });
}
