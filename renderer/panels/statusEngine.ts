import type { Phase } from '../store/training';

export interface StatusEngine {
  /** `training on` while a session runs, `backend:` (what the next built-in run would load) otherwise. */
  prefix: 'training on' | 'backend:';
  value: string;
  /** Shown while a session runs (data-testid status-device). */
  training: boolean;
}

/**
 * What the status bar says about the engine. While a session runs it names the engine and device that
 * session actually uses (the tfjs backend, the WebGPU adapter, or "PyTorch · cuda:0"), never the host's
 * default backend: training with the PyTorch engine used to show "backend: wasm".
 */
export function statusEngine(
  t: { phase: Phase; backend: string | null; device: string | null },
  hostBackend: string | null,
): StatusEngine | null {
  if (t.phase !== 'idle' && (t.device || t.backend))
    return { prefix: 'training on', value: t.device ?? t.backend ?? '', training: true };
  return hostBackend ? { prefix: 'backend:', value: hostBackend, training: false } : null;
}
