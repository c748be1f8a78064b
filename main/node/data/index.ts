/**
 * Dataset sources for the training worker, the host and the CLI: one entry point,
 * `loadSource(spec)`, returning the source's own train (and test) splits or a message that names
 * the file, what is wrong and the fix. With `spec.download`, a built-in set that is not found
 * locally is downloaded into the cache first.
 */
import { syntheticSource } from '../../../app/data/synthetic';
import type { ProgressFn, SourceSpec, SourceSplits } from '../../../app/data/types';
import { existsSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { err, ok, type Result } from '../../../app/result';
import { loadCifar, loadCifarDir, locateCifar } from './cifar';
import { loadCsv } from './csv';
import { downloadDataset } from './download';
import { loadImageFolder } from './folder';
import { MANIFESTS } from './mirrors';
import { loadIdxSet, locateIdx, loadIdxFiles } from './mnist';

export type { SourceSpec, SourceSplits } from '../../../app/data/types';

export const SOURCE_NAMES = ['synthetic', 'mnist', 'fashion-mnist', 'cifar10', 'folder', 'csv'] as const;

export interface LoadOptions {
  onProgress?: ProgressFn;
  /** Download mirrors replacing the public ones (a local mirror). */
  mirrors?: string[];
}

/** Parse the CLI form: `mnist`, `fashion-mnist`, `cifar10`, `synthetic`, `folder:PATH`, `csv:PATH`. */
export function parseSourceArg(arg: string): Result<SourceSpec> {
  const colon = arg.indexOf(':');
  const head = colon < 0 ? arg : arg.slice(0, colon);
  const rest = colon < 0 ? undefined : arg.slice(colon + 1);
  if (head === 'folder' || head === 'csv') {
    if (!rest) return err(`dataset '${arg}': give the path, as ${head}:PATH.`);
    return ok({ name: head, path: rest });
  }
  if ((SOURCE_NAMES as readonly string[]).includes(head) && rest === undefined)
    return ok({ name: head as SourceSpec['name'] });
  return err(
    `dataset '${arg}' is not known. Choose one of: mnist, fashion-mnist, cifar10, synthetic, folder:PATH, csv:PATH.`,
  );
}

async function builtIn(
  spec: SourceSpec & { name: 'mnist' | 'fashion-mnist' | 'cifar10' },
  opts: LoadOptions,
): Promise<Result<SourceSplits>> {
  const { onProgress } = opts;
  const found = spec.name === 'cifar10' ? locateCifar(spec.dataDir) : locateIdx(spec.name, spec.dataDir);
  if (found.ok || !spec.download) {
    const loaded =
      spec.name === 'cifar10'
        ? await loadCifar(spec.dataDir, onProgress)
        : await loadIdxSet(spec.name, spec.dataDir, onProgress);
    return noted(loaded, spec.dataDir);
  }
  const dl = await downloadDataset(MANIFESTS[spec.name], { onProgress, mirrors: opts.mirrors });
  if (!dl.ok) return dl;
  if (spec.name === 'cifar10')
    return noted(await loadCifarDir(`${dl.value}/cifar-10-batches-bin`, onProgress), spec.dataDir);
  const loc = locateIdx(spec.name, dl.value);
  if (!loc.ok) return loc;
  return noted(await loadIdxFiles(spec.name, loc.value, onProgress), spec.dataDir);
}

/**
 * Where a data folder was given (--data-dir, the project's dataset folder) but a built-in dataset's
 * files were read `from` another place that is searched after it: what is wrong with the given
 * folder and the fix, so that a mistyped or moved folder does not go unseen. Null when the files
 * came from the given folder (or one inside it), or none was given.
 */
export function givenFolderNote(from: string, dataDir?: string): string | null {
  if (!dataDir) return null;
  const given = resolve(dataDir);
  const inside = relative(given, from);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) return null;
  const why = existsSync(given) ? 'does not hold its files' : 'does not exist';
  return `the data folder given, ${given}, ${why} (fix the folder, or leave it out to use this copy)`;
}

/** The run log's line for where a built-in dataset was read from, and its fromNote (null for the other sources). */
export function loadedFrom(src: SourceSplits): string | null {
  if (!src.from) return null;
  return `dataset ${src.name} read from ${src.from}${src.fromNote ? `: ${src.fromNote}` : ''}`;
}

/** A built-in set as loaded, with givenFolderNote where the given folder was not where it was found. */
function noted(r: Result<SourceSplits>, dataDir?: string): Result<SourceSplits> {
  if (!r.ok || !r.value.from) return r;
  const note = givenFolderNote(r.value.from, dataDir);
  return note ? ok({ ...r.value, fromNote: note }) : r;
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
    case 'cifar10':
      return builtIn({ ...spec, name: spec.name }, opts);
    case 'csv':
      return loadCsv(spec.path, spec.label, onProgress);
    case 'folder':
      return loadImageFolder(spec.path, spec.shape, onProgress);
    default:
      return err(`dataset '${String(spec.name)}' is not known. Choose one of: ${SOURCE_NAMES.join(', ')}.`);
  }
}
