/**
 * What a run folder gets around training: the settings it was trained with (the seed actually
 * used, and for a K-fold run the fold and its normalization statistics, so `netloom evaluate`
 * rebuilds exactly the same test data), and after training its evaluation.json (confusion
 * matrix, per-class precision/recall, top-k, most confidently wrong) without being asked.
 */
import { join } from 'node:path';
import type { CompiledModel } from '../../../app/compiler/tfjs/compile';
import type { Tf } from '../../../app/compiler/tfjs/tf';
import type { ChannelStats, Dataset } from '../../../app/data/types';
import { evaluateModel, evaluateRun } from '../data/evaluate-run';
import { err } from '../../../app/result';
import type { TrainRequest } from './protocol';

/** settings.json of a new run folder. */
export function runSettings(req: TrainRequest, seed: number, stats: ChannelStats | null): Record<string, unknown> {
  const training = { ...req.settings, seed };
  if (!req.fold) return { training, dataset: req.dataset };
  // The fold's statistics come from its own training part; evaluation must reuse them as given.
  const dataset = { ...req.dataset, normalize: stats ?? 'none' };
  return { training, dataset, kfold: req.fold };
}

/**
 * The model the session has just trained, given to the evaluation only where it holds exactly
 * the checkpoint evaluateRun would load (the best one, written at the last epoch, nothing changed
 * since), with the test split and normalization evaluateRun would prepare from the run folder
 * (the session's own, for a run that is neither resumed nor a K-fold fold): the evaluation is then
 * the same without compiling the network again, reading the checkpoint or loading the dataset again.
 */
export interface TrainedModel {
  tf: Tf;
  compiled: CompiledModel;
  checkpoint: 'best' | 'last';
  epoch: number;
  /** The source's name (SourceSplits.name). */
  dataset: string;
  /** The backend's ladder name (`wasm`), as evaluation.json names it. */
  backend: string;
  test: Dataset | undefined;
  stats: ChannelStats | null;
}

/** Evaluate the finished run on its test split; returns evaluation.json's path, or null (reason logged). */
export async function evaluateAfterTraining(
  dir: string,
  backend: string | undefined,
  log: (message: string) => void,
  trained?: TrainedModel,
): Promise<string | null> {
  log(
    trained
      ? `evaluating on the test split with the trained model (the ${trained.checkpoint} checkpoint, epoch ${trained.epoch})`
      : 'evaluating on the test split',
  );
  try {
    const r = trained ? await evaluateTrained(dir, trained) : await evaluateRun(dir, { backend });
    if (!r.ok) {
      log(`no evaluation.json: ${r.error}`);
      return null;
    }
    return join(dir, 'evaluation.json');
  } catch (e) {
    log(`no evaluation.json: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    return null;
  }
}

function evaluateTrained(dir: string, t: TrainedModel) {
  const test = t.test;
  if (!test || test.n === 0)
    return Promise.resolve(
      err(`dataset ${t.dataset} has no test split to evaluate on; set dataset.testSplit above 0.`),
    );
  return evaluateModel(t.tf, t.compiled, {
    runDir: dir,
    checkpoint: t.checkpoint,
    epoch: t.epoch,
    dataset: t.dataset,
    backend: t.backend,
    test,
    stats: t.stats,
  });
}
