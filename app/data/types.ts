/**
 * In-memory datasets, shared by the data loaders (main/node/data), the training worker and
 * evaluation. Samples are stored contiguously, per sample in PyTorch order [C, H, W] (or [F]).
 */
export interface Dataset {
  /** Per-sample shape, PyTorch order: [1, 28, 28] for MNIST, [3, 32, 32] for CIFAR-10, [F] for tables. */
  shape: number[];
  /**
   * n * prod(shape) values, sample-major, channel-first. Image sources keep their pixels as bytes
   * (a Uint8Array: the value is byte / 255, as `transforms.ToTensor()` gives it), a quarter of the
   * memory of float32, like torchvision's datasets; other sources keep float32 values. Read
   * samples with app/data/samples.ts, which turns bytes into values and applies `norm`.
   */
  x: Float32Array | Uint8Array;
  /**
   * The normalization every read applies (`transforms.Normalize(mean, std)`, one value per
   * channel), set by prepareData; absent: the values as stored.
   */
  norm?: ChannelStats;
  /** Class index per sample. */
  y: Int32Array;
  /** Number of samples. */
  n: number;
  /** Class names, index = label. */
  classes: string[];
}

/** The splits a source provides before the project's own split is applied. */
export interface SourceSplits {
  name: string;
  train: Dataset;
  /** The source's own test split (MNIST's t10k), if it has one. */
  test?: Dataset;
  /** The folder its files were read from (the built-in datasets, found by searching several). */
  from?: string;
  /** Where a data folder was given but `from` is another place: what is wrong with it and the fix. */
  fromNote?: string;
}

/** Progress of a long operation: `done` of `total` units (bytes, files, samples). */
export interface Progress {
  phase: string;
  done: number;
  total: number;
}
export type ProgressFn = (p: Progress) => void;

/** The dataset sources Netloom can load (see main/node/data/index.ts). */
export type SourceName = 'mnist' | 'fashion-mnist' | 'cifar10' | 'synthetic' | 'folder' | 'csv';

/** Which source to load and where from. Fields after `path` are optional refinements. */
export interface SourceSpec {
  name: SourceName;
  /** A folder the person picked; searched first (MNIST, Fashion-MNIST, CIFAR-10). */
  dataDir?: string;
  /** The image folder or CSV file (`folder`, `csv`). */
  path?: string;
  /** Per-sample shape the network takes, [C, H, W]: image folders are resized and converted to match. */
  shape?: number[];
  /** CSV: the label column's header name (default `label`). */
  label?: string;
  /** Download into the cache from the public mirrors when the files are not found. */
  download?: boolean;
  /** Synthetic set: sample counts and seed. */
  trainSize?: number;
  testSize?: number;
  seed?: number;
}

/** Per-channel statistics, as `transforms.Normalize(mean, std)` takes them. */
export interface ChannelStats {
  mean: number[];
  std: number[];
}
