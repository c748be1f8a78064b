import { z } from 'zod';
import { ok } from '../../result';
import { MAX_INT } from '../fields';
import { fmtShape } from '../pyrepr';
import type { LayerSpec } from '../spec';

const msg = 'must be a list of positive integers, per sample without the batch dimension (e.g. [1, 28, 28])';
const d = z.number({ error: msg }).int({ error: msg }).min(1, { error: msg }).max(MAX_INT, { error: msg });
const schema = z.strictObject({
  shape: z
    .array(d, { error: msg })
    .min(1, { error: msg })
    .max(6, { error: 'must have at most 6 dimensions' })
    .describe(msg),
});
export type InputParams = z.infer<typeof schema>;

export const input: LayerSpec<InputParams> = {
  type: 'Input',
  category: 'input',
  description: 'A network input; shape is per sample, PyTorch order, without the batch dimension ([1, 28, 28]).',
  inputs: { min: 0, max: 0 },
  schema,
  inferShape: (_inputs, p) => ok(p.shape.slice()),
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `Input(shape=${fmtShape(p.shape)})`,
  summary: (p) => fmtShape(p.shape),
  isModule: false,
  help: {
    summary:
      'The tensor one sample enters the network as, per sample and without the batch dimension N: [1, 28, 28] is one grey 28x28 image, [3, 32, 32] one colour CIFAR image. Every shape below is inferred from it.',
    params: {
      shape:
        'Channels, height, width of one sample (PyTorch order, no batch dim), e.g. [1, 28, 28]. It must match the dataset: MNIST and Fashion-MNIST are [1, 28, 28], CIFAR-10 is [3, 32, 32].',
    },
  },
};
