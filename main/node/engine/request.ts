/**
 * One training request for the CLI (`netloom train`) and the host (`train.start`): the project's
 * graph, its settings with the caller's overrides, the dataset, K-fold, resume and the run folder,
 * checked in one place. A graph with errors is refused up front (kind 'graph': the CLI exits 1);
 * every other problem names the setting and the fix (kind 'input': the CLI exits 2).
 */
import { parseDatasetSettings } from '../../../app/data/settings';
import type { Graph } from '../../../app/graph/types';
import { err, ok, type Result } from '../../../app/result';
import { analyzeGraph } from '../../../app/shapes/analyze';
import { KFOLD_MAX, KFOLD_MIN, parseTrainingSettings } from '../../../app/training/settings';
import type { TrainRequest } from './protocol';

export interface TrainInput {
  /** The project's graph (the run's own graph.json when resuming). */
  graph: Graph;
  /** Where the graph came from, for messages (`lenet.netloom.json`). */
  source: string;
  /** The settings the overrides go on top of: the project's (default), or a resumed run's settings.json. */
  base?: { training?: unknown; dataset?: unknown };
  /** Training settings overriding the base (CLI flags, the GUI's settings). */
  training?: Record<string, unknown>;
  /** Dataset settings overriding the base; with `datasetReplaces` they replace it (CLI --dataset NAME). */
  dataset?: Record<string, unknown>;
  datasetReplaces?: boolean;
  /** K-fold with K folds; undefined: the settings' `kfold` (never when resuming); null: none. */
  kfold?: number | null;
  /** The training engine and its options (the built-in TensorFlow.js worker when absent; `--engine torch`: the user's PyTorch). */
  engine?: Pick<TrainRequest, 'engine' | 'torch'>;
  backend?: string;
  /** Data-parallel worker threads; absent: one. */
  workers?: number | 'auto';
  projectPath?: string;
  out?: string;
  resume?: string;
  /** A run folder whose weights the new run starts from (never with resume). */
  initFrom?: string;
}

export interface TrainPlan {
  request: TrainRequest;
  /** K folds to run, or null for one run. */
  kfold: number | null;
}

export interface TrainInputProblem {
  /** 'graph': the graph has errors (fix the project); 'input': a setting, a flag or a file. */
  kind: 'graph' | 'input';
  message: string;
}

const input = (message: string) => err<TrainInputProblem>({ kind: 'input', message });

/** The graph's errors as one line, or undefined when it has none. */
export function graphProblem(graph: Graph, source: string): string | undefined {
  const errors = analyzeGraph(graph).errors;
  if (errors.length === 0) return undefined;
  const first = errors
    .slice(0, 3)
    .map((e) => (e.nodeId ? `${e.nodeId}: ${e.message}` : e.message))
    .join('; ');
  return `${source}: the graph is invalid (${errors.length} error${errors.length > 1 ? 's' : ''}): ${first}`;
}

export function buildTrainRequest(i: TrainInput): Result<TrainPlan, TrainInputProblem> {
  const bad = graphProblem(i.graph, i.source);
  if (bad) return err({ kind: 'graph', message: bad });
  const base = i.base ?? { training: i.graph.training, dataset: i.graph.dataset };
  const settings = parseTrainingSettings({ ...(base.training as object | undefined), ...i.training });
  if (!settings.ok) return input(settings.error);
  const dataset = parseDatasetSettings({
    ...(i.datasetReplaces ? {} : (base.dataset as object | undefined)),
    ...i.dataset,
  });
  if (!dataset.ok) return input(dataset.error);
  const kfold = i.kfold === undefined ? (i.resume ? null : settings.value.kfold) : i.kfold;
  if (kfold !== null && (!Number.isInteger(kfold) || kfold < KFOLD_MIN || kfold > KFOLD_MAX)) {
    return input(`K-fold needs an integer K from ${KFOLD_MIN} to ${KFOLD_MAX}, got ${kfold}.`);
  }
  if (kfold !== null && i.resume) return input('a K-fold run cannot resume a stopped run; start it anew.');
  if (i.initFrom && i.resume)
    return input(
      `--init-from ${i.initFrom} starts a new run and --resume ${i.resume} continues one: give one of them.`,
    );
  const w = i.workers;
  if (w !== undefined && w !== 'auto' && (!Number.isInteger(w) || w < 1 || w > 64))
    return input(`workers must be an integer from 1 to 64 or auto, got ${w}.`);
  const request: TrainRequest = {
    ...i.engine,
    graph: i.graph,
    settings: settings.value,
    dataset: dataset.value,
    workers: w,
    backend: i.backend,
    projectPath: i.projectPath,
    out: i.out,
    resume: i.resume,
    ...(i.initFrom ? { initFrom: i.initFrom } : {}),
  };
  return ok({ request, kfold });
}
