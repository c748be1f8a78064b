/**
 * The host API: startTraining(request) runs a session in a worker_threads worker and returns a
 * handle with its events (start, batch, epoch, log, done, error) and pause/resume/stop. The
 * host never blocks on training.
 */
import { Worker } from 'node:worker_threads';
import { workerResourceLimits } from '../reliability/fault';
import { describeWorkerError, WorkerWatch } from '../reliability/worker-death';
import type { DoneEvent, ErrorEvent, TrainRequest, WorkerEvent } from './protocol';
import { startTorchTraining } from './torch/start';

export interface TrainingHandle {
  /** Subscribe to events; returns an unsubscribe function. */
  on(listener: (e: WorkerEvent) => void): () => void;
  pause(): void;
  resume(): void;
  stop(): void;
  /** Resolves with the final event: `done` (trained, stopped or failed) or `error` (could not start). */
  done: Promise<DoneEvent | ErrorEvent>;
}

export function startTraining(req: TrainRequest): TrainingHandle {
  if (req.engine === 'torch') return startTorchTraining(req);
  const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
    workerData: req,
    stdout: false,
    stderr: false,
    resourceLimits: workerResourceLimits(),
  });
  const listeners = new Set<(e: WorkerEvent) => void>();
  let final: DoneEvent | ErrorEvent | null = null;
  const watch = new WorkerWatch();
  let death: string | null = null;
  const done = new Promise<DoneEvent | ErrorEvent>((resolve) => {
    worker.on('message', (e: WorkerEvent) => {
      watch.observe(e);
      if (e.event === 'done' || e.event === 'error') final = e;
      for (const l of listeners) l(e);
    });
    worker.on('error', (e) => {
      death ??= describeWorkerError(e);
    });
    worker.on('exit', (code) => {
      const last =
        final ?? watch.died(death ?? `the training worker stopped unexpectedly (exit code ${code}) before finishing.`);
      if (!final) for (const l of listeners) l(last);
      resolve(last);
    });
  });
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pause: () => worker.postMessage({ type: 'pause' }),
    resume: () => worker.postMessage({ type: 'resume' }),
    stop: () => worker.postMessage({ type: 'stop' }),
    done,
  };
}
