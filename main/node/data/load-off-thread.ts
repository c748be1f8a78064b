/**
 * Loads a dataset source in a worker thread, so that the host's event loop (every other
 * request, every open connection, a running training session's events) stays responsive while
 * a large CSV is parsed or an image folder is decoded, and gives up after a timeout
 * (NETLOOM_DATASET_TIMEOUT_S, see safe-read.ts), ending the worker.
 */
import { Worker } from 'node:worker_threads';
import type { Progress, ProgressFn, SourceSpec, SourceSplits } from '../../../app/data/types';
import { err, type Result } from '../../../app/result';
import { datasetLimits } from './safe-read';

export type LoadMessage = { type: 'progress'; progress: Progress } | { type: 'result'; result: Result<SourceSplits> };

export interface OffThreadOptions {
  onProgress?: ProgressFn;
  /** Default: NETLOOM_DATASET_TIMEOUT_S. */
  timeoutMs?: number;
}

export function loadSourceOffThread(spec: SourceSpec, opts: OffThreadOptions = {}): Promise<Result<SourceSplits>> {
  const timeoutMs = opts.timeoutMs ?? datasetLimits().timeoutMs;
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(new URL('./load-boot.mjs', import.meta.url), { workerData: { spec }, stdout: false, stderr: false });
    const finish = (r: Result<SourceSplits>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      const where = spec.path ?? spec.dataDir ?? spec.name;
      finish(err(`${where}: the dataset did not load within ${Math.round(timeoutMs / 1000)} s, so loading was stopped. Use a smaller dataset, or raise the limit with the environment variable NETLOOM_DATASET_TIMEOUT_S=<seconds>.`));
    }, timeoutMs);
    timer.unref?.();
    worker.on('message', (m: LoadMessage) => {
      if (m.type === 'progress') opts.onProgress?.(m.progress);
      else finish(m.result);
    });
    worker.on('error', (e) => finish(err(`dataset ${spec.name}: loading failed (${e.message.split('\n')[0]}).`)));
    worker.on('exit', (code) => finish(err(`dataset ${spec.name}: the loading worker stopped (exit code ${code}) before it finished.`)));
  });
}
