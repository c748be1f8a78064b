/** The interface every per-kind conversion implements (one file per kind in convert/, listed in table.ts). */
import type { GraphNode } from '../../graph/types';
import type { Result } from '../../result';
import type { CustomLayers } from './custom';
import type { Params } from './params';
import type { Layer, SymbolicTensor, Tf } from './tf';

/**
 * How one PyTorch tensor (`weight`, `running_var`, ...) of a node maps to a tfjs weight.
 * conv: tf [kh, kw, in, out] <-> torch [out, in, kh, kw]; depthwise: tf [kh, kw, C, m] <->
 * torch [C*m, 1, kh, kw]; conv1d: tf [1, k, in, out] <-> torch [out, in, k]; linear: tf [in, out] <-> torch [out, in]; same: identical;
 * counter: BatchNorm's num_batches_tracked, held on the layer object.
 */
export interface ParamBinding {
  name: string;
  kind: 'conv' | 'conv1d' | 'depthwise' | 'linear' | 'same' | 'counter';
  layer: Layer;
  /** The tfjs weight's own name (`kernel`, `gamma`); unused for counters. */
  weight: string;
  trainable: boolean;
}

export interface ConvertContext<P = Params> {
  tf: Tf;
  custom: CustomLayers;
  node: GraphNode;
  /** The node's params (PyTorch names, defaults filled where the registry provides them). */
  p: P;
  /** Symbolic inputs in port order; layouts as in layout.ts. */
  inputs: SymbolicTensor[];
  /** Unique, tfjs-safe base name for the layers of this node. */
  name: string;
  /** The next node is a ReLU that only this node feeds: build it in as the layer's activation if the layer can. */
  fuseRelu?: boolean;
}

export interface Built {
  /**
   * Apply the node's layers (called again, with the same layers, for `shares` nodes). Kinds with
   * several outputs (Split, Chunk) return one tensor per output, in port order.
   */
  apply(inputs: SymbolicTensor[]): SymbolicTensor | SymbolicTensor[];
  bindings: ParamBinding[];
  /** The ReLU after this node was built into its layer (see ConvertContext.fuseRelu). */
  fusedRelu?: boolean;
}

/** A kind's build, typed by its own params (the compiler parses them with the kind's schema first, defaults filled). */
export type Converter<P = Params> = (ctx: ConvertContext<P>) => Result<Built>;

/** A conversion that is one tfjs layer applied to the first input. */
export function single(layer: Layer, bindings: ParamBinding[] = []): Built {
  return { apply: (xs) => layer.apply(xs[0]) as SymbolicTensor, bindings };
}
