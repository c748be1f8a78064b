import { z } from 'zod';
import { err, ok } from '../../result';
import { float, posInt } from '../fields';
import type { LayerSpec } from '../spec';

const schema = z.strictObject({ num_parameters: posInt().default(1), init: float().default(0.25) });
export type PReLUParams = z.infer<typeof schema>;

/** PyTorch's message when the weight count is neither 1 nor the channel count (dim 1). */
const mismatch = (n: number, c: number) =>
  `Mismatch of parameter numbers and input channel size. Found parameter numbers = ${n} and channel size = ${c}.`;

export const prelu: LayerSpec<PReLUParams> = {
  type: 'PReLU',
  category: 'activation',
  description: 'max(0, x) + weight·min(0, x) with a learned slope, one for all channels or one per channel (nn.PReLU).',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = inputs[0];
    if (!x) return err('needs an input; connect one');
    if (p.num_parameters !== 1 && p.num_parameters !== x[0])
      return err(`${mismatch(p.num_parameters, x[0])} Set num_parameters to 1 or ${x[0]}`);
    return ok(x.slice());
  },
  fix(inputs, p) {
    const x = inputs[0];
    if (!x || p.num_parameters === 1 || p.num_parameters === x[0]) return undefined;
    return { kind: 'setParam', param: 'num_parameters', value: x[0], label: `Set num_parameters to ${x[0]}` };
  },
  parameters: (_inputs, p) => [{ name: 'weight', shape: [p.num_parameters], trainable: true }],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `PReLU(num_parameters=${p.num_parameters})`,
  summary: (p) => (p.num_parameters === 1 ? '' : `${p.num_parameters}`),
  isModule: true,
  help: {
    summary:
      'Like LeakyReLU, but the slope for negative inputs is a learned weight: max(0, x) + weight * min(0, x). Shape unchanged; it has num_parameters weights, trained with the rest of the network (PyTorch advises no weight decay on them).',
    params: {
      num_parameters:
        'How many slopes to learn (default 1): 1 shares one slope across all channels; the channel count C (dim 1 of the input) gives each channel its own. Any other value is an error.',
      init: 'Starting value of the slope(s) before training (default 0.25).',
    },
  },
};
