/**
 * Loads a dataset source in a worker thread, so that the host's event loop (every other
 * request, every open connection, a running training session's events) stays responsive while
 * a large CSV is parsed or an image folder is decoded, and gives up after a timeout
 * (NETLOOM_DATASET_TIMEOUT_S, see safe-read.ts), ending the worker.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Progress, ProgressFn, SourceSpec, SourceSplits } from '../../../app/data/types';
import { err, type Result } from '../../../app/result';
import { loadSource } from './index';
import { datasetLimits } from './safe-read';

export type LoadMessage = { type: 'progress'; progress: Progress } | { type: 'result'; result: Result<SourceSplits> };

export interface OffThreadOptions {
  onProgress?: ProgressFn;
  /** Default: NETLOOM_DATASET_TIMEOUT_S. */
  timeoutMs?: number;
}

const BOOT = new URL('./load-boot.mjs', import.meta.url);

export function loadSourceOffThread(spec: SourceSpec, opts: OffThreadOptions = {}): Promise<Result<SourceSplits>> {
  const timeoutMs = opts.timeoutMs ?? datasetLimits().timeoutMs;
  // A bundled main process (dist/electron) has no boot file beside it: load in this thread (reads stay asynchronous).
  if (BOOT.protocol !== 'file:' || !existsSync(fileURLToPath(BOOT)))
    return loadSource(spec, { onProgress: opts.onProgress });
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(BOOT, { workerData: { spec }, stdout: false, stderr: false });
    const finish = (r: Result<SourceSplits>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      const where = spec.path ?? spec.dataDir ?? spec.name;
      finish(
        err(
          `${where}: the dataset did not load within ${Math.round(timeoutMs / 1000)} s, so loading was stopped. Use a smaller dataset, or raise the limit with the environment variable NETLOOM_DATASET_TIMEOUT_S=<seconds>.`,
        ),
      );
    }, timeoutMs);
    timer.unref?.();
    worker.on('message', (m: LoadMessage) => {
      if (m.type === 'progress') opts.onProgress?.(m.progress);
      else finish(m.result);
    });
    worker.on('error', (e) => finish(err(`dataset ${spec.name}: loading failed (${e.message.split('\n')[0]}).`)));
    worker.on('exit', (code) =>
      finish(err(`dataset ${spec.name}: the loading worker stopped (exit code ${code}) before it finished.`)),
    );
  });
}
