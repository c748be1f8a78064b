/**
 * One training session, as the worker runs it, in four steps: prepare (backend, dataset, memory
 * check, compile, shapes), open the run folder or resume it, train (helpers and the loop with
 * checkpoints and metrics), finish (run.json, evaluation, the done event). Every problem a person
 * can cause ends as an `error` event naming it; training problems (NaN) and crashes end as a `done`
 * event with status `failed`. The compiled model is disposed on every exit.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { compileGraph, type CompiledModel } from '../../../app/compiler/tfjs/compile';
import { augmentInPlace, isIdentity } from '../../../app/data/augment';
import { checkInputShape } from '../../../app/data/compat';
import { prepareData, type PreparedData } from '../../../app/data/prepare';
import { makeRng } from '../../../app/data/rng';
import { sourceSpecOf } from '../../../app/data/settings';
import type { EpochEvent } from '../../../app/training/events';
import { runTraining } from '../../../app/training/loop';
import { autoWorkers, onBackend } from '../../../app/training/workers';
import { maxBatchNormChannels, syncStatsSize } from '../../../app/compiler/tfjs/custom/batchnorm-sync';
import { loadedFrom, loadSource } from '../data/index';
import { injectFault } from '../reliability/fault';
import { checkRunMemory } from '../reliability/memory-budget';
import { loadResumeCheckpoint } from '../reliability/resume-load';
import { initFromRun } from '../runs/init-from';
import { saveRunCheckpoint } from '../reliability/run-checkpoint';
import { optimizerHyper, type OptimizerState } from '../../../app/training/optimizers';
import {
  appendMetric,
  createRunFolder,
  NO_ENGINE,
  readJson,
  readMetrics,
  writeRunInfo,
  type RunInfo,
} from '../runs/run';
import type { Result } from '../../../app/result';
import { err, ok } from '../../../app/result';
import { loadBackend, type LoadedBackend } from './backend';
import { evaluateAfterTraining, runSettings, type TrainedModel } from './after-run';
import { datasetForGraph } from './input-shape';
import { checkDeviceMemory } from './webgpu/memory';
import { prepareFoldData } from './kfold-data';
import { createExchange, type ExchangeBuffers } from './exchange';
import { parallelStep, shardedSlots, startHelpers, unshardedBecause, type Helper } from './parallel';
import { ortGemmActive, setOrtGemmThreads } from './wasm-kernels/ort-gemm';
import { exchangeSize } from './parallel-protocol';
import type { TrainRequest, WorkerEvent } from './protocol';

export interface SessionControl {
  isStopRequested(): boolean;
  waitWhilePaused(): Promise<void>;
  yieldNow(): Promise<void>;
}

export function checkShapes(c: CompiledModel, shape: number[], classes: number, dataset: string): string | null {
  if (c.inputIds.length !== 1)
    return `the graph has ${c.inputIds.length} Input nodes; training on a dataset needs exactly one.`;
  const input = checkInputShape(shape, c.inputShapes[0], dataset);
  if (!input.ok) return input.error;
  if (c.outputIds.length !== 1)
    return `the graph has ${c.outputIds.length} outputs (${c.outputIds.join(', ')}); training needs exactly one.`;
  const out = c.outputShapes[0];
  if (out.length !== 1 || (out[0] < classes && out[0] !== 1)) {
    return `the output '${c.outputIds[0]}' has shape [${out.join(', ')}] but the dataset has ${classes} classes: end the network with Linear(out_features=${classes}).`;
  }
  return null;
}

/** What prepare() made ready: the backend, the data, the compiled model (disposed by runSession). */
interface Prepared {
  backend: LoadedBackend;
  seed: number;
  /** The source's name (evaluation.json's `dataset`). */
  source: string;
  data: PreparedData;
  c: CompiledModel;
}

/** The run folder being written: new, or a resumed one with its history. */
interface OpenRun {
  dir: string;
  info: RunInfo;
  startEpoch: number;
  history: EpochEvent[];
  optimizerState?: OptimizerState;
  /** The epoch of the last best and last checkpoints this session wrote. */
  saved: { best?: number; last?: number };
}

type Emit = (e: WorkerEvent) => void;

