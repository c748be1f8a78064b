import type { PytorchEntry } from '../../compiler/pytorch/entry';
import type { ParamsOf } from '../spec';
import type { channelShuffle as spec } from './spec';

/**
 * PyTorch 1.13's channel_shuffle has no derivative ("derivative for channel_shuffle is not
 * implemented"), so model.py defines torchvision's view/transpose form (shufflenet_v2), as a
 * subclass of nn.ChannelShuffle of the same name (print(model) unchanged) and as a function.
 */
const code = `def channel_shuffle(x, groups):
    """torchvision's channel shuffle: differentiable, unlike PyTorch 1.13's F.channel_shuffle."""
    n, c = x.shape[:2]
    return x.reshape(n, groups, c // groups, *x.shape[2:]).transpose(1, 2).reshape(x.shape)


class ChannelShuffle(nn.ChannelShuffle):
    """nn.ChannelShuffle computed by channel_shuffle(), so that it trains."""

    def forward(self, x):
        return channel_shuffle(x, self.groups)`;

export const pytorch: PytorchEntry<ParamsOf<typeof spec>> = {
  positional: ['groups'],
  functional: ({ inputs, args }) => `channel_shuffle(${inputs[0]}, ${args.get('groups')})`,
  python: { module: 'ChannelShuffle', code },
};
