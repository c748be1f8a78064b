/**
 * A kind's own training case (app/layers/<kind>/train-cases.ts exports `trainCases`): a small
 * network with the kind, whose loss and every gradient of one step must be the same on the wasm
 * and cpu backends (main/node/engine/wasm-kernels/compiled-parity.test.ts finds these files
 * itself, so a new kind joins without editing a list).
 */
import type { Graph } from '../../../graph/types';
import type { LossName } from '../../../training/losses';

export interface KindTrainCase {
  name: string;
  graph: () => Graph;
  loss: LossName;
  /** The per-sample input shape. */
  shape: number[];
}
