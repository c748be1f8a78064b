/** The tfjs build Split and Chunk share: one TorchSplit layer returning a tensor per piece (custom/split.ts). */
import type { Shape } from '../../../graph/types';
import { splitDim } from '../../../layers/split-common';
import { err, ok, type Result } from '../../../result';
import type { Converter } from '../converter';
import { internalAxis, torchShape } from '../layout';
import type { SymbolicTensor } from '../tf';

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
