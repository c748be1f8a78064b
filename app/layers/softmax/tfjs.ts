import { ok } from '../../result';
import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { internalAxis } from '../../compiler/tfjs/layout';
import { softmaxBatchedDim } from '../softmax-common';
import type { ParamsOf } from '../spec';
import type { softmax as spec } from './spec';

/** PyTorch's dim for Softmax/LogSoftmax (softmax-common's rule) as an internal axis of a tensor of this (batched) rank. */
export function softmaxAxis(dim: number | null, rank: number): number {
  return internalAxis(softmaxBatchedDim(dim, rank - 1), rank);
}

/** Softmax: tfjs's layer along the last internal axis, else TorchSoftmax. */
export const softmax: Converter<ParamsOf<typeof spec>> = ({ tf, custom, p, inputs, name }) => {
  const rank = inputs[0].rank;
  const axis = softmaxAxis(p.dim, rank);
  return ok(
    single(axis === rank - 1 ? tf.layers.softmax({ axis: -1, name }) : new custom.Softmax({ axis, log: false, name })),
  );
};
