/** The interface every per-kind ONNX export implements (`app/layers/<kind>/onnx.ts`). */
import type { GraphNode, Shape } from '../../graph/types';
import { ok, type Result } from '../../result';
import type { OnnxBuilder } from './builder';
import type { OnnxAttr } from './types';

export interface OpContext<P = Record<string, unknown>> {
  b: OnnxBuilder;
  node: GraphNode;
  /** The node's params parsed by its kind's schema (defaults filled) with the inferred sizes. */
  p: P;
  inputs: string[];
  inShapes: Shape[];
  outShape: Shape;
  /** The initializer holding this node's (or its shared owner's) parameter, e.g. `weight`. */
  param(name: string): Result<string>;
}

/**
 * One layer node as ONNX operators (opset 13), PyTorch's eval-mode semantics; returns the output
 * value, or one value per output for kinds with several (Split, Chunk).
 */
export type OnnxConvert<P = Record<string, unknown>> = (c: OpContext<P>) => Result<string | string[]>;

/** One ONNX operator on the first input. */
export const unary =
  <P = Record<string, unknown>>(op: string, attrs: (p: P) => Record<string, OnnxAttr> = () => ({})): OnnxConvert<P> =>
  (c) =>
    ok(c.b.op(op, [c.inputs[0]], attrs(c.p)));

/** The node's input followed by its `weight` and, where `bias` is set, its `bias` initializers. */
export function weightInputs(c: OpContext, bias: boolean): Result<string[]> {
  const w = c.param('weight');
  if (!w.ok) return w;
  const ins = [c.inputs[0], w.value];
  if (bias) {
    const b = c.param('bias');
    if (!b.ok) return b;
    ins.push(b.value);
  }
  return ok(ins);
}
