import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { internalAxis } from '../../compiler/tfjs/layout';
import type { ConcatParams } from './spec';
import type { SymbolicTensor } from '../../compiler/tfjs/tf';

/** Concat along PyTorch's dim (default 1, the channels), mapped to the internal axis. */
export const concat: Converter<ConcatParams> = ({ tf, p, inputs, name }) => {
  const axis = internalAxis(p.dim, inputs[0].rank);
  let calls = 0;
  return ok({
    apply: (xs) =>
      xs.length === 1
        ? xs[0]
        : (tf.layers.concatenate({ axis, name: `${name}${calls++ ? `_${calls}` : ''}` }).apply(xs) as SymbolicTensor),
    bindings: [],
  });
};
