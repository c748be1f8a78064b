import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { torchShape } from '../../compiler/tfjs/layout';
import { internalAxis } from '../../compiler/tfjs/layout';
import { err, ok } from '../../result';
import { meanDims, type mean as spec } from './spec';
import type { ParamsOf } from '../spec';

/** Mean: the custom TorchMean over the internal axes of PyTorch's dims (custom/mean.ts). */
export const mean: Converter<ParamsOf<typeof spec>> = ({ custom, p, inputs, name }) => {
  const rank = inputs[0].rank;
  const dims = meanDims(torchShape(inputs[0]).length, p);
  if (!dims.ok) return err(dims.error);
  const axes = dims.value.map((d) => internalAxis(d, rank)).sort((a, b) => a - b);
  return ok(single(new custom.Mean({ axes, keepDims: p.keepdim, name })));
};
