import type { Converter } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { ok } from '../../result';
import type { GroupNormParams } from './spec';

/** GroupNorm: the custom TorchGroupNorm (custom/groupnorm.ts). */
export const groupNorm: Converter<GroupNormParams> = ({ custom, p, name }) => {
  const layer = new custom.GroupNorm({ groups: p.num_groups, eps: p.eps, affine: p.affine, name });
  const b = p.affine
    ? [
        { name: 'weight', kind: 'same' as const, layer, weight: 'weight', trainable: true },
        { name: 'bias', kind: 'same' as const, layer, weight: 'bias', trainable: true },
      ]
    : [];
  return ok(single(layer, b));
};
