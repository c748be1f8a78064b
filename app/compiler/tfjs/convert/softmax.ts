import { ok } from '../../../result';
import type { Converter } from '../converter';
import { single } from '../converter';
import { internalAxis } from '../layout';

/** PyTorch's dim for Softmax/LogSoftmax (dim=None picks 0 for 0-, 1- and 3-d inputs, else 1), as an internal axis. */
export function softmaxAxis(dim: unknown, rank: number): number {
  const d = typeof dim === 'number' ? dim : rank === 0 || rank === 1 || rank === 3 ? 0 : 1;
  return internalAxis(d, rank);
}

export const softmax: Converter = ({ tf, p, inputs, name }) =>
  ok(single(tf.layers.softmax({ axis: softmaxAxis(p.dim, inputs[0].rank), name })));
