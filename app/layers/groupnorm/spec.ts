import { z } from 'zod';
import { err, ok } from '../../result';
import { bool, inferredCount, posInt, positiveFloat } from '../fields';
import { fmtShape, pyBool, pyFloat } from '../pyrepr';
import type { LayerSpec } from '../spec';
import { countFrom, mismatchMessage, oneInput } from '../util';

const schema = z.strictObject({
  num_groups: posInt(),
  num_channels: inferredCount(),
  eps: positiveFloat().default(1e-5),
  affine: bool().default(true),
});
export type GroupNormParams = z.infer<typeof schema>;

const RANKS = [1, 2, 3, 4, 5];

export const groupNorm: LayerSpec<GroupNormParams> = {
  type: 'GroupNorm',
  category: 'norm',
  description: 'Group normalization: channels split into num_groups groups, each normalized per sample (nn.GroupNorm).',
  inputs: { min: 1, max: 1 },
  schema,
  inferred: ['num_channels'],
  inferShape(inputs, p) {
    const x = oneInput(inputs, RANKS, 'a tensor with channels first ([C], [C, L], [C, H, W])');
    if (!x.ok) return x;
    const c = x.value[0];
    const n = p.num_channels ?? c;
    if (n % p.num_groups !== 0)
      return err(
        `num_channels must be divisible by num_groups: ${n} channels cannot form ${p.num_groups} groups; pick num_groups dividing ${n}`,
      );
    if (p.num_channels !== null && p.num_channels !== c)
      return err(mismatchMessage('num_channels', p.num_channels, c, x.value, 'channels'));
    return ok(x.value.slice());
  },
  fix(inputs, p) {
    const c = inputs[0]?.[0];
    if (c !== undefined && p.num_channels !== null && p.num_channels !== c)
      return { kind: 'setParam', param: 'num_channels', value: c, label: `Set num_channels to ${c}` };
    return undefined;
  },
  infer: (inputs): Record<string, number> => {
    const c = inputs[0]?.[0];
    return c === undefined ? {} : { num_channels: c };
  },
  parameters(inputs, p) {
    const c = countFrom(inputs, 0, p.num_channels) ?? 0;
    return p.affine
      ? [
          { name: 'weight', shape: [c], trainable: true },
          { name: 'bias', shape: [c], trainable: true },
        ]
      : [];
  },
  buffers: () => [],
  macs: () => 0,
  repr: (inputs, p) =>
    `GroupNorm(${p.num_groups}, ${countFrom(inputs, 0, p.num_channels) ?? '?'}, eps=${pyFloat(p.eps)}, affine=${pyBool(p.affine)})`,
  summary: (p) => [`${p.num_groups} groups`, p.affine ? '' : 'no affine'].filter((v) => v !== '').join(', '),
  isModule: true,
  help: {
    summary:
      'Splits the channels into num_groups groups and normalizes each group of each sample over its channels and positions to mean 0 and variance 1, then applies a learned per-channel weight and bias. It needs no batch statistics, so it works with batches of 1 or 2 where BatchNorm2d fails, and train() and eval() agree. num_groups = 1 is LayerNorm over [C, H, W]; num_groups = C is InstanceNorm2d. Shape unchanged; the channels must divide into the groups.',
    params: {
      num_groups: `How many groups the channels are split into (32 in the paper); it must divide num_channels. Example: 6 channels ${fmtShape([6, 8, 8])} with 3 groups normalize channels 0-1, 2-3 and 4-5 together.`,
      num_channels: 'Channels of the input (dim 1); inferred from the input shape.',
      eps: 'Added to the variance before the square root, for numerical safety (default 1e-5).',
      affine: 'Learn a per-channel weight (ones) and bias (zeros) applied after normalizing (default True).',
    },
  },
};
