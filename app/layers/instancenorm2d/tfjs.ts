import type { Converter, ParamBinding } from '../../compiler/tfjs/converter';
import { single } from '../../compiler/tfjs/converter';
import { err, ok } from '../../result';
import type { InstanceNormParams } from './spec';

/** InstanceNorm2d: the custom TorchInstanceNorm on NHWC (custom/instancenorm.ts). */
export const instanceNorm2d: Converter<InstanceNormParams> = ({ custom, node, p, inputs, name }) => {
  if (inputs[0].rank !== 4) return err(`InstanceNorm2d '${node.id}' needs a [C, H, W] input.`);
  const track = p.track_running_stats;
  const layer = new custom.InstanceNorm({
    eps: p.eps,
    momentum: p.momentum,
    affine: p.affine,
    trackRunningStats: track,
    name,
  });
  const b: ParamBinding[] = [];
  if (p.affine) {
    b.push({ name: 'weight', kind: 'same', layer, weight: 'weight', trainable: true });
    b.push({ name: 'bias', kind: 'same', layer, weight: 'bias', trainable: true });
  }
  if (track) {
    b.push({ name: 'running_mean', kind: 'same', layer, weight: 'running_mean', trainable: false });
    b.push({ name: 'running_var', kind: 'same', layer, weight: 'running_var', trainable: false });
    b.push({ name: 'num_batches_tracked', kind: 'counter', layer, weight: '', trainable: false });
  }
  return ok(single(layer, b));
};
