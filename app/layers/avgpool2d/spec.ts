import { z } from 'zod';
import { err } from '../../result';
import { bool, intOrPair } from '../fields';
import { poolShape, poolStride } from '../pool-common';
import { pyIntOrTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';

const divisor = z
  .number({ error: 'must be a non-zero integer or empty' })
  .int({ error: 'must be a non-zero integer or empty' })
  .min(-(2 ** 31), { error: 'must be a non-zero integer or empty' })
  .max(2 ** 31 - 1, { error: 'must be a non-zero integer or empty' })
  .describe('must be a non-zero integer or empty');

const schema = z.strictObject({
  kernel_size: intOrPair(1),
  stride: intOrPair(1).nullable().default(null),
  padding: intOrPair(0).default(0),
  ceil_mode: bool().default(false),
  count_include_pad: bool().default(true),
  divisor_override: divisor.nullable().default(null),
});
export type AvgPool2dParams = z.infer<typeof schema>;

export const avgPool2d: LayerSpec<AvgPool2dParams> = {
  type: 'AvgPool2d',
  category: 'pool',
  description: '2D average pooling over [C, H, W] (nn.AvgPool2d); stride defaults to kernel_size.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    if (p.divisor_override === 0)
      return err('divisor_override must not be zero: leave it empty or give a positive divisor');
    return poolShape(inputs, { ...p, dilation: 1 });
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) =>
    `AvgPool2d(kernel_size=${pyIntOrTuple(p.kernel_size)}, stride=${pyIntOrTuple(poolStride(p))}, padding=${pyIntOrTuple(p.padding)})`,
  summary: (p) => {
    const k = pyIntOrTuple(p.kernel_size);
    const s = pyIntOrTuple(poolStride(p));
    return [
      `k${k}`,
      s !== k ? `s${s}` : '',
      p.padding !== 0 ? `p${pyIntOrTuple(p.padding)}` : '',
      p.ceil_mode ? 'ceil' : '',
    ]
      .filter(Boolean)
      .join(', ');
  },
  isModule: true,
  help: {
    summary:
      'Averages each kernel_size x kernel_size window of every channel: a smoother down-sampling than max pooling. No weights. Output size as for MaxPool2d: floor((H + 2*padding - kernel_size) / stride) + 1.',
    params: {
      kernel_size: 'Window size (2 means 2x2).',
      stride: 'Step between windows; the default is kernel_size (non-overlapping).',
      padding: 'Zeros added on each border (default 0); at most half the kernel size.',
      ceil_mode: 'Round the output size up instead of down (default False).',
      count_include_pad: "Whether padded zeros count in the average's divisor (default True).",
      divisor_override: 'Divide every window sum by this number instead of the window size (default None).',
    },
  },
};
