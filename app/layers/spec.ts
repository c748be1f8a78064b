import type { z } from 'zod';
import type { Shape } from '../graph/types';
import type { Result } from '../result';

/** A one-click fix for the error `inferShape` returned; the analyzer adds the node id (see shapes/types Fix). */
export type LayerFix =
  | { kind: 'insertBefore'; layerType: string; params?: Record<string, unknown>; label: string }
  | { kind: 'setParam'; param: string; value: unknown; label: string };

export type LayerCategory =
  'input' | 'conv' | 'pool' | 'norm' | 'activation' | 'dropout' | 'linear' | 'reshape' | 'merge';

/** A learnable parameter or buffer of one layer, named as PyTorch names it (`weight`, `running_mean`). */
export interface TensorInfo {
  name: string;
  shape: Shape;
  /** Parameters: trainable. Buffers are never trainable. */
  trainable: boolean;
}

/**
 * One layer kind. Adding a kind is one file exporting a LayerSpec plus one line in registry.ts.
 * Every function here is pure and never throws: a problem a person can cause is an `err(...)`
 * whose message names the problem and the fix.
 */
export interface LayerSpec<P extends Record<string, unknown> = Record<string, unknown>> {
  /** PyTorch class name; persisted in files, never renamed. */
  type: string;
  category: LayerCategory;
  /** One line for the palette tooltip. */
  description: string;
  /** Number of inputs accepted: Input 0..0, most layers 1..1, Add 2..Infinity, Concat 1..Infinity. */
  inputs: { min: number; max: number };
  /** Parameters with PyTorch's names and defaults. `parse` fills defaults; failures name the field. */
  schema: z.ZodType<P>;
  /** Parameters inferred from the incoming shape and shown read-only (`in_channels`). */
  inferred?: readonly string[];
  /** Output shape for the given input shapes, or an error saying how to fix it. */
  inferShape(inputs: Shape[], params: P): Result<Shape>;
  /**
   * Kinds with several outputs (Split, Chunk): the shape of each output, in order, or the error.
   * Their `inferShape` returns output 0. Absent: one output, `inferShape`'s.
   */
  inferOutputs?(inputs: Shape[], params: P): Result<Shape[]>;
  /** Kinds with several outputs: how many the params alone say (a list of sections), for the canvas before shapes are known. */
  outputCount?(params: P): number | undefined;
  /** Optional: the fix for the error inferShape returns for these inputs (an inferred count that disagrees, a missing Flatten). */
  fix?(inputs: Shape[], params: P): LayerFix | undefined;
  /**
   * Optional: an error the node carries even when its shape infers (the import placeholder
   * `Unsupported`): the analyzer reports it on the node but keeps its shape for the layers after it.
   * `replaceWith`: kinds that could take the node's place; the analyzer offers the first that
   * accepts its inputs with default arguments and gives the same shape as a one-click replace.
   */
  problem?(params: P, inputs: Shape[]): { message: string; replaceWith?: string[] } | undefined;
  /** Values of the inferred parameters (`{ in_channels: 6 }`) for the given input shapes. */
  infer?(inputs: Shape[], params: P): Record<string, number>;
  /** Learnable parameters in PyTorch registration order (`weight`, then `bias`). */
  parameters(inputs: Shape[], params: P): TensorInfo[];
  /** Buffers in PyTorch order (`running_mean`, `running_var`, `num_batches_tracked`). */
  buffers(inputs: Shape[], params: P): TensorInfo[];
  /** Multiply-accumulate operations per sample. */
  macs(inputs: Shape[], output: Shape, params: P): number;
  /** The text print(model) shows for this module, exactly as PyTorch: `Conv2d(1, 6, kernel_size=(5, 5), stride=(1, 1))`. */
  repr(inputs: Shape[], params: P): string;
  /** Short summary of the key parameters for the node face (`6, k5, p2`). */
  summary(params: P): string;
  /** False for kinds that are not nn.Modules in PyTorch (Input, Add, Concat). */
  isModule: boolean;
  /** Help for a person learning CNNs, shown by the inspector; every parameter of the schema has a sentence. */
  help: LayerHelp;
}

/** What a layer does and what each parameter means: PyTorch's default, the shape rule, the course concept. */
export interface LayerHelp {
  /** A few sentences: what the layer computes, its shape rule, when to use it. */
  summary: string;
  /** One or two sentences per parameter of the schema, keyed by PyTorch's parameter name. */
  params: Record<string, string>;
}

export type AnyLayerSpec = LayerSpec<Record<string, unknown>>;

/** The params type of a spec (`ParamsOf<typeof relu>`), for typing a kind's target entries. */
export type ParamsOf<S> = S extends LayerSpec<infer P> ? P : never;
