/**
 * What each layer kind provides besides its spec: one entry per target, each in its own file of
 * the kind's folder (`tfjs.ts`, `pytorch.ts`, `onnx.ts`) so the renderer, which loads only
 * `spec.ts`, never pulls in target code. Type-only imports: nothing here runs a compiler.
 */
import type { Built, ConvertContext, Converter } from '../compiler/tfjs/converter';
import type { OnnxConvert, OpContext } from '../compiler/onnx/op';
import type { PytorchEntry } from '../compiler/pytorch/entry';
import type { KerasImport, OnnxImport } from '../importers/kind-import';
import type { Result } from '../result';
import type { LayerSpec } from './spec';

/** A kind's entries, each typed by the kind's own params `P` (as its spec's schema parses them). */
export interface KindTargets<P> {
  /** TensorFlow.js build (app/compiler/tfjs). */
  tfjs: Converter<P>;
  /** PyTorch code: constructor arguments and functional form (app/compiler/pytorch). */
  pytorch: PytorchEntry<P>;
  /** ONNX export (app/compiler/onnx). */
  onnx: OnnxConvert<P>;
  /** ONNX import: the operators this kind reads (`onnx-import.ts`; app/importers/kind-import.ts). */
  onnxImport?: OnnxImport;
  /** Keras import: the layer classes this kind reads (`keras-import.ts`). */
  kerasImport?: KerasImport;
}

/**
 * The entries as the compilers' tables hold them, for any kind. Method syntax: an entry typed by its
 * kind's params is accepted for any params, which is sound because every compiler parses a node's
 * params with that kind's schema before it calls the entry.
 */
export interface LayerTargets {
  /** The kind's PyTorch type name, as its spec says. */
  type: string;
  tfjs(ctx: ConvertContext): Result<Built>;
  pytorch: PytorchEntry;
  onnx(c: OpContext): Result<string | string[]>;
  onnxImport?: OnnxImport;
  kerasImport?: KerasImport;
}

/** The names of the targets every kind must provide (the coverage test walks them). */
export const TARGET_NAMES = ['tfjs', 'pytorch', 'onnx'] as const;

/** Joins a kind's entries, checked against its spec's params type. */
export function defineTargets<P extends Record<string, unknown>>(
  spec: LayerSpec<P>,
  t: KindTargets<NoInfer<P>>,
): LayerTargets {
  return { ...t, type: spec.type };
}
