/**
 * `runs.evaluate/samples/predict/params`: a run's best (else last) checkpoint loaded in the host,
 * evaluated on its test split prepared exactly as in training (same source, seed, split and
 * normalization). The last evaluated run stays loaded, so clicking a confusion-matrix cell or
 * drawing a digit answers at once.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { compileGraph, getStateDict, type CompiledModel, type Tf } from '../../../app/compiler/tfjs';
import { renderGrid } from '../../../app/data/grid';
import { evaluateLogits, softmax, type Evaluation } from '../../../app/data/metrics';
import { prepareData } from '../../../app/data/prepare';
import { parseDatasetSettings } from '../../../app/data/settings';
import type { ChannelStats, Dataset } from '../../../app/data/types';
import { parseProject } from '../../../app/graph/schema';
import type { HostResult } from '../../../app/protocol';
import { parseTrainingSettings, type TrainingSettings } from '../../../app/training/settings';
import { err, ok } from '../../../app/result';
import { loadBackend } from '../engine/backend';
import { encodePng } from '../data/png';
import { loadCheckpoint } from '../runs/checkpoint';
import { activations } from './training-activations';
import { batchnormStats } from './training-batchnorm';
import { gradients } from './training-gradients';
import { loadCached } from './training-data';
import { checkRunDir } from './training-runs';
import type { Handler, HostServices } from './types';
import { rawSample, readSamples } from '../../../app/data/samples';

export interface Loaded {
  dir: string;
  tf: Tf;
  compiled: CompiledModel;
  checkpoint: string;
  epoch: number;
  backend: string;
  test: Dataset;
  stats: ChannelStats | null;
  probs: Float32Array;
  predicted: Int32Array;
  evaluation: Evaluation;
  /** The training split (prepared as in training, no augmentation) and settings: for runs.gradients. */
  train?: Dataset;
  training?: TrainingSettings;
}

const failed = (message: string) => err({ code: 'failed' as const, message });
let loaded: Loaded | null = null;

/** A sample as stored, before normalization ([0, 1] pixel units for images), as a PNG data URL. */
export function sampleImage(ds: Dataset, i: number): string {
  const x = rawSample(ds, i);
  const size = x.length;
  const shape = ds.shape.length === 3 ? ds.shape : [1, 1, size];
  return `data:image/png;base64,${encodePng(renderGrid([x], shape, 1, shape[1] <= 32 ? 3 : 1, 0)).toString('base64')}`;
}

function forward(l: Pick<Loaded, 'tf' | 'compiled'>, x: Float32Array, n: number, shape: number[]): Float32Array {
  const out = l.tf.tidy(
    () =>
      l.compiled.model.apply(l.tf.tensor(x, [n, ...shape], 'float32'), { training: false }) as ReturnType<Tf['tensor']>,
  );
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return values;
}

/** One load at a time per folder: concurrent calls (runs.params and runs.gradients from one view) share it. */
let pending: { dir: string; result: Promise<HostResult<Loaded>> } | null = null;

async function load(services: HostServices, dir: string): Promise<HostResult<Loaded>> {
  if (loaded?.dir === dir) return ok(loaded);
  if (pending?.dir === dir) return pending.result;
  const result = loadNow(services, dir);
  pending = { dir, result };
  try {
    return await result;
  } finally {
    if (pending?.result === result) pending = null;
  }
}

async function loadNow(services: HostServices, dir: string): Promise<HostResult<Loaded>> {
  const read = async (name: string) => JSON.parse(await readFile(join(dir, name), 'utf8')) as Record<string, unknown>;
  const graph = parseProject(await read('graph.json'), join(dir, 'graph.json'));
  if (!graph.ok) return failed(graph.error);
  const settings = await read('settings.json');
  const info = await read('run.json');
  const training = parseTrainingSettings(settings.training ?? {});
  if (!training.ok) return failed(training.error);
  const dataset = parseDatasetSettings(settings.dataset ?? {});
  if (!dataset.ok) return failed(dataset.error);
  const checkpoint = existsSync(join(dir, 'best', 'model.json')) ? 'best' : 'last';
  if (!existsSync(join(dir, checkpoint, 'model.json')))
    return failed(`${dir}: no checkpoint yet; a run has one after its first epoch.`);
  const src = await loadCached(services, (settings.dataset ?? {}) as Record<string, unknown>);
  if (!src.ok) return src.error.code === 'denied' ? src : failed(src.error.message);
  const seed = Number(info.seed ?? training.value.seed ?? 0);
  const data = prepareData(src.value, dataset.value, training.value.val_split, seed);
  if (!data.ok) return failed(data.error);
  const test = data.value.test;
  if (!test || test.n === 0) return failed(`dataset ${src.value.name} has no test split; set the test split above 0.`);
  const backend = await loadBackend();
  if (!backend.ok) return failed(backend.error);
  const tf = backend.value.tf;
  // ReLUs unfused, so that each node has its own output for runs.activations (same numbers).
  const compiled = compileGraph(tf, graph.value, { seed, fuseRelu: false });
  if (!compiled.ok) return failed(compiled.error);
  const meta = loadCheckpoint(tf, compiled.value, join(dir, checkpoint));
  if (!meta.ok) {
    compiled.value.model.dispose();
    return failed(meta.error);
  }
  const k = test.classes.length;
  const logits = new Float32Array(test.n * k);
  for (let s = 0; s < test.n; s += 256) {
    const b = Math.min(256, test.n - s);
    logits.set(forward({ tf, compiled: compiled.value }, readSamples(test, s, b), b, test.shape), s * k);
  }
  const probs = softmax(logits, k);
  const predicted = new Int32Array(test.n);
  for (let i = 0; i < test.n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (probs[i * k + j] > probs[i * k + best]) best = j;
    predicted[i] = best;
  }
  if (loaded) loaded.compiled.model.dispose();
  loaded = {
    dir,
    tf,
    compiled: compiled.value,
    checkpoint,
    epoch: meta.value.epoch,
    backend: backend.value.name,
    test,
    stats: data.value.stats,
    probs,
    predicted,
    evaluation: evaluateLogits(logits, test.y, test.classes, { worst: 64 }),
    train: data.value.train,
    training: training.value,
  };
  return ok(loaded);
}

