/**
 * Evaluate a trained run on its test split: rebuild the model from the run's graph, load the
 * best (or last) checkpoint, prepare the data exactly as training did (same source, seed,
 * val_split, normalization), forward the test set in eval mode and compute the metrics
 * (app/data/metrics.ts). Writes `evaluation.json` and `wrong.png` (the most confidently wrong
 * samples) into the run folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomicSync } from '../reliability/atomic-sync';
import { join } from 'node:path';
import { compileGraph } from '../../../app/compiler/tfjs';
import type { CompiledModel } from '../../../app/compiler/tfjs/compile';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import { renderGrid } from '../../../app/data/grid';
import { evaluateLogits, type Evaluation, type WrongSample } from '../../../app/data/metrics';
import { prepareData } from '../../../app/data/prepare';
import { parseDatasetSettings, sourceSpecOf } from '../../../app/data/settings';
import type { ChannelStats, Dataset, ProgressFn } from '../../../app/data/types';
import { parseProject } from '../../../app/graph/schema';
import { parseTrainingSettings } from '../../../app/training/settings';
import { err, ok, type Result } from '../../../app/result';
import { loadBackend } from '../engine/backend';
import { loadCheckpoint } from '../runs/checkpoint';
import { loadSource } from './index';
import { encodePng } from './png';
import { rawSample, readSamples } from '../../../app/data/samples';

export interface RunEvaluation extends Omit<Evaluation, 'most_confident_wrong'> {
  /** With each sample's image as a PNG data URL (images only). */
  most_confident_wrong: (WrongSample & { image?: string })[];
  run: string;
  checkpoint: string;
  epoch: number;
  dataset: string;
  backend: string;
}

export interface EvaluateRunOptions {
  checkpoint?: 'best' | 'last';
  backend?: string;
  topk?: number[];
  worst?: number;
  onProgress?: ProgressFn;
  /** Write evaluation.json and wrong.png into the run folder (default true). */
  write?: boolean;
}

function readJsonFile(path: string): Result<unknown> {
  try {
    return ok(JSON.parse(readFileSync(path, 'utf8')) as unknown);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err(
      code === 'ENOENT'
        ? `${path}: not found; is this a run folder (graph.json, settings.json, best/)?`
        : `${path}: cannot be read (${code ?? (e as Error).message.split('\n')[0]}).`,
    );
  }
}

export async function evaluateRun(runDir: string, opts: EvaluateRunOptions = {}): Promise<Result<RunEvaluation>> {
  const graphJson = readJsonFile(join(runDir, 'graph.json'));
  if (!graphJson.ok) return graphJson;
  const graph = parseProject(graphJson.value, join(runDir, 'graph.json'));
  if (!graph.ok) return graph;
  const settingsJson = readJsonFile(join(runDir, 'settings.json'));
  if (!settingsJson.ok) return settingsJson;
  const sj = (settingsJson.value ?? {}) as { training?: unknown; dataset?: unknown };
  const training = parseTrainingSettings(sj.training ?? graph.value.training ?? {});
  if (!training.ok) return err(`${join(runDir, 'settings.json')}: ${training.error}`);
  const dsSettings = parseDatasetSettings(sj.dataset ?? graph.value.dataset ?? {});
  if (!dsSettings.ok) return err(`${join(runDir, 'settings.json')}: ${dsSettings.error}`);

  const kind = opts.checkpoint ?? (existsSync(join(runDir, 'best', 'model.json')) ? 'best' : 'last');
  const ckDir = join(runDir, kind);
  if (!existsSync(join(ckDir, 'model.json')))
    return err(`${ckDir}: no checkpoint (model.json) in this run; was it trained for at least one epoch?`);

  const src = await loadSource(sourceSpecOf(dsSettings.value), { onProgress: opts.onProgress });
  if (!src.ok) return src;
  const seed = training.value.seed ?? 0;
  const data = prepareData(src.value, dsSettings.value, training.value.val_split, seed);
  if (!data.ok) return data;
  const test = data.value.test;
  if (!test || test.n === 0)
    return err(`dataset ${src.value.name} has no test split to evaluate on; set dataset.testSplit above 0.`);

  const backend = await loadBackend(opts.backend);
  if (!backend.ok) return backend;
  const { tf } = backend.value;
  const compiled = compileGraph(tf, graph.value, { seed });
  if (!compiled.ok) return compiled;
  try {
    const meta = loadCheckpoint(tf, compiled.value, ckDir);
    if (!meta.ok) return meta;
    return await evaluateModel(
      tf,
      compiled.value,
      {
        runDir,
        checkpoint: kind,
        epoch: meta.value.epoch,
        dataset: src.value.name,
        backend: backend.value.name,
        test,
        stats: data.value.stats,
      },
      opts,
    );
  } finally {
    compiled.value.model.dispose();
  }
}

