/**
 * The serving side of `netloom serve`'s respawn (see respawn.mjs, run by bin/netloom before
 * anything else loads): the child stops, as on SIGTERM, when the parent goes away, even when the
 * parent is killed (the IPC channel closes), and the channel never keeps it alive.
 */
export const SERVE_CHILD = 'NETLOOM_SERVE_CHILD';

export function followParent(): void {
  // Only a child started with an IPC channel (a process that merely inherited the variable has none).
  if (!process.env[SERVE_CHILD] || typeof process.send !== 'function') return;
  const stop = () => process.kill(process.pid, 'SIGTERM');
  // The parent may have gone while this process was still starting.
  if (!process.connected) {
    setImmediate(stop);
    return;
  }
  process.channel?.unref();
  process.on('disconnect', stop);
}
