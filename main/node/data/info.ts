/** What `netloom data info` and the host's dataset panel show about a loaded source. */
import { computeStats } from '../../../app/data/normalize';
import type { Dataset, SourceSplits } from '../../../app/data/types';
import { locateCifar } from './cifar';
import { locateIdx } from './mnist';

export interface DatasetInfo {
  name: string;
  train: number;
  test: number;
  classes: string[];
  /** Per-sample shape, PyTorch order. */
  shape: number[];
  class_counts: { train: number[]; test: number[] };
  /** Per-channel mean and std of the train split (values in [0, 1]), for Normalize(mean, std). */
  mean: number[];
  std: number[];
}

export function classCounts(ds: Dataset | undefined, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  if (ds) for (const l of ds.y) counts[l]++;
  return counts;
}

const round = (v: number) => Math.round(v * 1e4) / 1e4;

export function datasetInfo(s: SourceSplits): DatasetInfo {
  const stats = computeStats(s.train);
  const k = s.train.classes.length;
  return {
    name: s.name,
    train: s.train.n,
    test: s.test?.n ?? 0,
    classes: s.train.classes,
    shape: s.train.shape,
    class_counts: { train: classCounts(s.train, k), test: classCounts(s.test, k) },
    mean: stats.mean.map(round),
    std: stats.std.map(round),
  };
}

export interface SourceStatus {
  name: string;
  description: string;
  /** Where its files were found, 'built in', or null when not available here. */
  location: string | null;
}

/** The sources and whether each is available on this machine. */
export function listSources(dataDir?: string): SourceStatus[] {
  const mnist = locateIdx('mnist', dataDir);
  const fashion = locateIdx('fashion-mnist', dataDir);
  const cifar = locateCifar(dataDir);
  return [
    {
      name: 'synthetic',
      description: '28x28 grayscale shapes, 10 classes, generated (no files, no network)',
      location: '(built in)',
    },
    {
      name: 'mnist',
      description: 'handwritten digits, 1x28x28, 60,000 + 10,000',
      location: mnist.ok ? mnist.value.dir : null,
    },
    {
      name: 'fashion-mnist',
      description: 'Zalando clothing, 1x28x28, 60,000 + 10,000',
      location: fashion.ok ? fashion.value.dir : null,
    },
    {
      name: 'cifar10',
      description: 'colour photos, 3x32x32, 50,000 + 10,000',
      location: cifar.ok ? cifar.value.dir : null,
    },
    { name: 'folder:PATH', description: 'your images, one sub-folder per class (PNG, JPEG, WebP)', location: null },
    { name: 'csv:PATH', description: 'your table: numeric feature columns and a label column', location: null },
  ];
}
