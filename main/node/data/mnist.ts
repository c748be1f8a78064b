/**
 * MNIST and Fashion-MNIST from their IDX files, gzipped or not, found in the folder the person
 * gave, then the usual places: Debian's dataset package, torchvision's `data/<Name>/raw`, the app cache.
 */
import { resolve } from 'node:path';
import { FASHION_MNIST_CLASSES, MNIST_CLASSES } from '../../../app/data/classes';
import { idxToDataset, parseIdx } from '../../../app/data/idx';
import type { Dataset, ProgressFn, SourceSplits } from '../../../app/data/types';
import { err, ok, type Result } from '../../../app/result';
import { cacheDir, findFile, readMaybeGzipAsync } from './files';

export type IdxSetName = 'mnist' | 'fashion-mnist';

export const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

const TORCHVISION_DIR: Record<IdxSetName, string> = { mnist: 'MNIST', 'fashion-mnist': 'FashionMNIST' };
const DEBIAN_DIR: Record<IdxSetName, string> = {
  mnist: '/usr/share/datasets/mnist',
  'fashion-mnist': '/usr/share/datasets/fashion-mnist',
};
const HINT: Record<IdxSetName, string> = {
  mnist: 'pass --data-dir DIR (a folder with the four IDX files), or run with --download to fetch them into the cache',
  'fashion-mnist':
    'pass --data-dir DIR (a folder with the four IDX files), or `sudo apt-get install dataset-fashion-mnist`, or run with --download to fetch them into the cache',
};

/** The folders searched, in order. */
export function searchDirs(name: IdxSetName, dataDir?: string): string[] {
  const tv = TORCHVISION_DIR[name];
  const dirs: string[] = [];
  if (dataDir) dirs.push(resolve(dataDir), resolve(dataDir, tv, 'raw'));
  dirs.push(DEBIAN_DIR[name], resolve('data', tv, 'raw'), resolve('..', 'data', tv, 'raw'), cacheDir(name));
  return [...new Set(dirs)];
}

export interface IdxLocation {
  dir: string;
  files: Record<keyof typeof IDX_FILES, string>;
}

/** The first folder holding all four files, or an error listing where it looked and how to fix it. */
export function locateIdx(name: IdxSetName, dataDir?: string): Result<IdxLocation> {
  const partial: string[] = [];
  for (const dir of searchDirs(name, dataDir)) {
    const found: Partial<Record<keyof typeof IDX_FILES, string>> = {};
    const missing: string[] = [];
    for (const [key, base] of Object.entries(IDX_FILES) as [keyof typeof IDX_FILES, string][]) {
      const p = findFile(dir, base);
      if (p) found[key] = p;
      else missing.push(`${base}[.gz]`);
    }
    if (missing.length === 0) return ok({ dir, files: found as IdxLocation['files'] });
    if (missing.length < 4) partial.push(`${dir} has some files but lacks ${missing.join(', ')}`);
  }
  const looked = searchDirs(name, dataDir)
    .map((d) => `  ${d}`)
    .join('\n');
  return err(
    `${name}: dataset files not found (train-images-idx3-ubyte[.gz] and the three others). Looked in:\n${looked}\n` +
      (partial.length ? `${partial.join('\n')}\n` : '') +
      `Fix: ${HINT[name]}.`,
  );
}

async function readPair(imagesPath: string, labelsPath: string, classes: string[]): Promise<Result<Dataset>> {
  const [ib, lb] = await Promise.all([readMaybeGzipAsync(imagesPath), readMaybeGzipAsync(labelsPath)]);
  if (!ib.ok) return ib;
  if (!lb.ok) return lb;
  const images = parseIdx(ib.value, imagesPath, 3);
  if (!images.ok) return images;
  const labels = parseIdx(lb.value, labelsPath, 1);
  if (!labels.ok) return labels;
  return idxToDataset(images.value, labels.value, classes, imagesPath, labelsPath);
}

/** Load the train and test splits from the files of one folder. */
export async function loadIdxFiles(
  name: IdxSetName,
  loc: IdxLocation,
  onProgress?: ProgressFn,
): Promise<Result<SourceSplits>> {
  const classes = name === 'mnist' ? MNIST_CLASSES : FASHION_MNIST_CLASSES;
  onProgress?.({ phase: `decode ${name} train`, done: 0, total: 2 });
  const train = await readPair(loc.files.trainImages, loc.files.trainLabels, classes);
  if (!train.ok) return train;
  onProgress?.({ phase: `decode ${name} test`, done: 1, total: 2 });
  const test = await readPair(loc.files.testImages, loc.files.testLabels, classes);
  if (!test.ok) return test;
  onProgress?.({ phase: `decode ${name}`, done: 2, total: 2 });
  return ok({ name, train: train.value, test: test.value, from: loc.dir });
}

export async function loadIdxSet(
  name: IdxSetName,
  dataDir?: string,
  onProgress?: ProgressFn,
): Promise<Result<SourceSplits>> {
  const loc = locateIdx(name, dataDir);
  if (!loc.ok) return loc;
  return loadIdxFiles(name, loc.value, onProgress);
}
