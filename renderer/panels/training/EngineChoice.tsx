import { useEffect, useState } from 'react';
import { getHost } from '../../host';
import { trainingStore, useTraining } from '../../store/training';
import type { ChannelResult } from '../../../app/protocol';

type Engines = ChannelResult<'engines.available'>;
const PYTHON_KEY = 'netloom.python';

/**
 * The engine choice: Netloom's built-in engine, or PyTorch (the interpreter discovery found, with
 * its torch version and CUDA devices, MPS or CPU only), its device and its processes (torchrun).
 * When no Python has torch, the PyTorch choice is disabled and the line below says why and how.
 */
export function EngineChoice({ disabled }: { disabled: boolean }) {
  const engine = useTraining((s) => s.engine);
  const [found, setFound] = useState<Engines | null>(null);
  const [typed, setTyped] = useState(engine.python);
  // The chosen interpreter is a preference of this browser/profile (the settings), not of the project.
  useEffect(() => {
    const saved = localStorage.getItem(PYTHON_KEY);
    if (saved && !trainingStore.getState().engine.python) {
      setTyped(saved);
      trainingStore.getState().setEngine({ python: saved });
    }
  }, []);
  useEffect(() => {
    if (engine.python) localStorage.setItem(PYTHON_KEY, engine.python);
    else localStorage.removeItem(PYTHON_KEY);
    let live = true;
    setFound(null);
    void getHost()
      .invoke('engines.available', engine.python ? { python: engine.python } : {})
      .then((r) => {
        if (!live) return;
        setFound(r.ok ? r.value : { pythons: [], chosen: null, summary: r.error.message });
        if (!r.ok || !r.value.chosen) trainingStore.getState().setEngine({ name: 'netloom' });
      });
    return () => {
      live = false;
    };
  }, [engine.python]);
  const chosen = found?.pythons.find((p) => p.path === found.chosen)?.torch ?? null;
  const devices = chosen?.cuda?.devices ?? [];
  const set = trainingStore.getState().setEngine;
  const maxProcs = Math.max(4, devices.length);
  return (
    <>
      <label className="nl-field compact">
        <span className="nl-field-name">engine</span>
        <select
          className="nl-input"
          value={engine.name}
          disabled={disabled}
          data-testid="train-engine"
          title="Netloom (built in): TensorFlow.js in the app. PyTorch: your own Python's torch (CUDA, several GPUs with torchrun), same charts and runs."
          onChange={(e) => set({ name: e.target.value === 'torch' ? 'torch' : 'netloom' })}
        >
          <option value="netloom">Netloom (built in)</option>
          <option value="torch" disabled={!found?.chosen} title={found?.summary}>
            PyTorch{found ? (found.chosen ? '' : ' (not found)') : ' (looking…)'}
          </option>
        </select>
      </label>
      {engine.name === 'torch' && (
        <>
          <label className="nl-field compact">
            <span className="nl-field-name">device</span>
            <select
              className="nl-input"
              value={engine.device}
              disabled={disabled}
              data-testid="train-torch-device"
              onChange={(e) => set({ device: e.target.value })}
              title="auto: CUDA when torch has it, else CPU"
            >
              <option value="auto">auto</option>
              <option value="cpu">cpu</option>
              {devices.length > 0 && <option value="cuda">cuda (one per process)</option>}
              {devices.map((d) => (
                <option key={d.index} value={`cuda:${d.index}`}>
                  cuda:{d.index} {d.name}
                </option>
              ))}
              {chosen?.mps && <option value="mps">mps</option>}
            </select>
          </label>
          <label className="nl-field compact">
            <span className="nl-field-name">processes</span>
            <select
              className="nl-input narrow"
              value={engine.nproc}
              disabled={disabled}
              data-testid="train-nproc"
              onChange={(e) => set({ nproc: Number(e.target.value) })}
              title="More than 1: torchrun --nproc_per_node N (DistributedDataParallel; gloo on CPU, NCCL on CUDA); each batch is split across the processes"
            >
              {Array.from({ length: maxProcs }, (_, i) => i + 1).map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      <label className="nl-field compact">
        <span className="nl-field-name">python</span>
        <input
          className="nl-input"
          value={typed}
          disabled={disabled}
          data-testid="train-python"
          placeholder="auto (first with torch)"
          spellCheck={false}
          title="The Python interpreter for the PyTorch engine (a path). Empty: NETLOOM_PYTHON, the virtualenv/conda env, python3 on PATH, /usr/bin/python3, the first that has torch."
          onChange={(e) => setTyped(e.target.value)}
          onBlur={() => set({ python: typed.trim() })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ python: typed.trim() });
          }}
        />
      </label>
      <div className="nl-muted" data-testid="train-engine-info">
        {found
          ? engine.name === 'torch' || !found.chosen
            ? found.summary
            : `PyTorch available: ${found.summary}`
          : 'Looking for Python with PyTorch…'}
      </div>
    </>
  );
}
