/** Reads a run's curves and internals: every detector, most severe first. */
import { batchnormDrift, deadRelus, gradients } from './internals';
import { divergence, lrTooLow, overfitting, underfitting } from './loss';
import type { Diagnosis, RunSeries } from './types';

export type { Diagnosis, RunSeries } from './types';

const RANK = { error: 0, warning: 1, info: 2 } as const;

export function diagnoseRun(s: RunSeries): Diagnosis[] {
  const diverged = divergence(s);
  // After a divergence the other loss detectors would only describe its wreckage.
  const loss = diverged ? [diverged] : [overfitting(s), underfitting(s), lrTooLow(s)];
  return [...loss, deadRelus(s), gradients(s), batchnormDrift(s)]
    .filter((d): d is Diagnosis => d !== null)
    .sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/** The L2 norm of a tensor from its statistics (population std): sqrt(n * (std² + mean²)). */
export function normFromStats(count: number, mean: number, std: number): number {
  return Math.sqrt(count * (std * std + mean * mean));
}
