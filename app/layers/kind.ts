/**
 * What each layer kind provides besides its spec: one entry per target, each in its own file of
 * the kind's folder (`tfjs.ts`, `pytorch.ts`, `onnx.ts`) so the renderer, which loads only
 * `spec.ts`, never pulls in target code. Type-only imports: nothing here runs a compiler.
 */
import type { Converter } from '../compiler/tfjs/converter';
import type { OnnxConvert } from '../compiler/onnx/op';
import type { PytorchEntry } from '../compiler/pytorch/entry';
import type { LayerSpec } from './spec';

export interface LayerTargets {
  /** The kind's PyTorch type name, as its spec says. */
  type: string;
  /** TensorFlow.js build (app/compiler/tfjs). */
  tfjs: Converter;
  /** PyTorch code: constructor arguments and functional form (app/compiler/pytorch). */
  pytorch: PytorchEntry;
  /** ONNX export (app/compiler/onnx). */
  onnx: OnnxConvert;
}

/** The names of the targets every kind must provide (the coverage test walks them). */
export const TARGET_NAMES = ['tfjs', 'pytorch', 'onnx'] as const;

export function defineTargets<P extends Record<string, unknown>>(spec: LayerSpec<P>, t: Omit<LayerTargets, 'type'>): LayerTargets {
  return { type: spec.type, ...t };
}
