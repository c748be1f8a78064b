/**
 * What a run folder gets around training: the settings it was trained with (the seed actually
 * used, and for a K-fold run the fold and its normalization statistics, so `netloom evaluate`
 * rebuilds exactly the same test data), and after training its evaluation.json (confusion
 * matrix, per-class precision/recall, top-k, most confidently wrong) without being asked.
 */
import { join } from 'node:path';
import type { ChannelStats } from '../../../app/data/types';
import { evaluateRun } from '../data/evaluate-run';
import type { TrainRequest } from './protocol';

/** settings.json of a new run folder. */
export function runSettings(req: TrainRequest, seed: number, stats: ChannelStats | null): Record<string, unknown> {
  const training = { ...req.settings, seed };
  if (!req.fold) return { training, dataset: req.dataset };
  // The fold's statistics come from its own training part; evaluation must reuse them as given.
  const dataset = { ...req.dataset, normalize: stats ?? 'none' };
  return { training, dataset, kfold: req.fold };
}

/** Evaluate the finished run on its test split; returns evaluation.json's path, or null (reason logged). */
export async function evaluateAfterTraining(
  dir: string,
  backend: string | undefined,
  log: (message: string) => void,
): Promise<string | null> {
  log('evaluating on the test split');
  try {
    const r = await evaluateRun(dir, { backend });
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
