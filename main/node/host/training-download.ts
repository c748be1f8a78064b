/**
 * `data.download`: download a built-in dataset (mnist, fashion-mnist, cifar10) with main/node/data's
 * `downloadDataset` (SHA-256 verified, resumed, mirrors in order) into `dataDir` or the dataset cache,
 * streaming `data.downloadProgress` events at most ~10 per second (plus each file's last one).
 * `NETLOOM_DATASET_MIRROR` (a base URL) replaces the public mirrors, as `netloom data --mirror` does.
 */
import type { ProgressFn } from '../../../app/data/types';
import { err, ok } from '../../../app/result';
import { downloadDataset } from '../data/download';
import { MANIFESTS } from '../data/mirrors';
import type { Handler, HostServices } from './types';

/** Minimum time between two progress events of one download. */
export const PROGRESS_INTERVAL_MS = 100;

/** A progress callback that passes on at most one update per interval, and always a file's first and last one. */
export function throttleProgress(
  send: ProgressFn,
  intervalMs = PROGRESS_INTERVAL_MS,
  now: () => number = Date.now,
): ProgressFn {
  let last = -Infinity;
  let phase = '';
  return (p) => {
    const t = now();
    const end = p.total > 0 && p.done >= p.total;
    if (p.phase !== phase || end || t - last >= intervalMs) {
      phase = p.phase;
      last = t;
      send(p);
    }
  };
}

function mirrorsFromEnv(): string[] | undefined {
  const m = process.env.NETLOOM_DATASET_MIRROR;
  if (!m) return undefined;
  return [m.endsWith('/') ? m : `${m}/`];
}

export function downloadHandlers(s: HostServices): { 'data.download': Handler<'data.download'> } {
  const running = new Set<string>();
  return {
    'data.download': async ({ name, dataDir }, ctx) => {
      let dir: string | undefined;
      if (dataDir) {
        const checked = await s.paths.check(dataDir);
        if (!checked.ok) return checked;
        dir = checked.value;
      }
      const key = `${name}\0${dir ?? ''}`;
      if (running.has(key))
        return err({ code: 'bad-request', message: `${name}: a download is already running; wait for it to finish.` });
      running.add(key);
      try {
        const onProgress = throttleProgress((p) =>
          ctx.emit('data.downloadProgress', { name, done: p.done, total: p.total, phase: p.phase }),
        );
        const r = await downloadDataset(MANIFESTS[name], { dir, mirrors: mirrorsFromEnv(), onProgress });
        if (!r.ok) return err({ code: 'failed', message: r.error });
        return ok({ dir: r.value });
      } finally {
        running.delete(key);
      }
    },
  };
}
