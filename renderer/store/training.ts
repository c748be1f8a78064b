/**
 * The training store (its own zustand store, apart from the document): the running session,
 * its progress and live series, and which dock tab and run are shown. `installTrainingEvents`
 * wires it to the host's train.* events; start/pause/resume/stop call the host.
 */
import { createStore, useStore } from 'zustand';
import { serializeProject } from '../../app/graph/schema';
import type { Graph } from '../../app/graph/types';
import type { EventPayload } from '../../app/protocol';
import { parseTrainingSettings } from '../../app/training/settings';
import type { WorkersChoice } from '../../app/training/workers';
import type { HostApi } from '../host';
import { editorStore } from './index';
import { appendProgress, emptySeries, type Series } from './trainingSeries';

export type Phase = 'idle' | 'starting' | 'running' | 'paused' | 'stopping';
export type DockTab = 'training' | 'charts' | 'runs' | 'evaluation' | 'data' | 'modules' | 'repr' | 'doctor' | 'bench';
export type BackendChoice = 'auto' | 'webgpu' | 'node-gpu' | 'node' | 'wasm' | 'cpu';

export interface Progress {
  epoch: number;
  epochs: number;
  batch: number;
  batches: number;
  eta_s: number;
  img_per_s: number;
  /** K-fold: the fold being trained (1-based) of `folds`. */
  fold?: number;
  folds?: number;
}

/** Training tab's engine choice (`device` 'auto': CUDA when torch has it, else CPU). */
export interface EngineChoice {
  name: 'netloom' | 'torch';
  device: string;
  nproc: number;
  /** The Python interpreter chosen by hand ('' = the first with torch that discovery finds). */
  python: string;
}

/** The status line's "on ..." for a started session: the tfjs backend, or PyTorch with its device and processes. */
export function engineLabel(
  e: Pick<EventPayload<'train.started'>, 'backend' | 'engine' | 'device' | 'worldSize'>,
): string {
  if (e.engine !== 'torch') return e.backend;
  return `PyTorch · ${e.device ?? '?'}${(e.worldSize ?? 1) > 1 ? ` × ${e.worldSize} processes` : ''}`;
}

export interface TrainingState {
  phase: Phase;
  sessionId: string | null;
  backend: string | null;
  /** The device of the running (or last) session on WebGPU, in words: "SwiftShader (software)". */
  device: string | null;
  backendChoice: BackendChoice;
  /** Data-parallel worker threads for the next run (1: none; each uses one core); 'auto': the cores where that changes nothing (app/training/workers.ts). */
  workers: WorkersChoice;
  /** Workers of the running session (1 when it has none). */
  runningWorkers: number;
  /** The engine of the next run: the built-in one, or the user's PyTorch with its device and processes. */
  engine: EngineChoice;
  /** The running (or last) session's run folder. */
  runDir: string | null;
  runId: string | null;
  progress: Progress | null;
  series: Series;
  /** Bumped whenever `series` grew (charts redraw on the next animation frame). */
  seriesVersion: number;
  log: string[];
  /** The end of the last session: status and message, test accuracy. */
  result: EventPayload<'train.done'> | null;
  tab: DockTab;
  dockOpen: boolean;
  /** The run the Evaluation tab shows. */
  evalRun: string | null;
  /** Bumped when the run list may have changed. */
  runsVersion: number;
  setTab(tab: DockTab): void;
  setDockOpen(open: boolean): void;
  setBackendChoice(b: BackendChoice): void;
  setWorkers(n: WorkersChoice): void;
  setEngine(e: Partial<EngineChoice>): void;
  setEvalRun(dir: string | null): void;
}

export const trainingStore = createStore<TrainingState>()((set) => ({
  phase: 'idle',
  sessionId: null,
  backend: null,
  device: null,
  backendChoice: 'auto',
  workers: 'auto',
  runningWorkers: 1,
  engine: { name: 'netloom', device: 'auto', nproc: 1, python: '' },
  runDir: null,
  runId: null,
  progress: null,
  series: emptySeries(),
  seriesVersion: 0,
  log: [],
  result: null,
  tab: 'training',
  dockOpen: true,
  evalRun: null,
  runsVersion: 0,
  setTab: (tab) => set({ tab, dockOpen: true }),
  setDockOpen: (dockOpen) => set({ dockOpen }),
  setBackendChoice: (backendChoice) => set({ backendChoice }),
  setEngine: (e) => set((s) => ({ engine: { ...s.engine, ...e } })),
  setWorkers: (workers) =>
    set({ workers: workers === 'auto' ? 'auto' : Math.max(1, Math.min(64, Math.floor(workers))) }),
  setEvalRun: (evalRun) => set({ evalRun }),
}));

export function useTraining<T>(selector: (s: TrainingState) => T): T {
  return useStore(trainingStore, selector);
}

export const LOCK_REASON =
  'Training is running on this graph: structural edits are locked until it stops (Stop in the Training tab).';

