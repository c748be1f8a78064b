/**
 * One training session, as the worker runs it: backend, dataset, compile, run folder, the loop
 * with checkpoints and metrics, resume. Every problem a person can cause ends as an `error`
 * event naming it; training problems (NaN) end as a `done` event with status `failed`.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { compileGraph, type CompiledModel } from '../../../app/compiler/tfjs/compile';
import { augmentInPlace, isIdentity } from '../../../app/data/augment';
import { prepareData } from '../../../app/data/prepare';
import { makeRng } from '../../../app/data/rng';
import { sourceSpecOf } from '../../../app/data/settings';
import type { EpochEvent } from '../../../app/training/events';
import { runTraining } from '../../../app/training/loop';
import { autoWorkers, onBackend } from '../../../app/training/workers';
import { loadSource } from '../data/index';
import { injectFault } from '../reliability/fault';
import { checkRunMemory } from '../reliability/memory-budget';
import { loadResumeCheckpoint } from '../reliability/resume-load';
import { saveRunCheckpoint } from '../reliability/run-checkpoint';
import type { OptimizerState } from '../../../app/training/optimizers';
import { appendMetric, createRunFolder, NO_ENGINE, readJson, readMetrics, writeRunInfo, type RunInfo } from '../runs/run';
import { loadBackend } from './backend';
import { evaluateAfterTraining, runSettings } from './after-run';
import { datasetForGraph } from './input-shape';
import { checkDeviceMemory } from './webgpu/memory';
import { prepareFoldData } from './kfold-data';
import { createExchange, type ExchangeBuffers } from './exchange';
import { parallelStep, startHelpers, type Helper } from './parallel';
import { exchangeSize } from './parallel-protocol';
import type { TrainRequest, WorkerEvent } from './protocol';

export interface SessionControl {
  isStopRequested(): boolean;
  waitWhilePaused(): Promise<void>;
  yieldNow(): Promise<void>;
}

export function checkShapes(c: CompiledModel, shape: number[], classes: number): string | null {
  if (c.inputIds.length !== 1) return `the graph has ${c.inputIds.length} Input nodes; training on a dataset needs exactly one.`;
  const want = c.inputShapes[0];
  if (want.join(',') !== shape.join(',')) {
    return `the dataset gives samples of shape [${shape.join(', ')}] but Input '${c.inputIds[0]}' expects [${want.join(', ')}]: set the Input shape to [${shape.join(', ')}].`;
  }
  if (c.outputIds.length !== 1) return `the graph has ${c.outputIds.length} outputs (${c.outputIds.join(', ')}); training needs exactly one.`;
  const out = c.outputShapes[0];
  if (out.length !== 1 || (out[0] < classes && out[0] !== 1)) {
    return `the output '${c.outputIds[0]}' has shape [${out.join(', ')}] but the dataset has ${classes} classes: end the network with Linear(out_features=${classes}).`;
  }
  return null;
}

export async function runSession(req: TrainRequest, emit: (e: WorkerEvent) => void, control: SessionControl): Promise<void> {
  req = { ...req, dataset: datasetForGraph(req.dataset, req.graph) };
  const fail = (message: string) => emit({ event: 'error', message });
  const backend = await loadBackend(req.backend, { webgpu: true });
  if (!backend.ok) return fail(backend.error);
  for (const message of backend.value.notes) emit({ event: 'log', message });
  const { tf } = backend.value;
  const s = req.settings;
  const seed = s.seed ?? Math.floor(Math.random() * 2 ** 31);
  // Before the dataset loads: a run too large for this machine is refused in a moment.
  const adapter = backend.value.adapter;
  const memory = checkRunMemory(req.graph, s, backend.value.name) ?? (adapter ? checkDeviceMemory(req.graph, s.batch_size, adapter) : null);
  if (memory) return fail(memory);
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
  if (!src.ok) return fail(src.error);
  const data = req.fold ? prepareFoldData(src.value, req.dataset, seed, req.fold) : prepareData(src.value, req.dataset, s.val_split, seed);
  if (!data.ok) return fail(data.error);
  const compiled = compileGraph(tf, req.graph, { seed });
  if (!compiled.ok) return fail(compiled.error);
  const c = compiled.value;
  const shapeError = checkShapes(c, data.value.train.shape, data.value.classes.length);
  if (shapeError) {
    c.model.dispose();
    return fail(shapeError);
  }
  let dir: string;
  let history: EpochEvent[] = [];
  let startEpoch = 0;
  let optimizerState: OptimizerState | undefined;
  const created = new Date().toISOString();
  let info: RunInfo;
  if (req.resume) {
    dir = req.resume;
    const ck = loadResumeCheckpoint(tf, c, dir);
    if (!ck.ok) return fail(ck.error);
    emit({ event: 'log', message: ck.value.line });
    startEpoch = ck.value.epoch;
    optimizerState = ck.value.optimizer;
    history = readMetrics(dir).filter((m): m is EpochEvent & Record<string, unknown> => m.event === 'epoch' && Number(m.epoch) <= startEpoch) as unknown as EpochEvent[];
    const old = existsSync(join(dir, 'run.json')) ? readJson<RunInfo>(join(dir, 'run.json')) : null;
    info = { ...(old ?? { id: dir, created_at: created, best: null }), status: 'running', started_at: created, epochs_done: startEpoch, seed, backend: null, ...NO_ENGINE } as RunInfo;
  } else {
    const folder = createRunFolder({ projectPath: req.projectPath, out: req.out, graph: req.graph, settings: runSettings(req, seed, data.value.stats) });
    dir = folder.dir;
    info = { id: folder.id, status: 'running', backend: null, created_at: created, started_at: created, epochs_done: 0, seed, best: null, project: req.projectPath };
  }
  const b = backend.value;
  let workers: number;
  if (req.workers === 'auto') {
    const auto = autoWorkers({ graph: req.graph, backend: b.name, batchSize: s.batch_size, cores: availableParallelism() });
    workers = auto.workers;
    emit({ event: 'log', message: `workers auto: ${workers} (${auto.reason})` });
  } else {
    const one = onBackend(b.name, Math.max(1, Math.floor(req.workers ?? 1)));
    workers = one.workers;
    if (one.reason) emit({ event: 'log', message: one.reason });
  }
  let helpers: Helper[] = [];
  let exchange: ExchangeBuffers | null = null;
  if (workers > 1) {
    const shared = createExchange(exchangeSize(c.model.trainableWeights.map((w) => w.shape.reduce((a: number, d) => a * (d ?? 1), 1))), workers);
    exchange = shared;
    emit({ event: 'log', message: `starting ${workers - 1} data-parallel helper${workers > 2 ? 's' : ''}` });
    const stepSettings = { loss: s.loss, l1: s.l1, clip_grad_norm: s.clip_grad_norm };
    const h = await startHelpers(workers - 1, Array.from({ length: workers - 1 }, (_, k) => ({
      graph: req.graph, seed: seed + 7919 * (k + 1), backend: b.name, settings: stepSettings, exchange: shared, rank: k + 1,
      optimizer: {
        optimizer: s.optimizer, lr: s.lr, momentum: s.momentum, dampening: s.dampening, nesterov: s.nesterov, betas: s.betas,
        eps: s.eps, amsgrad: s.amsgrad, alpha: s.alpha, centered: s.centered, weight_decay: s.weight_decay,
      },
    })));
    if (!h.ok) {
      c.model.dispose();
      return fail(h.error);
    }
    helpers = h.value;
  }
  info.backend = { name: b.name, package: b.package, version: b.version, ...(b.device ? { device: b.device } : {}) };
  writeRunInfo(dir, info);
  const { train, val, test } = data.value;
  emit({
    event: 'start', backend: b.name, backend_package: b.package, backend_version: b.version, ...(b.device ? { device: b.device } : {}), run_dir: dir, run_id: info.id, seed,
    epochs: s.epochs, train_size: train.n, val_size: val?.n ?? 0, test_size: test?.n ?? 0, resumed_from: startEpoch, workers,
  });
  let lastEpoch: EpochEvent | null = null;
  const spec = data.value.augment;
  const augRng = makeRng(seed + 31337 + startEpoch);
  const augment = isIdentity(spec) ? undefined : (x: Float32Array, n: number) => augmentInPlace(x, n, train.shape, spec, augRng, data.value.stats ?? undefined);
  let result: Awaited<ReturnType<typeof runTraining>>;
  try {
    result = await runTraining(tf, c, { ...s, seed }, { train, val, test, augment }, {
    now: () => performance.now(),
    makeStep: exchange && helpers.length > 0 ? parallelStep(tf, c, helpers, { loss: s.loss, l1: s.l1, clip_grad_norm: s.clip_grad_norm }, exchange) : undefined,
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
      if (kind === 'best') {
        const e = lastEpoch as unknown as Record<string, unknown> | null;
        const monitor = s.early_stopping.enabled ? s.early_stopping.monitor : 'val_loss';
        const key = val ? monitor : monitor.replace('val', 'train');
        info.best = { epoch, monitor: key, value: Number(e?.[key] ?? NaN) };
      }
    },
  }, startEpoch > 0 ? { startEpoch, history, optimizer: optimizerState } : undefined);
  } catch (e) {
    // A crash keeps the run folder (last checkpoint and metrics), says so in run.json, and ends
    // the run as failed with its folder (the Runs tab lists it), as when the worker itself dies.
    info.status = 'failed';
    const lost = b.deviceLost?.();
    info.message = lost ? `${lost}: training stopped; the run folder keeps the last checkpoint (resume the run to go on).` : `training crashed: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`;
    info.finished_at = new Date().toISOString();
    writeRunInfo(dir, info);
    emit({
      event: 'done', evaluation: null, status: 'failed', message: info.message, test_loss: null, test_acc: null, img_per_s: 0,
      backend: b.name, run_dir: dir, best_epoch: info.best?.epoch ?? null, epochs_done: info.epochs_done,
    });
    return;
  } finally {
    await Promise.all(helpers.map((h) => h.close()));
  }
  info.status = result.status;
  info.message = result.message;
  info.finished_at = new Date().toISOString();
  info.test = result.test;
  info.img_per_s = result.img_per_s;
  writeRunInfo(dir, info);
  c.model.dispose();
  const evaluation = result.status === 'failed' ? null : await evaluateAfterTraining(dir, b.name, (message) => emit({ event: 'log', message }));
  emit({
    event: 'done', evaluation, status: result.status, message: result.message, test_loss: result.test?.loss ?? null, test_acc: result.test?.acc ?? null,
    img_per_s: result.img_per_s, backend: b.name, run_dir: dir, best_epoch: result.bestEpoch, epochs_done: result.epochs.length ? result.epochs[result.epochs.length - 1].epoch : startEpoch,
  });
}
