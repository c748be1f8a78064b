/** The targets Split and Chunk share: one tfjs layer with several outputs, torch.split/chunk, ONNX Split. */
import { int } from '../compiler/onnx/builder';
import type { OnnxConvert } from '../compiler/onnx/op';
import type { Converter } from '../compiler/tfjs/converter';
import { internalAxis, torchShape } from '../compiler/tfjs/layout';
import type { SymbolicTensor } from '../compiler/tfjs/tf';
import type { Shape } from '../graph/types';
import { err, ok, type Result } from '../result';
import { splitDim } from './split-common';

/** The tfjs build of a kind whose output shapes `shapes` computes from the input (PyTorch order). */
export const splitConverter =
  <P extends { dim: number }>(shapes: (inputs: Shape[], p: P) => Result<Shape[]>): Converter<P> =>
  ({ custom, p, inputs, name }) => {
    const x = torchShape(inputs[0]);
    const outs = shapes([x], p);
    if (!outs.ok) return err(outs.error);
    const d = splitDim(p.dim, x);
    if (!d.ok) return d;
    const axis = internalAxis(d.value, inputs[0].rank);
    const sizes = outs.value.map((s) => s[d.value - 1]);
    let calls = 0;
    return ok({
      apply: (xs) => {
        const out = new custom.Split({ axis, sizes, name: `${name}${calls++ ? `_${calls}` : ''}` }).apply(xs[0]);
        return (Array.isArray(out) ? out : [out]) as SymbolicTensor[];
      },
      bindings: [],
    });
  };

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
