// Plain JavaScript, loaded by bin/netloom before tsx, so that the parent process stays small.
/**
 * Settings that must be in place before the Node process starts, so bin/netloom starts the
 * command again as a child that has them (unless it has them already), forwards the stop signals,
 * and exits with the child's code:
 * - `netloom serve` on Linux: MALLOC_ARENA_MAX=2. Each worker thread (a training run, a dataset
 *   load) makes glibc's malloc open new arenas, and memory freed in them is mostly not given back:
 *   after a burst of requests and a training run the idle server stayed 50-150% above its idle
 *   size (see docs/PERFORMANCE.md, "Server memory under load"). The child stops when the parent
 *   goes away, even when it is killed (see followParent in arena.ts).
 * - `netloom train --workers N` with N at least the machine's cores (data-parallel replicas on
 *   every core): V8's `--single-threaded-gc`, so each thread collects its own garbage instead of
 *   V8's helper threads fighting the replicas for the cores (measured on ResNet-18 with two
 *   workers on two cores: 0.1-1.1 fewer CPU-seconds in 30 steps; with one worker no change in CPU
 *   time but up to 190 MiB more peak memory, so one worker, `auto` and `serve` keep V8's defaults:
 *   docs/PERFORMANCE.md, "Two workers, the collector and the reduction"). It has to be a start-up
 *   flag: set at run time with v8.setFlagsFromString before `new Worker`, it reached the new
 *   thread but crashed Node 20 within seconds (a failed V8 check, `concurrent_marking_handle_`, in
 *   a collection begun under the old flags). NETLOOM_GC=default leaves it out.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, constants } from 'node:os';

export const SERVE_CHILD = 'NETLOOM_SERVE_CHILD';
export const TRAIN_CHILD = 'NETLOOM_TRAIN_CHILD';
export const GC_FLAG = '--single-threaded-gc';

/** The value of `--name V` or `--name=V` in argv (undefined when not given). */
function flagValue(argv, name) {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes('=') ? argv[i].slice(name.length + 3) : argv[i + 1];
}

/**
 * What this command (process.argv) needs that its process lacks: extra environment variables and
 * V8 flags for a child, or null when it can run here as it is.
 */
export function respawnPlan(
  argv = process.argv,
  env = process.env,
  execArgv = process.execArgv,
  platform = process.platform,
  cores = availableParallelism(),
) {
  const command = argv[2];
  const extraEnv = {};
  const extraFlags = [];
  if (command === 'serve' && platform === 'linux' && !env.MALLOC_ARENA_MAX && !env[SERVE_CHILD]) {
    extraEnv.MALLOC_ARENA_MAX = '2';
    extraEnv[SERVE_CHILD] = '1';
  }
  const everyCore =
    command === 'train' &&
    Number(flagValue(argv, 'workers')) >= Math.max(2, cores) &&
    flagValue(argv, 'engine') !== 'torch';
  if (everyCore && env.NETLOOM_GC !== 'default' && !execArgv.includes(GC_FLAG)) extraFlags.push(GC_FLAG);
  // The child, started for whichever reason, stops with its parent (followParent in arena.ts).
  if (extraFlags.length || Object.keys(extraEnv).length)
    extraEnv[command === 'serve' ? SERVE_CHILD : TRAIN_CHILD] = '1';
  return Object.keys(extraEnv).length || extraFlags.length ? { env: extraEnv, flags: extraFlags } : null;
}

/** Runs this command again in a child with the plan's environment and flags; resolves with its exit code. */
export function respawn(plan, env = process.env) {
  const child = spawn(process.execPath, [...process.execArgv, ...plan.flags, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...env, ...plan.env },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      // Ctrl+C in a terminal reaches the whole process group, the child included: forwarding it would stop it twice.
      if (signal === 'SIGINT' && process.stdin.isTTY) return;
      child.kill(signal);
    });
  }
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1)));
  });
}
