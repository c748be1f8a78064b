/** Which weights the export dialog starts with: the trained ones when there are any. */

export interface RunInfo {
  id: string;
  dir: string;
  status: string;
  created_at: string;
  finished_at?: string;
  best: { epoch: number; monitor: string; value: number } | null;
}

export interface WeightsChoice {
  /** The select's value: `best:<run dir>`, or `fresh`. */
  value: string;
  /** One sentence for the dialog saying what was chosen and why. */
  note: string;
}

const FINISHED = new Set(['completed', 'early_stopped']);

/**
 * The best checkpoint of the latest completed run (finished normally or by early stopping), else
 * fresh initialization. Exporting untrained weights by accident is the mistake this prevents.
 */
export function defaultWeights(runs: readonly RunInfo[]): WeightsChoice {
  const done = runs.filter((r) => FINISHED.has(r.status) && r.best !== null);
  if (done.length === 0) {
    return {
      value: 'fresh',
      note: runs.length
        ? 'No completed run with a best checkpoint yet: fresh initialization.'
        : "No training run yet: fresh initialization (PyTorch's init, seeded).",
    };
  }
  const when = (r: RunInfo) => Date.parse(r.finished_at ?? r.created_at) || 0;
  const latest = done.reduce((a, b) => (when(b) > when(a) ? b : a));
  const best = latest.best as NonNullable<RunInfo['best']>;
  return {
    value: `best:${latest.dir}`,
    note: `Best checkpoint of run ${latest.id}, the latest completed run (epoch ${best.epoch}, ${best.monitor} ${best.value.toFixed(4)}). Pick fresh initialization below for untrained weights.`,
  };
}