type TrainingEventKind = 'started' | 'progress' | 'log' | 'state' | 'done';
/** A training event as host.on delivers it, typed: its name and its payload (checked once, on arrival). */
export type TrainingEvent = {
  [K in TrainingEventKind]: [name: K, payload: EventPayload<`train.${K}`>];
}[TrainingEventKind];

/** The reducer of host events, exported for tests. */
export function onTrainingEvent(...[name, e]: TrainingEvent): void {
  const s = trainingStore.getState();
  const mine = (id: string) => id === s.sessionId;
  switch (name) {
    case 'started': {
      if (!mine(e.sessionId)) return;
      // A new K-fold fold: the charts start over and show this fold's curves.
      const newFold = e.fold !== undefined && s.progress?.fold !== undefined && e.fold !== s.progress.fold;
      trainingStore.setState({
        phase: s.phase === 'paused' || s.phase === 'stopping' ? s.phase : 'running',
        backend: engineLabel(e),
        device: e.engine === 'torch' ? null : (e.device ?? null),
        runningWorkers: e.workers ?? 1,
        runDir: e.runDir,
        runId: e.runId,
        progress: {
          epoch: e.resumedFrom,
          epochs: e.epochs,
          batch: 0,
          batches: 0,
          eta_s: 0,
          img_per_s: 0,
          ...(e.fold !== undefined ? { fold: e.fold, folds: e.folds } : {}),
        },
        runsVersion: s.runsVersion + 1,
        ...(newFold ? { series: emptySeries(), seriesVersion: s.seriesVersion + 1 } : {}),
      });
      return;
    }
    case 'progress': {
      if (!mine(e.sessionId)) return;
      appendProgress(s.series, e);
      const lastB = e.batches[e.batches.length - 1];
      const lastE = e.epochs[e.epochs.length - 1];
      const prev = s.progress ?? { epoch: 0, epochs: 0, batch: 0, batches: 0, eta_s: 0, img_per_s: 0 };
      const progress: Progress = lastB
        ? {
            ...prev,
            epoch: lastB.epoch,
            batch: lastB.batch,
            batches: lastB.batches,
            eta_s: lastB.eta_s,
            img_per_s: lastB.img_per_s,
          }
        : { ...prev };
      if (lastE && (!lastB || lastE.epoch >= lastB.epoch))
        Object.assign(progress, {
          epoch: lastE.epoch,
          epochs: lastE.epochs,
          eta_s: lastE.eta_s,
          batch: progress.batches,
        });
      if (e.fold !== undefined) Object.assign(progress, { fold: e.fold, folds: e.folds });
      trainingStore.setState({ progress, seriesVersion: s.seriesVersion + 1 });
      return;
    }
    case 'log': {
      if (mine(e.sessionId)) trainingStore.setState({ log: [...s.log.slice(-49), e.message] });
      return;
    }
    case 'state': {
      if (mine(e.sessionId)) trainingStore.setState({ phase: e.state });
      return;
    }
    case 'done': {
      if (!mine(e.sessionId)) return;
      trainingStore.setState({
        phase: 'idle',
        sessionId: null,
        result: e,
        runsVersion: s.runsVersion + 1,
        evalRun: e.runDir ?? s.evalRun,
      });
      editorStore.getState().setEditLock(null);
      editorStore
        .getState()
        .notify(
          e.status === 'error'
            ? `Training could not start: ${e.message ?? ''}`
            : `Training ${e.status.replace('_', ' ')} after ${e.epochsDone} epoch(s)${e.testAcc !== null ? `, test accuracy ${(e.testAcc * 100).toFixed(2)}%` : ''}; the graph can be edited again.`,
          e.status === 'error' || e.status === 'failed',
        );
      return;
    }
  }
}

/**
 * After a reload: follow a session the host is still running, with the curves so far read back
 * from its run folder, and lock the editor again.
 */
export async function reattach(host: HostApi): Promise<void> {
  const r = await host.invoke('train.sessions');
  if (!r.ok || !r.value.length || trainingStore.getState().phase !== 'idle') return;
  const { sessionId, state, started } = r.value[0];
  trainingStore.setState({ sessionId, phase: state, series: emptySeries() });
  editorStore.getState().setEditLock(LOCK_REASON);
  if (!started) return;
  onTrainingEvent('started', started);
  trainingStore.setState({ phase: state });
  await backfill(host, started.runDir);
}

/**
 * Put the run's earlier curves (read back from its folder) in front of the live series: after a
 * reload, and when a stopped run is resumed, so the charts show the whole run. Points that arrived
 * while the folder was read stay after the ones read back.
 */
