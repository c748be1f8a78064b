/**
 * Starts runner.py with the user's Python: one process, or torchrun (torch.distributed.run,
 * through torchrun.py's compatibility fix) for several processes or machines. The process tree gets its own
 * process group, killed when it must stop and when this process exits; the runner also kills its
 * group when this process is gone (its watchdog), so no Python is ever left behind.
 * Control goes through a small JSON file (running / paused / stopping) that rank 0 reads between
 * batches and broadcasts to the other ranks; events come back as "@@netloom {json}" lines on stdout.
 */
import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { writeFileAtomicSync } from '../../reliability/atomic-sync';
import type { TorchOptions } from './options';

/** A packaged app keeps these files out of its asar archive (electron-builder's asarUnpack): Python reads them there. */
const unpacked = (p: string) => p.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
export const RUNNER = unpacked(fileURLToPath(new URL('./runner.py', import.meta.url)));
const TORCHRUN = unpacked(fileURLToPath(new URL('./torchrun.py', import.meta.url)));
const PREFIX = '@@netloom ';

export interface LaunchSpec {
  python: string;
  job: string;
  control: string;
  /** Everything Python writes on stderr (and stray stdout) goes here too: the run's log. */
  logFile: string;
  options: TorchOptions;
}

export interface TorchProcess {
  setState(state: 'running' | 'paused' | 'stopping'): void;
  /** Kill the whole process group now. */
  kill(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const live = new Set<number>();
let hooked = false;

function killGroup(pid: number): void {
  try {
    // Windows has no process groups: the process itself (its ranks' watchdogs end them).
    process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const pid of live) killGroup(pid);
  });
}

/** The command line: [program, ...args]. */
export function torchCommand(
  spec: Pick<LaunchSpec, 'python' | 'job' | 'options'>,
  runner = process.env.NETLOOM_TORCH_RUNNER ?? RUNNER,
): string[] {
  const o = spec.options;
  const nproc = o.nproc ?? 1;
  const nnodes = o.nnodes ?? 1;
  if (nproc <= 1 && nnodes <= 1) return [spec.python, '-u', runner, spec.job];
  const args = [spec.python, '-u', TORCHRUN, `--nproc_per_node=${nproc}`];
  // One machine: the rendezvous store on a port of its own (port 0). torch 1.13's --standalone puts
  // it on localhost:29400 for every job, so a second job on the machine joins the first's store and
  // depends on that job still running.
  if (nnodes <= 1)
    args.push('--nnodes=1', '--rdzv_backend=c10d', '--rdzv_endpoint=127.0.0.1:0', `--rdzv_id=${randomUUID()}`);
  else {
    args.push(
      `--nnodes=${nnodes}`,
      `--node_rank=${o.node_rank ?? 0}`,
      `--master_addr=${o.master_addr ?? '127.0.0.1'}`,
      `--master_port=${o.master_port ?? 29500}`,
    );
  }
  return [...args, runner, spec.job];
}

export function launchTorch(
  spec: LaunchSpec,
  onEvent: (e: Record<string, unknown>) => void,
  onLine: (line: string) => void,
): TorchProcess {
  hookExit();
  const setState = (state: 'running' | 'paused' | 'stopping') =>
    writeFileAtomicSync(spec.control, JSON.stringify({ state }));
  setState('running');
  const [program, ...args] = torchCommand(spec);
  const log = createWriteStream(spec.logFile, { flags: 'a' });
  const child = spawn(program, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NETLOOM_PARENT_PID: String(process.pid),
      PYTHONUNBUFFERED: '1',
      PYTHONDONTWRITEBYTECODE: '1',
    },
  });
  const pid = child.pid;
  if (pid !== undefined) live.add(pid);
  const lines = (stream: NodeJS.ReadableStream, events: boolean) => {
    const rl = createInterface({ input: stream });
    rl.on('line', (line) => {
      if (events && line.startsWith(PREFIX)) {
        try {
          onEvent(JSON.parse(line.slice(PREFIX.length)) as Record<string, unknown>);
          return;
        } catch {
          // not ours after all: log it
        }
      }
      log.write(`${line}\n`);
      onLine(line);
    });
    return new Promise<void>((r) => rl.on('close', () => r()));
  };
  const drained = Promise.all([lines(child.stdout, true), lines(child.stderr, false)]);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (e) => {
      log.write(`${e.message}\n`);
      onLine(`cannot start ${program}: ${e.message}`);
    });
    child.on('close', (code, signal) => {
      if (pid !== undefined) {
        live.delete(pid);
        killGroup(pid); // ranks torchrun left behind, if any
      }
      void drained.then(() => log.end(() => resolve({ code, signal })));
    });
  });
  return {
    setState: (state) => {
      if (existsSync(spec.control) || state !== 'running') setState(state);
    },
    kill: () => {
      if (pid !== undefined) killGroup(pid);
    },
    exited,
  };
}