/** Backend, dataset, memory check, compile and shapes; nothing is written yet. */
async function prepare(req: TrainRequest, emit: Emit): Promise<Result<Prepared>> {
  const backend = await loadBackend(req.backend, { webgpu: true });
  if (!backend.ok) return backend;
  for (const message of backend.value.notes) emit({ event: 'log', message });
  const { tf } = backend.value;
  const s = req.settings;
  const seed = s.seed ?? Math.floor(Math.random() * 2 ** 31);
  // Before the dataset loads: a run too large for this machine is refused in a moment.
  const adapter = backend.value.adapter;
  const memory =
    checkRunMemory(req.graph, s, backend.value.name) ??
    (adapter ? checkDeviceMemory(req.graph, s.batch_size, adapter) : null);
  if (memory) return err(memory);
  emit({ event: 'log', message: `loading dataset ${req.dataset.name}` });
  let lastLog = 0;
  const src = await loadSource(sourceSpecOf(req.dataset), {
    onProgress: (p) => {
      const now = Date.now();
      if (now - lastLog > 1000) {
        lastLog = now;
        emit({ event: 'log', message: `${p.phase}: ${p.done}/${p.total}` });
      }
    },
  });
  if (!src.ok) return src;
  const from = loadedFrom(src.value);
  if (from) emit({ event: 'log', message: from });
  const data = req.fold
    ? prepareFoldData(src.value, req.dataset, seed, req.fold)
    : prepareData(src.value, req.dataset, s.val_split, seed);
  if (!data.ok) return data;
  const compiled = compileGraph(tf, req.graph, { seed });
  if (!compiled.ok) return compiled;
  const shapeError = checkShapes(compiled.value, data.value.train.shape, data.value.classes.length, req.dataset.name);
  if (shapeError) {
    compiled.value.model.dispose();
    return err(shapeError);
  }
  return ok({ backend: backend.value, seed, source: src.value.name, data: data.value, c: compiled.value });
}

/** A new run folder, or the resumed one with its last checkpoint loaded into the model. */
function openOrResume(req: TrainRequest, p: Prepared, emit: Emit): Result<OpenRun> {
  const { seed, c } = p;
  const created = new Date().toISOString();
  if (req.resume) {
    const dir = req.resume;
    const ck = loadResumeCheckpoint(p.backend.tf, c, dir);
    if (!ck.ok) return ck;
    emit({ event: 'log', message: ck.value.line });
    const startEpoch = ck.value.epoch;
    const optimizerState = ck.value.optimizer;
    const history = readMetrics(dir).filter(
      (m): m is EpochEvent & Record<string, unknown> => m.event === 'epoch' && Number(m.epoch) <= startEpoch,
    ) as unknown as EpochEvent[];
    const old = existsSync(join(dir, 'run.json')) ? readJson<RunInfo>(join(dir, 'run.json')) : null;
    const info = {
      ...(old ?? { id: dir, created_at: created, best: null }),
      status: 'running',
      started_at: created,
      epochs_done: startEpoch,
      seed,
      backend: null,
      ...NO_ENGINE,
    } as RunInfo;
    return ok({ dir, info, startEpoch, history, optimizerState, saved: {} });
  }
  // --init-from: the other run's weights replace the seeded ones before the first step (the
  // data-parallel helpers take the coordinator's weights at their first step, parallel.ts).
  const init = req.initFrom ? initFromRun(p.backend.tf, c, req.initFrom, seed) : undefined;
  if (init && !init.ok) return init;
  for (const message of init?.value.lines ?? []) emit({ event: 'log', message });
  const folder = createRunFolder({
    projectPath: req.projectPath,
    out: req.out,
    graph: req.graph,
    settings: runSettings(req, seed, p.data.stats),
  });
  const info: RunInfo = {
    id: folder.id,
    status: 'running',
    backend: null,
    created_at: created,
    started_at: created,
    epochs_done: 0,
    seed,
    best: null,
    project: req.projectPath,
    ...(init ? { init_from: init.value.init } : {}),
  };
  return ok({ dir: folder.dir, info, startEpoch: 0, history: [], saved: {} });
}

/** How many data-parallel workers, and their helpers started (none for one worker). */
interface Parallel {
  workers: number;
  helpers: Helper[];
  exchange: ExchangeBuffers | null;
}

