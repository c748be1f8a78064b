// Plain JavaScript, loaded by bin/netloom before tsx, so that the parent process stays small.
/**
 * Keeps `netloom serve`'s memory flat on Linux. Each worker thread (a training run, a dataset
 * load) makes glibc's malloc open new arenas, and memory freed in them is mostly not given back:
 * after a burst of requests and a training run the idle server stayed 50-150% above its idle
 * size (see docs/PERFORMANCE.md, "Server memory under load"). MALLOC_ARENA_MAX must be set
 * before the process starts, so `serve` starts itself again as a child with MALLOC_ARENA_MAX=2
 * (unless it is set already), forwards the stop signals, and exits with the child's code. The
 * child stops when the parent goes away, even when it is killed (see followParent in arena.ts).
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export const SERVE_CHILD = 'NETLOOM_SERVE_CHILD';

/** Is this `argv` (process.argv) a `netloom serve` that should run in a child with MALLOC_ARENA_MAX=2? */
export function needsRespawn(argv = process.argv, env = process.env) {
  return argv[2] === 'serve' && process.platform === 'linux' && !env.MALLOC_ARENA_MAX && !env[SERVE_CHILD];
}

/** Runs this command again in a child with MALLOC_ARENA_MAX=2; resolves with its exit code. */
export function respawnWithArenaLimit(env = process.env) {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...env, MALLOC_ARENA_MAX: '2', [SERVE_CHILD]: '1' },
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
