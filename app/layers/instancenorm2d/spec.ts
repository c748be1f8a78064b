import { z } from 'zod';
import { err, ok } from '../../result';
import { bool, inferredCount, positiveFloat } from '../fields';
import { pyBool, pyFloat } from '../pyrepr';
import type { LayerSpec } from '../spec';
import { countFrom, mismatchMessage, oneInput } from '../util';

const momentumMsg = 'must be a number between 0 and 1';
const schema = z.strictObject({
  num_features: inferredCount(),
  eps: positiveFloat().default(1e-5),
  // F.instance_norm takes a float: None (BatchNorm's cumulative average) is refused by PyTorch 1.13.
  momentum: z
    .number({ error: momentumMsg })
    .min(0, { error: momentumMsg })
    .max(1, { error: momentumMsg })
    .describe(momentumMsg)
    .default(0.1),
  affine: bool().default(false),
  track_running_stats: bool().default(false),
});
export type InstanceNormParams = z.infer<typeof schema>;

export const instanceNorm2d: LayerSpec<InstanceNormParams> = {
  type: 'InstanceNorm2d',
  category: 'norm',
  description: 'Instance normalization: each channel of each sample normalized over H and W (nn.InstanceNorm2d).',
  inputs: { min: 1, max: 1 },
  schema,
  inferred: ['num_features'],
  inferShape(inputs, p) {
    const x = oneInput(inputs, [3], '[C, H, W]');
    if (!x.ok) return x;
    const c = x.value[0];
    if (p.num_features !== null && p.num_features !== c)
      return err(mismatchMessage('num_features', p.num_features, c, x.value, 'channels'));
    return ok(x.value.slice());
  },
  fix(inputs, p) {
    const c = inputs[0]?.[0];
    if (c !== undefined && p.num_features !== null && p.num_features !== c)
      return { kind: 'setParam', param: 'num_features', value: c, label: `Set num_features to ${c}` };
    return undefined;
  },
  infer: (inputs): Record<string, number> => {
    const c = inputs[0]?.[0];
    return c === undefined ? {} : { num_features: c };
  },
  parameters(inputs, p) {
    const c = countFrom(inputs, 0, p.num_features) ?? 0;
    return p.affine
      ? [
          { name: 'weight', shape: [c], trainable: true },
          { name: 'bias', shape: [c], trainable: true },
        ]
      : [];
  },
  buffers(inputs, p) {
    const c = countFrom(inputs, 0, p.num_features) ?? 0;
    return p.track_running_stats
      ? [
          { name: 'running_mean', shape: [c], trainable: false },
          { name: 'running_var', shape: [c], trainable: false },
          { name: 'num_batches_tracked', shape: [], trainable: false },
        ]
      : [];
  },
  macs: () => 0,
  repr: (inputs, p) =>
    `InstanceNorm2d(${countFrom(inputs, 0, p.num_features) ?? '?'}, eps=${pyFloat(p.eps)}, momentum=${pyFloat(p.momentum)}, ` +
    `affine=${pyBool(p.affine)}, track_running_stats=${pyBool(p.track_running_stats)})`,
  summary: (p) =>
    [p.affine ? 'affine' : '', p.track_running_stats ? 'running stats' : ''].filter((v) => v !== '').join(', '),
  isModule: true,
  help: {
    summary:
      "Normalizes each channel of each sample over its own H and W to mean 0 and variance 1: the contrast of every image is removed, which style transfer and image generation want. By default (PyTorch's) it learns nothing and keeps no running statistics, so train() and eval() agree; with track_running_stats eval() uses running averages as BatchNorm2d does. Shape unchanged.",
    params: {
      num_features: 'Channels of the input (dim 1); inferred from the input shape.',
      eps: 'Added to the variance before the square root, for numerical safety (default 1e-5).',
      momentum:
        "How fast the running statistics follow each batch when track_running_stats is on (default 0.1): running = (1 - momentum) * running + momentum * (mean over the batch of each sample's statistics).",
      affine: 'Learn a per-channel weight and bias after normalizing (default False, unlike BatchNorm2d).',
      track_running_stats:
        "Keep running_mean and running_var and use them in eval() (default False: every mode normalizes with each sample's own statistics).",
    },
  },
};