async function startWorkers(req: TrainRequest, p: Prepared, emit: Emit): Promise<Result<Parallel>> {
  const { backend: b, seed, c } = p;
  const s = req.settings;
  let workers: number;
  if (req.workers === 'auto') {
    const auto = autoWorkers({
      graph: req.graph,
      backend: b.name,
      batchSize: s.batch_size,
      cores: availableParallelism(),
    });
    workers = auto.workers;
    emit({ event: 'log', message: `workers auto: ${workers} (${auto.reason})` });
  } else {
    const one = onBackend(b.name, Math.max(1, Math.floor(req.workers ?? 1)));
    workers = one.workers;
    if (one.reason) emit({ event: 'log', message: one.reason });
  }
  // Each worker multiplies on its share of the cores (ONNX Runtime's intra-op threads, wasm only).
  const ortThreads = Math.max(1, Math.floor(availableParallelism() / workers));
  setOrtGemmThreads(ortThreads);
  if (b.name === 'wasm' && ortThreads > 1 && ortGemmActive())
    emit({
      event: 'log',
      message: `${workers === 1 ? 'one worker' : `${workers} workers`}: convolutions and matrix products on ${ortThreads} threads${workers > 1 ? ' each' : ''} (ONNX Runtime)`,
    });
  if (workers <= 1) return ok({ workers, helpers: [], exchange: null });
  const hyper = optimizerHyper(s);
  const shared = createExchange(
    exchangeSize(c.model.trainableWeights.map((w) => w.shape.reduce((a: number, d) => a * (d ?? 1), 1))),
    workers,
    syncStatsSize(maxBatchNormChannels(c.model)),
    true,
    shardedSlots(hyper, s.clip_grad_norm, b.name),
  );
  emit({ event: 'log', message: `starting ${workers - 1} data-parallel helper${workers > 2 ? 's' : ''}` });
  const unsharded =
    unshardedBecause(hyper, s.clip_grad_norm, b.name) ??
    (shared.stateSlots === null
      ? "the parameters and the optimizer's state do not fit beside the gradients in one shared WebAssembly memory (4 GiB at most)"
      : null);
  emit({
    event: 'log',
    message:
      unsharded === null
        ? `the optimizer's step is sharded across the ${workers} workers: each block of parameters is reduced and updated by one of them in shared memory (as ZeroRedundancyOptimizer)`
        : `every worker takes the whole optimizer step: ${unsharded}`,
  });
  const stepSettings = { loss: s.loss, l1: s.l1, clip_grad_norm: s.clip_grad_norm };
  const h = await startHelpers(
    workers - 1,
    Array.from({ length: workers - 1 }, (_, k) => ({
      graph: req.graph,
      seed: seed + 7919 * (k + 1),
      backend: b.name,
      settings: stepSettings,
      exchange: shared,
      rank: k + 1,
      ortThreads,
      optimizer: hyper,
    })),
  );
  if (!h.ok) return h;
  return ok({ workers, helpers: h.value, exchange: shared });
}

type Trained = Awaited<ReturnType<typeof runTraining>>;

/** The loop, with checkpoints and metrics into the run folder; a crash is an error result (the run fails), never a throw. The helpers are closed at the end. */
async function train(
  req: TrainRequest,
  p: Prepared,
  run: OpenRun,
  parallel: Parallel,
  emit: Emit,
  control: SessionControl,
): Promise<Result<Trained>> {
  const { backend: b, seed, c, data } = p;
  const { dir, info, startEpoch } = run;
  const s = req.settings;
  const { workers, helpers, exchange } = parallel;
  info.backend = { name: b.name, package: b.package, version: b.version, ...(b.device ? { device: b.device } : {}) };
  writeRunInfo(dir, info);
  const { train: trainSet, val, test } = data;
  emit({
    event: 'start',
    backend: b.name,
    backend_package: b.package,
    backend_version: b.version,
    ...(b.device ? { device: b.device } : {}),
    run_dir: dir,
    run_id: info.id,
    seed,
    epochs: s.epochs,
    train_size: trainSet.n,
    val_size: val?.n ?? 0,
    test_size: test?.n ?? 0,
    resumed_from: startEpoch,
    workers,
  });
  let lastEpoch: EpochEvent | null = null;
  const spec = data.augment;
  const augRng = makeRng(seed + 31337 + startEpoch);
  const augment = isIdentity(spec)
    ? undefined
    : (x: Float32Array, n: number) => augmentInPlace(x, n, trainSet.shape, spec, augRng, data.stats ?? undefined);
  const stepSettings = { loss: s.loss, l1: s.l1, clip_grad_norm: s.clip_grad_norm };
  try {
    return ok(
      await runTraining(
        b.tf,
        c,
        { ...s, seed },
        { train: trainSet, val, test, augment },
        {
          now: () => performance.now(),
          makeStep:
            exchange && helpers.length > 0
              ? parallelStep(b.tf, c, helpers, stepSettings, exchange, optimizerHyper(s))
              : undefined,
          yieldNow: control.yieldNow,
          isStopRequested: control.isStopRequested,
          waitWhilePaused: control.waitWhilePaused,
          onBatch: (e) => {
            emit(e);
            appendMetric(dir, { ...e });
            injectFault();
            const lost = b.deviceLost?.();
            if (lost) throw new Error(lost);
          },
          onEpoch: (e) => {
            lastEpoch = e;
            emit(e);
            appendMetric(dir, { ...e });
            info.epochs_done = e.epoch;
            writeRunInfo(dir, info);
          },
          onCheckpoint: async (kind, epoch, optimizer) => {
            await saveRunCheckpoint(c, join(dir, kind), epoch, optimizer);
            run.saved[kind] = epoch;
            if (kind === 'best') {
              const e = lastEpoch as unknown as Record<string, unknown> | null;
              const monitor = s.early_stopping.enabled ? s.early_stopping.monitor : 'val_loss';
              const key = val ? monitor : monitor.replace('val', 'train');
              info.best = { epoch, monitor: key, value: Number(e?.[key] ?? NaN) };
            }
          },
        },
        startEpoch > 0 ? { startEpoch, history: run.history, optimizer: run.optimizerState } : undefined,
      ),
    );
  } catch (e) {
    // A crash keeps the run folder (last checkpoint and metrics), says so in run.json, and ends
    // the run as failed with its folder (the Runs tab lists it), as when the worker itself dies.
    const lost = b.deviceLost?.();
    return err(
      lost
        ? `${lost}: training stopped; the run folder keeps the last checkpoint (resume the run to go on).`
        : `training crashed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`,
    );
  } finally {
    await Promise.all(helpers.map((h) => h.close()));
  }
}