/** What evaluateModel needs besides the model: the test split, and what evaluation.json says it evaluated. */
export interface ModelUnderEvaluation {
  runDir: string;
  checkpoint: 'best' | 'last';
  epoch: number;
  /** The source's name (SourceSplits.name). */
  dataset: string;
  backend: string;
  test: Dataset;
  /** The normalization the test split went through (its wrong samples are shown un-normalized). */
  stats: ChannelStats | null;
}

/**
 * The evaluation of a model that holds a checkpoint's weights: its test split forwarded in eval
 * mode, the metrics, evaluation.json and wrong.png (unless `opts.write` is false). evaluateRun
 * gives it a model compiled and loaded from the run folder; the training session the model it
 * has just trained, where that is the same checkpoint (after-run.ts).
 */
export async function evaluateModel(
  tf: Tf,
  compiled: CompiledModel,
  m: ModelUnderEvaluation,
  opts: Pick<EvaluateRunOptions, 'topk' | 'worst' | 'onProgress' | 'write'> = {},
): Promise<Result<RunEvaluation>> {
  const { test, runDir } = m;
  const k = test.classes.length;
  const outShape = compiled.outputShapes[0] ?? [];
  if (outShape.length !== 1 || outShape[0] !== k) {
    return err(
      `the network's output has shape [${outShape.join(', ')}] but ${m.dataset} has ${k} classes; evaluation needs [${k}] logits.`,
    );
  }
  const logits = new Float32Array(test.n * k);
  const B = 256;
  for (let s = 0; s < test.n; s += B) {
    const b = Math.min(B, test.n - s);
    const out = tf.tidy(() => {
      const x = tf.tensor(readSamples(test, s, b), [b, ...test.shape], 'float32');
      return compiled.model.apply(x, { training: false }) as import('@tensorflow/tfjs-core').Tensor;
    });
    logits.set((await out.data()) as Float32Array, s * k);
    out.dispose();
    opts.onProgress?.({ phase: 'evaluate', done: s + b, total: test.n });
  }
  const ev = evaluateLogits(logits, test.y, test.classes, { topk: opts.topk, worst: opts.worst });
  const isImage = test.shape.length === 3;
  const tiles = ev.most_confident_wrong.map((w) => rawSample(test, w.index));
  const result: RunEvaluation = {
    run: runDir,
    checkpoint: m.checkpoint,
    epoch: m.epoch,
    dataset: m.dataset,
    backend: m.backend,
    ...ev,
    most_confident_wrong: ev.most_confident_wrong.map((w, i) =>
      isImage
        ? {
            ...w,
            image: `data:image/png;base64,${encodePng(renderGrid([tiles[i]], test.shape, 1, 1, 0)).toString('base64')}`,
          }
        : w,
    ),
  };
  if (opts.write !== false) {
    writeFileAtomicSync(join(runDir, 'evaluation.json'), `${JSON.stringify(result, null, 2)}\n`);
    if (tiles.length && isImage) {
      writeFileAtomicSync(
        join(runDir, 'wrong.png'),
        encodePng(renderGrid(tiles, test.shape, Math.min(8, tiles.length), test.shape[1] <= 32 ? 3 : 1)),
      );
    }
  }
  return ok(result);
}
