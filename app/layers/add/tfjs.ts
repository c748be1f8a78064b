import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import type { SymbolicTensor } from '../../compiler/tfjs/tf';
import type { ParamsOf } from '../spec';
import type { add as spec } from './spec';

/** Add (residual): elementwise sum of all inputs. */
export const add: Converter<ParamsOf<typeof spec>> = ({ tf, name }) => {
  let calls = 0;
  return ok({
    apply: (xs) =>
      xs.length === 1
        ? xs[0]
        : (tf.layers.add({ name: `${name}${calls++ ? `_${calls}` : ''}` }).apply(xs) as SymbolicTensor),
    bindings: [],
  });
};
