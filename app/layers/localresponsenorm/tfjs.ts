import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { num } from '../../compiler/tfjs/params';

/** LocalResponseNorm as PyTorch defines it (alpha divided by size; asymmetric window for even sizes). */
export const localResponseNorm: Converter = ({ custom, p, inputs, name }) =>
  ok(single(new custom.LRN({
    size: num(p, 'size', 5), alpha: num(p, 'alpha', 1e-4), beta: num(p, 'beta', 0.75), k: num(p, 'k', 1),
    channelAxis: inputs[0].rank === 4 ? 3 : 1, name,
  })));
