/** The structural diff of two graphs (the experiment bench, `netloom diff`). */

export interface ParamChange {
  param: string;
  old: unknown;
  new: unknown;
}

export interface NodeDiff {
  status: 'added' | 'removed' | 'changed' | 'moved';
  /** Node id in A (absent for added) and in B (absent for removed). */
  a?: string;
  b?: string;
  type: string;
  /** Module path (B's for added, changed and moved; A's for removed), or the node id where it has none. */
  path: string;
  /** Parameters as written in the file, for added and removed nodes. */
  params?: Record<string, unknown>;
  changes?: ParamChange[];
  /** Containers (module paths, '' = the root) when the node moved between them. */
  moved?: { from: string; to: string };
}

export interface ContainerDiff {
  status: 'added' | 'removed';
  path: string;
  className: string;
}

export interface Totals {
  nodes: number;
  params: number;
  macs: number;
}

export interface GraphDiff {
  nodes: NodeDiff[];
  containers: ContainerDiff[];
  /** Matched node pairs [a, b] (changed, moved or the same). */
  pairs: [string, string][];
  /** Matched nodes with nothing different. */
  unchanged: number;
  totals: { a: Totals; b: Totals };
}

export interface SettingDiff {
  /** Dotted key (`training.lr`, `dataset.augment`). */
  key: string;
  a: unknown;
  b: unknown;
}
