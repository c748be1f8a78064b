import { ok } from '../../../result';
import type { Converter } from '../converter';
import { single } from '../converter';
import { internalAxis } from '../layout';

/** PyTorch's dim for Softmax/LogSoftmax (dim=None picks 0 for 0-, 1- and 3-d inputs, else 1), as an internal axis. */
export function softmaxAxis(dim: unknown, rank: number): number {
  const d = typeof dim === 'number' ? dim : rank === 0 || rank === 1 || rank === 3 ? 0 : 1;
  return internalAxis(d, rank);
}

/** Softmax: tfjs's layer along the last internal axis, else TorchSoftmax. */
export const softmax: Converter = ({ tf, custom, p, inputs, name }) => {
  const rank = inputs[0].rank;
  const axis = softmaxAxis(p.dim, rank);
  return ok(single(axis === rank - 1 ? tf.layers.softmax({ axis: -1, name }) : new custom.Softmax({ axis, log: false, name })));
};
