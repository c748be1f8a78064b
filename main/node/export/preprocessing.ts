/**
 * The preprocessing a run's network expects (input shape, normalization, class names), read from
 * the run folder's settings.json, or from the project's own settings for fresh weights. `netloom
 * predict`, every export and the app's try-it pad normalize with the same numbers.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Preprocessing } from '../../../app/compiler/preprocess';
import { CIFAR10_CLASSES, FASHION_MNIST_CLASSES, MNIST_CLASSES } from '../../../app/data/classes';
import { prepareData } from '../../../app/data/prepare';
import { parseDatasetSettings, sourceSpecOf } from '../../../app/data/settings';
import type { Graph } from '../../../app/graph/types';
import { err, ok, type Result } from '../../../app/result';
import { parseTrainingSettings } from '../../../app/training/settings';
import { loadSource } from '../data/index';

const KNOWN_CLASSES: Record<string, string[]> = {
  mnist: MNIST_CLASSES,
  'fashion-mnist': FASHION_MNIST_CLASSES,
  cifar10: CIFAR10_CLASSES,
};

export interface Settings {
  training: unknown;
  dataset: unknown;
}

/** settings.json of a run folder (empty settings when it has none). */
export function readRunSettings(runDir: string): Settings {
  const path = join(runDir, 'settings.json');
  if (!existsSync(path)) return { training: {}, dataset: {} };
  try {
    const s = JSON.parse(readFileSync(path, 'utf8')) as Partial<Settings>;
    return { training: s.training ?? {}, dataset: s.dataset ?? {} };
  } catch {
    return { training: {}, dataset: {} };
  }
}

/** The class names a dataset setting names without reading the data (the built-in sets), else null. */
export function knownClasses(settings: Settings): string[] | null {
  const ds = parseDatasetSettings(settings.dataset ?? {});
  return ds.ok ? (KNOWN_CLASSES[ds.value.name] ?? null) : null;
}

/**
 * Normalization and classes as training used them: given in the settings, none, or (normalize
 * 'auto') recomputed from the training split exactly as training computed it, which reads the data.
 */
export async function resolveNormalization(
  settings: Settings,
): Promise<Result<{ mean: number[] | null; std: number[] | null; classes: string[] | null }>> {
  const ds = parseDatasetSettings(settings.dataset ?? {});
  if (!ds.ok) return ds;
  const classes = KNOWN_CLASSES[ds.value.name] ?? null;
  const n = ds.value.normalize;
  if (n === 'none') return ok({ mean: null, std: null, classes });
  if (typeof n === 'object') return ok({ mean: n.mean, std: n.std, classes });
  const tr = parseTrainingSettings(settings.training ?? {});
  if (!tr.ok) return tr;
  const src = await loadSource(sourceSpecOf(ds.value));
  if (!src.ok)
    return err(`the run normalized with its training data's statistics, which need the dataset: ${src.error}`);
  const data = prepareData(src.value, ds.value, tr.value.val_split, tr.value.seed ?? 0);
  if (!data.ok) return data;
  const stats = data.value.stats;
  return ok({ mean: stats?.mean ?? null, std: stats?.std ?? null, classes: data.value.train.classes ?? classes });
}

/** The preprocessing of a network trained in `runDir` (or, without one, with the project's settings). */
export async function preprocessingFor(
  graph: Graph,
  inputShape: number[],
  runDir?: string,
): Promise<Result<Preprocessing>> {
  const settings: Settings = runDir
    ? readRunSettings(runDir)
    : { training: graph.training ?? {}, dataset: graph.dataset ?? {} };
  const norm = await resolveNormalization(settings);
  if (!norm.ok) return err(`${runDir ? `${runDir}: ` : ''}cannot tell the normalization: ${norm.error}`);
  return ok({ input_shape: inputShape, ...norm.value });
}