/**
 * The trained model for the evaluation where it holds exactly the weights evaluateRun would load
 * from the folder: the run completed (no stop mid-epoch, no early stop restoring an older epoch)
 * and its best checkpoint is its last epoch's, written by this session; and the test split is the
 * one evaluateRun would prepare (a new run, not a resumed one or a K-fold fold, whose data the
 * session prepares its own way). Otherwise null: the model is released and the run evaluated from
 * its folder.
 */
function trainedModel(req: TrainRequest, p: Prepared, run: OpenRun, r: Trained): TrainedModel | null {
  const { best, last } = run.saved;
  if (req.resume || req.fold || r.status !== 'completed' || best === undefined || best !== last) return null;
  return {
    tf: p.backend.tf,
    compiled: p.c,
    checkpoint: 'best',
    epoch: best,
    dataset: p.source,
    backend: p.backend.name,
    test: p.data.test,
    stats: p.data.stats,
  };
}

/** Training is over: the training and validation sets can go before the evaluation (which needs only the test split). */
function dropTrainingData(d: PreparedData): void {
  d.train = { ...d.train, x: new Float32Array(0), y: new Int32Array(0), n: 0 };
  d.val = undefined;
}

/** run.json's final state, the evaluation on the test split (with the trained model, or from the folder after the model is released), the done event. */
async function finish(
  req: TrainRequest,
  p: Prepared,
  run: OpenRun,
  result: Result<Trained>,
  emit: Emit,
  release: () => void,
): Promise<void> {
  const { dir, info, startEpoch } = run;
  const b = p.backend;
  info.finished_at = new Date().toISOString();
  if (!result.ok) {
    info.status = 'failed';
    info.message = result.error;
    writeRunInfo(dir, info);
    emit({
      event: 'done',
      evaluation: null,
      status: 'failed',
      message: info.message,
      test_loss: null,
      test_acc: null,
      img_per_s: 0,
      backend: b.name,
      run_dir: dir,
      best_epoch: info.best?.epoch ?? null,
      epochs_done: info.epochs_done,
    });
    return;
  }
  const r = result.value;
  info.status = r.status;
  info.message = r.message;
  info.test = r.test;
  info.img_per_s = r.img_per_s;
  writeRunInfo(dir, info);
  dropTrainingData(p.data);
  const trained = trainedModel(req, p, run, r);
  if (!trained) release();
  const evaluation =
    r.status === 'failed'
      ? null
      : await evaluateAfterTraining(dir, b.name, (message) => emit({ event: 'log', message }), trained ?? undefined);
  emit({
    event: 'done',
    evaluation,
    status: r.status,
    message: r.message,
    test_loss: r.test?.loss ?? null,
    test_acc: r.test?.acc ?? null,
    img_per_s: r.img_per_s,
    backend: b.name,
    run_dir: dir,
    best_epoch: r.bestEpoch,
    epochs_done: r.epochs.length ? r.epochs[r.epochs.length - 1].epoch : startEpoch,
  });
}

export async function runSession(req: TrainRequest, emit: Emit, control: SessionControl): Promise<void> {
  req = { ...req, dataset: datasetForGraph(req.dataset, req.graph) };
  const fail = (message: string) => emit({ event: 'error', message });
  const prepared = await prepare(req, emit);
  if (!prepared.ok) return fail(prepared.error);
  const p = prepared.value;
  let disposed = false;
  const release = () => {
    if (!disposed) p.c.model.dispose();
    disposed = true;
  };
  try {
    const run = openOrResume(req, p, emit);
    if (!run.ok) return fail(run.error);
    const parallel = await startWorkers(req, p, emit);
    if (!parallel.ok) return fail(parallel.error);
    const trained = await train(req, p, run.value, parallel.value, emit, control);
    await finish(req, p, run.value, trained, emit, release);
  } finally {
    release();
  }
}
