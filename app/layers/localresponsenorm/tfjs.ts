import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import type { LocalResponseNormParams } from './spec';

/** LocalResponseNorm as PyTorch defines it (alpha divided by size; asymmetric window for even sizes). */
export const localResponseNorm: Converter<LocalResponseNormParams> = ({ custom, p, inputs, name }) =>
  ok(
    single(
      new custom.LRN({
        size: p.size,
        alpha: p.alpha,
        beta: p.beta,
        k: p.k,
        channelAxis: inputs[0].rank === 4 ? 3 : 1,
        name,
      }),
    ),
  );
