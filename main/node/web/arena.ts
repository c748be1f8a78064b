/**
 * Keeps `netloom serve`'s memory flat on Linux. Each worker thread (a training run, a dataset
 * load) makes glibc's malloc open new arenas, and memory freed in them is mostly not given back:
 * after a burst of requests and a training run the idle server stayed 50-150% above its idle
 * size (see docs/PERFORMANCE.md, "Server memory under load"). MALLOC_ARENA_MAX must be set
 * before the process starts, so `serve` starts itself again as a child with MALLOC_ARENA_MAX=2
 * (unless it is set already), forwards the stop signals, and exits with the child's code. The
 * child stops when the parent goes away, even when it is killed (the IPC channel closes).
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export const SERVE_CHILD = 'NETLOOM_SERVE_CHILD';

/** Runs this command again in a child with MALLOC_ARENA_MAX=2; null when not needed (not Linux, already set, already the child). */
export function respawnWithArenaLimit(env: NodeJS.ProcessEnv = process.env): Promise<number> | null {
  if (process.platform !== 'linux' || env.MALLOC_ARENA_MAX || env[SERVE_CHILD]) return null;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...env, MALLOC_ARENA_MAX: '2', [SERVE_CHILD]: '1' },
  });
  const forward = (signal: NodeJS.Signals) => () => {
    // Ctrl+C in a terminal reaches the whole process group, the child included: forwarding it would stop it twice.
    if (signal === 'SIGINT' && process.stdin.isTTY) return;
    child.kill(signal);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, forward(signal));
  return new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1)));
  });
}

/** In the child: stop (as on SIGTERM) when the parent goes away; the channel must not keep the process alive. */
export function followParent(): void {
  if (!process.env[SERVE_CHILD]) return;
  const stop = () => process.kill(process.pid, 'SIGTERM');
  // The parent may have gone while this process was still starting.
  if (!process.connected) {
    setImmediate(stop);
    return;
  }
  process.channel?.unref();
  process.on('disconnect', stop);
}
