import { z } from 'zod';
import type { Shape } from '../../graph/types';
import { err, ok } from '../../result';
import { bool, inferredCount, posInt } from '../fields';
import { fmtShape, pyBool } from '../pyrepr';
import type { LayerSpec } from '../spec';
import { mismatchMessage, numel } from '../util';

const schema = z.strictObject({
  in_features: inferredCount(),
  out_features: posInt(),
  bias: bool().default(true),
});
export type LinearParams = z.infer<typeof schema>;

/** As the module is built: the param when given (as PyTorch's constructor), else from the input. */
const inFeatures = (inputs: Shape[], p: LinearParams): number | null =>
  p.in_features ?? (inputs[0]?.length === 1 ? inputs[0][0] : null);

export const linear: LayerSpec<LinearParams> = {
  type: 'Linear',
  category: 'linear',
  description: 'Fully connected layer y = xWᵀ + b over [F] (nn.Linear); in_features is taken from the input.',
  inputs: { min: 1, max: 1 },
  schema,
  inferred: ['in_features'],
  inferShape(inputs, p) {
    const x = inputs[0];
    if (!x) return err('needs an input; connect one');
    // PyTorch would apply Linear to the last dimension of a [C, H, W] input. In a network drawn
    // here that is nearly always a forgotten Flatten, so it is an error with that fix.
    if (x.length !== 1) {
      const want = p.in_features ?? numel(x);
      return err(`Linear expects ${want} input features, gets ${fmtShape(x)}: insert Flatten`);
    }
    if (p.in_features !== null && p.in_features !== x[0])
      return err(mismatchMessage('in_features', p.in_features, x[0], x, 'features'));
    return ok([p.out_features]);
  },
  fix(inputs, p) {
    const x = inputs[0];
    if (!x) return undefined;
    if (x.length > 1)
      return { kind: 'insertBefore', layerType: 'Flatten', params: {}, label: 'Insert Flatten before this Linear' };
    if (x.length === 1 && p.in_features !== null && p.in_features !== x[0])
      return { kind: 'setParam', param: 'in_features', value: x[0], label: `Set in_features to ${x[0]}` };
    return undefined;
  },
  infer: (inputs): Record<string, number> => {
    const x = inputs[0];
    return x?.length === 1 ? { in_features: x[0] } : {};
  },
  parameters(inputs, p) {
    const f = inFeatures(inputs, p) ?? 0;
    const out = [{ name: 'weight', shape: [p.out_features, f], trainable: true }];
    if (p.bias) out.push({ name: 'bias', shape: [p.out_features], trainable: true });
    return out;
  },
  buffers: () => [],
  // MACs: in_features * out_features per sample; bias adds are not counted.
  macs: (inputs, _output, p) => (inFeatures(inputs, p) ?? 0) * p.out_features,
  repr: (inputs, p) =>
    `Linear(in_features=${inFeatures(inputs, p) ?? '?'}, out_features=${p.out_features}, bias=${pyBool(p.bias)})`,
  summary: (p) => `${p.in_features ?? ''}→${p.out_features}${p.bias ? '' : ', no bias'}`,
  isModule: true,
  help: {
    summary:
      'A fully connected layer: y = x W^T + b, every output feature a weighted sum of every input feature. It expects a flat [features] input, so put a Flatten after the convolutions ([C, H, W] -> [C*H*W]). Parameters: in_features x out_features + out_features.',
    params: {
      in_features: 'Size of each input sample (the last dimension); inferred from the input shape.',
      out_features:
        'Size of each output sample. The last Linear of a classifier has one output per class (10 for Fashion-MNIST).',
      bias: 'Learn an additive bias per output (default True).',
    },
  },
};
