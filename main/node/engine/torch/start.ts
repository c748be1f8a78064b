/**
 * startTorchTraining(request): the PyTorch engine behind the same handle as the built-in one
 * (engine/start.ts): the same events, pause/resume/stop (through the runner's control file).
 */
import type { DoneEvent, ErrorEvent, TrainRequest, WorkerEvent } from '../protocol';
import type { TrainingHandle } from '../start';
import type { TorchProcess } from './launch';

export function startTorchTraining(req: TrainRequest): TrainingHandle {
  const listeners = new Set<(e: WorkerEvent) => void>();
  let state: 'running' | 'paused' | 'stopping' = 'running';
  let proc: TorchProcess | null = null;
  let final: DoneEvent | ErrorEvent | null = null;
  const emit = (e: WorkerEvent) => {
    if (e.event === 'done' || e.event === 'error') final = e;
    for (const l of listeners) l(e);
  };
  const set = (next: typeof state) => {
    if (state === 'stopping') return;
    state = next;
    proc?.setState(next);
  };
  const done = (async (): Promise<DoneEvent | ErrorEvent> => {
    // Let the caller subscribe before the first event.
    await Promise.resolve();
    try {
      // Loaded here, not at the top: the session pulls in tfjs and the evaluation code (some 80 MiB
      // of the process's memory), which a run of the built-in engine, in its worker, never needs here.
      const { runTorchSession } = await import('./session');
      await runTorchSession(req, emit, {
        attach(p) {
          proc = p;
          p.setState(state);
        },
        isStopRequested: () => state === 'stopping',
      });
    } catch (e) {
      emit({
        event: 'error',
        message: `PyTorch engine crashed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`,
      });
    }
    return final ?? { event: 'error', message: 'PyTorch engine ended without a result.' };
  })();
  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pause: () => set('paused'),
    resume: () => set('running'),
    stop: () => set('stopping'),
    done,
  };
}
