import type { Converter } from '../../compiler/tfjs/converter';
import type { SymbolicTensor } from '../../compiler/tfjs/tf';
import { ok } from '../../result';
import type { ParamsOf } from '../spec';
import type { mul as spec } from './spec';

/** Mul: a * b with broadcasting; both inputs share one layout (layout.ts), so size-1 dims line up. */
export const mul: Converter<ParamsOf<typeof spec>> = ({ custom, name }) => {
  let calls = 0;
  return ok({
    apply: (xs) => new custom.Mul({ name: `${name}${calls++ ? `_${calls}` : ''}` }).apply(xs) as SymbolicTensor,
    bindings: [],
  });
};
