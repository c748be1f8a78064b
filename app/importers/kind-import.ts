/**
 * The interface of a layer kind's import entries: `app/layers/<kind>/onnx-import.ts` (the ONNX
 * operators it reads) and `app/layers/<kind>/keras-import.ts` (the Keras layer classes it reads),
 * joined into the kind's `targets.ts` by `defineTargets`. The importers' dispatch tables
 * (importers/tables.ts) and their "Netloom imports ..." messages are derived from these entries.
 * Type-only for the kinds: nothing here runs an importer.
 */
import type { Shape } from '../graph/types';
import type { Result } from '../result';
import type { Attrs } from './onnx-types';

/** A weight as the importer reads it: values (row-major, PyTorch layout) and PyTorch shape. */
export type ImportedWeight = [values: ArrayLike<number> | undefined, shape: number[]];

/** One Netloom layer: its PyTorch type, params as the kind's schema reads them, and weights by PyTorch name. */
export interface ImportedLayer {
  type: string;
  params: Record<string, unknown>;
  weights?: Record<string, ImportedWeight>;
}

/** What one ONNX node reads, for a kind's converter. */
export interface OnnxImportContext {
  op: string;
  attrs: Attrs;
  /** The node's inputs as written (an omitted optional input is ''). */
  inputs: string[];
  /** Its non-empty inputs. */
  ins: string[];
  /** How many of `ins` are data values (the others are constants). */
  dataCount: number;
  /** The per-sample shape of the first data input. */
  inShape: Shape;
  /** A constant's values (initializer, Constant node or folded shape arithmetic), or undefined. */
  constant(name: string): Float64Array | undefined;
  /** A constant's dims ([] when it is not one). */
  dims(name: string): number[];
  /** The layer type that Netloom's own export declares for this node's output, if any. */
  declaredType?: string;
  /** How many outputs the node has (Split: one per piece). */
  outputCount: number;
  /** The file's producer_name: 'pytorch' for torch.onnx.export, 'netloom' for Netloom's export. */
  producer?: string;
}

/**
 * A converter's answer: the layer, `'input'` (the node passes its data input through: no layer) or
 * `'unsupported'` (the importer reports the operator as unsupported, listing what it imports); an
 * error is one sentence without the file and node, which the importer puts in front.
 */
export type OnnxImported = ImportedLayer | 'input' | 'unsupported';

/** A kind's ONNX import entry. Multi-node forms are patterns (importers/onnx-patterns.ts). */
export interface OnnxImport {
  /**
   * The operator types this entry reads. Each has one owner, an entry without `claims`; other kinds
   * may read some of its nodes through `claims`.
   */
  ops: readonly string[];
  /**
   * Which nodes of these operators this kind reads although another kind owns the operator (e.g.
   * GlobalMaxPool over [C, L]); the others go to the owner. Absent: this kind owns its operators.
   */
  claims?: (c: OnnxImportContext) => boolean;
  convert: (c: OnnxImportContext) => Result<OnnxImported>;
}

/** A value of the Keras importer: a graph node with its layout and what a ZeroPadding2D left pending. */
export interface KerasValue {
  id: string;
  /** Keras's channels-last layout ([H, W, C] per sample). */
  nhwc: boolean;
  /** PyTorch per-sample shape. */
  shape: Shape;
  /** Zero padding [top, bottom, left, right] a ZeroPadding2D left for the next layer (shape is before it). */
  pad?: [number, number, number, number];
  /** The ZeroPad2d node made for `pad`, once. */
  padded?: KerasValue;
  /** A Flatten of an [H, W, C] map: its Keras order, for the next Dense's rows. */
  flatHWC?: [number, number, number];
}

/** What one Keras layer reads and the importer's helpers, for a kind's converter. */
export interface KerasImportContext {
  className: string;
  config: Record<string, unknown>;
  ins: KerasValue[];
  /** The first input. */
  x: KerasValue;
  /** Adds a layer reading `from`; its output is in the given layout. */
  add: (type: string, params: Record<string, unknown>, from: KerasValue[], nhwc: boolean) => Result<KerasValue>;
  /** `v` with its pending zero padding applied (a ZeroPad2d node, made once per value). */
  padded: (v: KerasValue) => Result<KerasValue>;
  /** The symmetric [h, w] padding pending on `x` that a layer may take as its own padding (at most maxPad), or null. */
  foldable: (maxPad?: [number, number]) => [number, number] | null;
  /** The layer's weight of this Keras name (kernel, bias, gamma, ...), if the weights file has it. */
  weight: (name: string) => { shape: number[]; values: Float32Array } | undefined;
  /** Stores a weight of node `id` under its PyTorch name; values of the wrong size are an error. */
  put: (id: string, param: string, shape: number[], values: ArrayLike<number> | undefined) => Result<void>;
  /** Applies the layer's `activation` config (Conv2D, Dense) after `v`. */
  activation: (v: KerasValue) => Result<KerasValue>;
  /** An error naming the file and the layer: `${file}: layer 'name' (Class): ${message}`. */
  fail: (message: string) => Result<never>;
}

/** A kind's Keras import entry. */
export interface KerasImport {
  /** The Keras layer classes this entry reads; each is read by one kind only. */
  classes: readonly string[];
  /** Whether the entry takes a pending ZeroPadding2D itself (`x.pad`); for the others the importer pads first. */
  takesPadding?: boolean;
  convert: (c: KerasImportContext) => Result<KerasValue>;
}