export async function backfill(host: HostApi, runDir: string): Promise<void> {
  const detail = await host.invoke('runs.get', { runDir });
  if (!detail.ok || trainingStore.getState().runDir !== runDir) return;
  const live = trainingStore.getState().series;
  const fresh = emptySeries();
  for (const b of detail.value.batches) {
    fresh.bx.push(b.x);
    fresh.bloss.push(b.loss);
    fresh.blr.push(b.lr);
    fresh.bips.push(b.img_per_s);
  }
  appendProgress(fresh, { batches: [], epochs: detail.value.epochs });
  const lastX = fresh.bx[fresh.bx.length - 1] ?? -Infinity;
  for (let i = 0; i < live.bx.length; i++) {
    if (live.bx[i] <= lastX) continue;
    fresh.bx.push(live.bx[i]);
    fresh.bloss.push(live.bloss[i]);
    fresh.blr.push(live.blr[i]);
    fresh.bips.push(live.bips[i]);
  }
  const lastEpoch = fresh.ex[fresh.ex.length - 1] ?? -Infinity;
  for (let i = 0; i < live.ex.length; i++) {
    if (live.ex[i] <= lastEpoch) continue;
    fresh.ex.push(live.ex[i]);
    fresh.trainLoss.push(live.trainLoss[i]);
    fresh.valLoss.push(live.valLoss[i]);
    fresh.trainAcc.push(live.trainAcc[i]);
    fresh.valAcc.push(live.valAcc[i]);
    fresh.elr.push(live.elr[i]);
    fresh.eips.push(live.eips[i]);
  }
  trainingStore.setState((st) => ({ series: fresh, seriesVersion: st.seriesVersion + 1 }));
}

export function installTrainingEvents(host: HostApi): () => void {
  const stops = [
    host.on('train.started', (p) => {
      onTrainingEvent('started', p);
      // A resumed run: its epochs before the resume are in its folder, not in this session's events.
      if (p.resumedFrom > 0 && p.sessionId === trainingStore.getState().sessionId) void backfill(host, p.runDir);
    }),
    host.on('train.progress', (p) => onTrainingEvent('progress', p)),
    host.on('train.log', (p) => onTrainingEvent('log', p)),
    host.on('train.state', (p) => onTrainingEvent('state', p)),
    host.on('train.done', (p) => onTrainingEvent('done', p)),
  ];
  return () => stops.forEach((f) => f());
}

export interface StartOptions {
  /** Continue this stopped run from its last checkpoint, with its own graph and settings. */
  resume?: string;
  text?: string;
  training?: Record<string, unknown>;
  dataset?: Record<string, unknown>;
}

/** The project's K for K-fold cross-validation (its `training.kfold`), or null for the validation split. */
function kfoldOf(g: Graph): number | null {
  const t = parseTrainingSettings(g.training ?? {});
  return t.ok ? t.value.kfold : null;
}

/** Start training the open document (its training and dataset settings), or resume a stopped run. */
export async function startTraining(host: HostApi, opts: StartOptions = {}): Promise<void> {
  const s = trainingStore.getState();
  if (s.phase !== 'idle') return;
  const ed = editorStore.getState();
  trainingStore.setState({
    phase: 'starting',
    series: emptySeries(),
    seriesVersion: s.seriesVersion + 1,
    log: [],
    result: null,
    progress: null,
    runDir: null,
    backend: null,
    device: null,
  });
  ed.setEditLock(LOCK_REASON);
  const k = kfoldOf(ed.graph);
  const r = await host.invoke('train.start', {
    text: opts.text ?? serializeProject(ed.graph),
    ...(ed.file.path ? { projectPath: ed.file.path } : {}),
    backend: s.backendChoice,
    ...(s.engine.name === 'torch'
      ? {
          engine: 'torch' as const,
          torch: {
            ...(s.engine.device !== 'auto' ? { device: s.engine.device } : {}),
            ...(s.engine.nproc > 1 ? { nproc: s.engine.nproc } : {}),
            ...(s.engine.python ? { python: s.engine.python } : {}),
          },
        }
      : s.workers === 'auto' || s.workers > 1
        ? { workers: s.workers }
        : {}),
    ...(opts.resume ? { resume: opts.resume } : k !== null ? { kfold: k } : {}),
    ...(opts.training ? { training: opts.training } : {}),
    ...(opts.dataset ? { dataset: opts.dataset } : {}),
  });
  if (!r.ok) {
    trainingStore.setState({
      phase: 'idle',
      result: {
        sessionId: '',
        status: 'error',
        message: r.error.message,
        runDir: null,
        testLoss: null,
        testAcc: null,
        imgPerS: 0,
        epochsDone: 0,
      },
    });
    ed.setEditLock(null);
    return;
  }
  trainingStore.setState({ sessionId: r.value.sessionId });
}

export async function controlTraining(host: HostApi, what: 'pause' | 'resume' | 'stop'): Promise<void> {
  const id = trainingStore.getState().sessionId;
  if (!id) return;
  const r = await host.invoke(`train.${what}`, { sessionId: id });
  if (!r.ok) editorStore.getState().notify(r.error.message, true);
}
