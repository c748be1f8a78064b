/** The ONNX export Split and Chunk share: one Split node (opset 13, sizes as an input), an output per piece. */
import type { Shape } from '../../graph/types';
import { splitDim } from '../../layers/split-common';
import { ok, type Result } from '../../result';
import { int } from './builder';
import type { OnnxConvert } from './op';

/** ONNX Split (opset 13: the sizes as an int64 input), one output value per piece. */
export const splitOnnx =
  <P extends { dim: number }>(shapes: (inputs: Shape[], p: P) => Result<Shape[]>): OnnxConvert<P> =>
  (c) => {
    const outs = shapes(c.inShapes, c.p);
    if (!outs.ok) return outs;
    const d = splitDim(c.p.dim, c.inShapes[0]);
    if (!d.ok) return d;
    const sizes = c.b.intConst(
      'split_sizes',
      outs.value.map((s) => s[d.value - 1]),
    );
    return ok(c.b.opMany('Split', [c.inputs[0], sizes], outs.value.length, { axis: int(d.value) }));
  };
