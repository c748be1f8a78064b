import { z } from 'zod';
import { err, ok } from '../../result';
import { posInt } from '../fields';
import type { LayerSpec } from '../spec';
import { oneInput } from '../util';

const schema = z.strictObject({ groups: posInt() });
export type ChannelShuffleParams = z.infer<typeof schema>;

export const channelShuffle: LayerSpec<ChannelShuffleParams> = {
  type: 'ChannelShuffle',
  category: 'reshape',
  description: "Interleaves the channels of groups groups (nn.ChannelShuffle), as ShuffleNet's channel_shuffle.",
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = inputs[0];
    if (x && x.length < 2)
      return err(`channel_shuffle expects input with > 2 dims, but got input with sizes [N, ${x.join(', ')}]`);
    const r = oneInput(inputs, [2, 3, 4], '[C, L] or [C, H, W]');
    if (!r.ok) return r;
    const c = r.value[0];
    if (c % p.groups !== 0)
      return err(
        `Number of channels must be divisible by groups. Got ${c} channels and ${p.groups} groups. Pick groups dividing ${c}`,
      );
    return ok(r.value.slice());
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `ChannelShuffle(groups=${p.groups})`,
  summary: (p) => `${p.groups} groups`,
  isModule: true,
  help: {
    summary:
      'Reorders the channels so that the groups of a grouped convolution mix: with groups g the C channels are viewed as [g, C/g], transposed to [C/g, g] and flattened again, so channel i of group k moves to position i*g + k. ShuffleNet puts it after each grouped or split branch. No weights; shape unchanged.',
    params: {
      groups: 'How many groups the channels form (ShuffleNet V2 uses 2); it must divide the channel count.',
    },
  },
};
