import { err, ok } from '../../../result';
import type { Converter, ParamBinding } from '../converter';
import { single } from '../converter';
import type { BatchNormParams } from '../../../layers/batchnorm-common';

/** BatchNorm1d ([F] or [C, L]) and BatchNorm2d ([C, H, W]) with PyTorch's momentum, eps and running_var. */
export function batchNormConverter(dims: 1 | 2): Converter<BatchNormParams> {
  return ({ custom, node, p, inputs, name }) => {
    const x = inputs[0];
    const okRank = dims === 2 ? x.rank === 4 : x.rank === 2 || x.rank === 3;
    if (!okRank) return err(`${node.type} '${node.id}' needs a ${dims === 2 ? '[C, H, W]' : '[F] or [C, L]'} input.`);
    const axis = x.rank === 4 ? 3 : 1;
    const { momentum, affine, track_running_stats: track } = p;
    const layer = new custom.BatchNorm({ axis, eps: p.eps, momentum, affine, trackRunningStats: track, name });
    const b: ParamBinding[] = [];
    if (affine) {
      b.push({ name: 'weight', kind: 'same', layer, weight: 'gamma', trainable: true });
      b.push({ name: 'bias', kind: 'same', layer, weight: 'beta', trainable: true });
    }
    if (track) {
      b.push({ name: 'running_mean', kind: 'same', layer, weight: 'moving_mean', trainable: false });
      b.push({ name: 'running_var', kind: 'same', layer, weight: 'moving_variance', trainable: false });
      b.push({ name: 'num_batches_tracked', kind: 'counter', layer, weight: '', trainable: false });
    }
    return ok(single(layer, b));
  };
}
