/**
 * Dataset sources for the training worker, the host and the CLI: one entry point,
 * `loadSource(spec)`, returning the source's own train (and test) splits or a message that names
 * the file, what is wrong and the fix.
 */
import { syntheticSource } from '../../../app/data/synthetic';
import type { ProgressFn, SourceSpec, SourceSplits } from '../../../app/data/types';
import { err, ok, type Result } from '../../../app/result';
import { loadCifar } from './cifar';
import { loadCsv } from './csv';
import { loadImageFolder } from './folder';
import { loadIdxSet } from './mnist';

export type { SourceSpec, SourceSplits } from '../../../app/data/types';

export const SOURCE_NAMES = ['synthetic', 'mnist', 'fashion-mnist', 'cifar10', 'folder', 'csv'] as const;

export interface LoadOptions {
  onProgress?: ProgressFn;
}

export async function loadSource(spec: SourceSpec, opts: LoadOptions = {}): Promise<Result<SourceSplits>> {
  const { onProgress } = opts;
  switch (spec.name) {
    case 'synthetic': {
      onProgress?.({ phase: 'generate synthetic', done: 0, total: 1 });
      const s = syntheticSource(spec.trainSize, spec.testSize, spec.seed);
      onProgress?.({ phase: 'generate synthetic', done: 1, total: 1 });
      return ok(s);
    }
    case 'mnist':
    case 'fashion-mnist':
      return loadIdxSet(spec.name, spec.dataDir, onProgress);
    case 'cifar10':
      return loadCifar(spec.dataDir, onProgress);
    case 'csv':
      return loadCsv(spec.path, spec.label, onProgress);
    case 'folder':
      return loadImageFolder(spec.path, spec.shape, onProgress);
    default:
      return err(`dataset '${String(spec.name)}' is not known. Choose one of: ${SOURCE_NAMES.join(', ')}.`);
  }
}
