import type { Converter } from '../../compiler/tfjs/converter';
import type { SymbolicTensor } from '../../compiler/tfjs/tf';
import { ok } from '../../result';

/** Mul: a * b with broadcasting; both inputs share one layout (layout.ts), so size-1 dims line up. */
export const mul: Converter = ({ custom, name }) => {
  let calls = 0;
  return ok({
    apply: (xs) => new custom.Mul({ name: `${name}${calls++ ? `_${calls}` : ''}` }).apply(xs) as SymbolicTensor,
    bindings: [],
  });
};
