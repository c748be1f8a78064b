import { useEffect, useState } from 'react';
import { getHost } from '../../host';
import { controlTraining, startTraining, trainingStore, useTraining, type BackendChoice } from '../../store/training';
import { useAnalysis } from '../../store/analysis';
import { formatDuration } from './format';
import { SplitChoice } from './SplitChoice';
import { EngineChoice } from './EngineChoice';

interface BackendRow {
  name: string;
  available: boolean;
  reason?: string;
}
const ENGINE_NAME: Record<string, BackendChoice> = {
  webgpu: 'webgpu',
  'tensorflow-gpu': 'node-gpu',
  tensorflow: 'node',
  wasm: 'wasm',
  cpu: 'cpu',
};

/** Start / Pause / Resume / Stop, the backend (which load here), and the progress bar with epoch, batch and ETA. */
export function Controls() {
  const phase = useTraining((s) => s.phase);
  const progress = useTraining((s) => s.progress);
  const backend = useTraining((s) => s.backend);
  const device = useTraining((s) => s.device);
  const choice = useTraining((s) => s.backendChoice);
  const workers = useTraining((s) => s.workers);
  const runningWorkers = useTraining((s) => s.runningWorkers);
  const engine = useTraining((s) => s.engine.name);
  const cores = Math.max(1, navigator.hardwareConcurrency || 1);
  const workerChoices = Array.from({ length: Math.max(2, Math.min(8, cores)) }, (_, i) => i + 1);
  const result = useTraining((s) => s.result);
  const log = useTraining((s) => s.log);
  const errors = useAnalysis().errors.length;
  const [backends, setBackends] = useState<BackendRow[]>([]);
  useEffect(() => {
    void getHost()
      .invoke('backends.available')
      .then((r) => {
        if (r.ok) setBackends(r.value);
      });
  }, []);
  const host = getHost();
  const p = progress;
  const inFold =
    !p || !p.epochs ? 0 : Math.min(1, p.batches ? (p.epoch - 1 + p.batch / p.batches) / p.epochs : p.epoch / p.epochs);
  // K-fold: the bar spans all folds.
  const fraction = p?.fold && p.folds ? (p.fold - 1 + inFold) / p.folds : inFold;
  const busy = phase !== 'idle';
  return (
    <div className="nl-train-controls">
      <div className="nl-row">
        {!busy && (
          <button
            className="nl-btn primary"
            data-testid="train-start"
            disabled={errors > 0}
            title={errors ? 'Fix the graph errors first' : 'Start training (the graph is locked while it runs)'}
            onClick={() => void startTraining(host)}
          >
            ▶ Start
          </button>
        )}
        {phase === 'running' && (
          <button className="nl-btn" data-testid="train-pause" onClick={() => void controlTraining(host, 'pause')}>
            ‖ Pause
          </button>
        )}
        {phase === 'paused' && (
          <button
            className="nl-btn primary"
            data-testid="train-resume"
            onClick={() => void controlTraining(host, 'resume')}
          >
            ▶ Resume
          </button>
        )}
        {(phase === 'running' || phase === 'paused' || phase === 'starting') && (
          <button
            className="nl-btn"
            data-testid="train-stop"
            disabled={phase === 'starting'}
            onClick={() => void controlTraining(host, 'stop')}
          >
            ■ Stop
          </button>
        )}
      </div>
      <div className="nl-train-options">
        <EngineChoice disabled={busy} />
        {engine === 'netloom' && (
          <>
            <label className="nl-field compact">
              <span className="nl-field-name">backend</span>
              <select
                className="nl-input"
                value={choice}
                disabled={busy}
                data-testid="train-backend"
                title="auto: the fastest backend that loads here (WebGPU on a hardware GPU, tfjs-node-gpu, tfjs-node, wasm, cpu); webgpu forces WebGPU, a software adapter such as SwiftShader included"
                onChange={(e) => trainingStore.getState().setBackendChoice(e.target.value as BackendChoice)}
              >
                <option value="auto">auto</option>
                {backends.map((b) => (
                  <option key={b.name} value={ENGINE_NAME[b.name]} disabled={!b.available} title={b.reason}>
                    {b.name}
                    {b.available ? '' : ' (not installed here)'}
                  </option>
                ))}
              </select>
            </label>
            <label className="nl-field compact">
              <span className="nl-field-name">workers</span>
              <select
                className="nl-input narrow"
                value={workers}
                disabled={busy}
                data-testid="train-workers"
                title={`Data-parallel worker threads: each batch is split across them, one core each (this machine has ${cores}). The result equals one worker's: gradients are averaged, the optimizer's step is shared between the workers (SGD, Adam, AdamW) and BatchNorm uses the whole batch's statistics (as PyTorch's SyncBatchNorm). auto: every core (up to 4, 16 samples each) on wasm or cpu, but one worker for a network with BatchNorm, whose convolutions and matrix products then run on every core (on wasm about as fast as two workers there, with half the memory); otherwise 1.`}
                onChange={(e) =>
                  trainingStore.getState().setWorkers(e.target.value === 'auto' ? 'auto' : Number(e.target.value))
                }
              >
                <option value="auto">auto</option>
                {workerChoices.map((n) => (
                  <option key={n} value={n}>
                    {n}
                    {n === cores ? ' (all cores)' : ''}
                  </option>
                ))}
              </select>
            </label>
          </>
        )}
      </div>
      <SplitChoice disabled={busy} />
      <div
        className="nl-progress"
        data-testid="train-progress"
        aria-valuenow={Math.round(fraction * 100)}
        role="progressbar"
        aria-label="Training progress"
      >
        <div className="nl-progress-bar" style={{ width: `${(fraction * 100).toFixed(1)}%` }} />
      </div>
      <div className="nl-train-status" data-testid="train-status">
        {phase === 'starting' && (
          <span>Starting: loading the backend and the dataset… {log[log.length - 1] ?? ''}</span>
        )}
        {(phase === 'running' || phase === 'paused' || phase === 'stopping') && p && (
          <span>
            <b>{phase === 'paused' ? 'Paused' : phase === 'stopping' ? 'Stopping' : 'Training'}</b>
            {p.fold ? (
              <>
                {' '}
                ·{' '}
                <span data-testid="train-fold">
                  fold {p.fold}/{p.folds}
                </span>
                ,
              </>
            ) : (
              ' ·'
            )}{' '}
            epoch {p.epoch}/{p.epochs} · batch {p.batch}/{p.batches} · {Math.round(p.img_per_s)} img/s · ETA{' '}
            {formatDuration(p.eta_s)} · on <b>{backend}</b>
            {device ? (
              <>
                {' '}
                (<span data-testid="train-device">{device}</span>)
              </>
            ) : null}
            {runningWorkers > 1 ? (
              <>
                {' '}
                × <span data-testid="train-running-workers">{runningWorkers}</span> workers
              </>
            ) : null}
          </span>
        )}
        {phase === 'idle' && result && (
          <span
            className={result.status === 'error' || result.status === 'failed' ? 'err' : ''}
            data-testid="train-result"
          >
            {result.status === 'error'
              ? `Could not start: ${result.message}`
              : `${result.status.replace('_', ' ')} after ${result.epochsDone} epoch(s)`}
            {result.testAcc !== null &&
              ` · test accuracy ${(result.testAcc * 100).toFixed(2)}% · test loss ${result.testLoss?.toFixed(4)}`}
            {result.status !== 'error' && result.message ? ` · ${result.message}` : ''}
          </span>
        )}
        {phase === 'idle' && !result && (
          <span>
            Ready. {errors ? `${errors} graph error(s) to fix before training.` : 'Runs are saved beside the project.'}
          </span>
        )}
      </div>
    </div>
  );
}