type Channels =
  | 'runs.evaluate'
  | 'runs.samples'
  | 'runs.predict'
  | 'runs.params'
  | 'runs.activations'
  | 'runs.gradients'
  | 'runs.batchnorm';

export function evaluationHandlers(s: HostServices): { [C in Channels]: Handler<C> } {
  const open = async (runDir: string) => {
    const dir = await checkRunDir(s, runDir);
    return dir.ok ? load(s, dir.value) : dir;
  };
  return {
    'runs.evaluate': async ({ runDir, worst }) => {
      const l = await open(runDir);
      if (!l.ok) return l;
      const { evaluation: e, test, probs } = l.value;
      const k = e.classes.length;
      return ok({
        n: e.n,
        loss: e.loss,
        accuracy: e.accuracy,
        classes: e.classes,
        confusion: e.confusion,
        per_class: e.per_class.map(({ class: c, precision, recall, f1, support }) => ({
          class: c,
          precision,
          recall,
          f1,
          support,
        })),
        wrong: e.most_confident_wrong.slice(0, worst).map((w) => ({
          ...w,
          image: sampleImage(test, w.index),
          probs: Array.from(probs.subarray(w.index * k, (w.index + 1) * k)),
        })),
        checkpoint: l.value.checkpoint,
        epoch: l.value.epoch,
        backend: l.value.backend,
        shape: test.shape,
      });
    },
    'runs.samples': async ({ runDir, label, predicted, limit }) => {
      const l = await open(runDir);
      if (!l.ok) return l;
      const { test, probs } = l.value;
      const k = test.classes.length;
      const hits: number[] = [];
      for (let i = 0; i < test.n; i++) if (test.y[i] === label && l.value.predicted[i] === predicted) hits.push(i);
      return ok({
        total: hits.length,
        samples: hits.slice(0, limit).map((i) => ({
          index: i,
          label,
          predicted,
          confidence: probs[i * k + predicted],
          image: sampleImage(test, i),
        })),
      });
    },
    'runs.predict': async ({ runDir, pixels }) => {
      const l = await open(runDir);
      if (!l.ok) return l;
      const { test, stats } = l.value;
      const size = test.shape.reduce((a, b) => a * b, 1);
      if (pixels.length !== size)
        return err({
          code: 'bad-request',
          message: `runs.predict: the network takes ${size} values ([${test.shape.join(', ')}]), got ${pixels.length}.`,
        });
      const x = Float32Array.from(pixels);
      if (stats && test.shape.length === 3) {
        const plane = test.shape[1] * test.shape[2];
        for (let j = 0; j < size; j++) {
          const c = Math.floor(j / plane);
          x[j] = (x[j] - (stats.mean[c] ?? stats.mean[0])) / (stats.std[c] ?? stats.std[0]);
        }
      }
      const probs = softmax(forward(l.value, x, 1, test.shape), test.classes.length);
      return ok({ classes: test.classes, probs: Array.from(probs) });
    },
    'runs.activations': async ({ runDir, nodeId, index }) => {
      const l = await open(runDir);
      return l.ok ? activations(l.value, nodeId, index) : l;
    },
    'runs.gradients': async ({ runDir, nodeId }) => {
      const l = await open(runDir);
      return l.ok ? gradients(l.value, nodeId) : l;
    },
    'runs.batchnorm': async ({ runDir, samples }) => {
      const l = await open(runDir);
      return l.ok ? batchnormStats(l.value, samples) : l;
    },
    'runs.params': async ({ runDir }) => {
      const l = await open(runDir);
      if (!l.ok) return l;
      return ok(
        getStateDict(l.value.tf, l.value.compiled).map(({ name, shape, values }) => paramStat(name, shape, values)),
      );
    },
  };
}

export function paramStat(name: string, shape: number[], values: Float32Array) {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
    sum += v;
  }
  const n = values.length || 1;
  const mean = sum / n;
  let sq = 0;
  for (const v of values) sq += (v - mean) ** 2;
  const bins = new Array<number>(20).fill(0);
  const width = max > min ? (max - min) / 20 : 1;
  for (const v of values) bins[Math.min(19, Math.floor((v - min) / width))]++;
  return {
    name,
    shape,
    mean,
    std: Math.sqrt(sq / n),
    min: values.length ? min : 0,
    max: values.length ? max : 0,
    histogram: bins,
  };
}
