/** The training worker (worker_threads): runs one session, streams its events, obeys pause/resume/stop. */
import { parentPort, workerData } from 'node:worker_threads';
import type { ControlMessage, TrainRequest, WorkerEvent } from './protocol';
import { runSession } from './session';

let paused = false;
let stop = false;
let wake: (() => void) | null = null;

parentPort?.on('message', (m: ControlMessage) => {
  if (m.type === 'pause') paused = true;
  if (m.type === 'resume' || m.type === 'stop') {
    paused = false;
    if (m.type === 'stop') stop = true;
    wake?.();
    wake = null;
  }
});

const emit = (e: WorkerEvent) => parentPort?.postMessage(e);

try {
  await runSession(workerData as TrainRequest, emit, {
    isStopRequested: () => stop,
    yieldNow: () => new Promise((r) => setImmediate(r)),
    waitWhilePaused: async () => {
      if (!paused) return;
      emit({ event: 'state', state: 'paused' });
      while (paused) await new Promise<void>((r) => (wake = r));
      emit({ event: 'state', state: 'running' });
    },
  });
} catch (e) {
  emit({ event: 'error', message: `training crashed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}` });
}
parentPort?.close();
