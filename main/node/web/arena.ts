/**
 * The child's side of bin/netloom's respawn (see respawn.mjs, run by bin/netloom before anything
 * else loads): the child stops when the parent goes away, even when the parent is killed (the IPC
 * channel closes), and the channel never keeps it alive. `netloom serve` stops as on SIGTERM;
 * `netloom train` is killed (SIGKILL), as the parent was, so a killed `netloom train` leaves its
 * run folder as it did when it trained in the parent's own process.
 */
export const SERVE_CHILD = 'NETLOOM_SERVE_CHILD';
export const TRAIN_CHILD = 'NETLOOM_TRAIN_CHILD';

export function followParent(marker = SERVE_CHILD, signal: NodeJS.Signals = 'SIGTERM'): void {
  // Only a child started with an IPC channel (a process that merely inherited the variable has none).
  if (!process.env[marker] || typeof process.send !== 'function') return;
  const stop = () => process.kill(process.pid, signal);
  // The parent may have gone while this process was still starting.
  if (!process.connected) {
    setImmediate(stop);
    return;
  }
  process.channel?.unref();
  process.on('disconnect', stop);
}
