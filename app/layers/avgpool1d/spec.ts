import { z } from 'zod';
import { bool, intOrSingle } from '../fields';
import { pool1dShape } from '../pool1d-common';
import { pyTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';

const schema = z.strictObject({
  kernel_size: intOrSingle(1),
  stride: intOrSingle(1).nullable().default(null),
  padding: intOrSingle(0).default(0),
  ceil_mode: bool().default(false),
  count_include_pad: bool().default(true),
});
export type AvgPool1dParams = z.infer<typeof schema>;

const t = (v: number) => pyTuple([String(v)]);

export const avgPool1d: LayerSpec<AvgPool1dParams> = {
  type: 'AvgPool1d',
  category: 'pool',
  description: '1D average pooling over [C, L] (nn.AvgPool1d); stride defaults to kernel_size.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape: (inputs, p) => pool1dShape(inputs, p),
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  // PyTorch 1.13's AvgPool1d prints only these three, as 1-tuples.
  repr: (_inputs, p) =>
    `AvgPool1d(kernel_size=${t(p.kernel_size)}, stride=${t(p.stride ?? p.kernel_size)}, padding=${t(p.padding)})`,
  summary: (p) =>
    [
      `k${p.kernel_size}`,
      p.stride !== null && p.stride !== p.kernel_size ? `s${p.stride}` : '',
      p.padding !== 0 ? `p${p.padding}` : '',
      p.ceil_mode ? 'ceil' : '',
    ]
      .filter(Boolean)
      .join(', '),
  isModule: true,
  help: {
    summary:
      'Averages each window of kernel_size positions along L, per channel: kernel_size=2 halves the length and smooths. No weights. Output length: floor((L + 2*padding - kernel_size) / stride) + 1.',
    params: {
      kernel_size: 'Window length: how many neighbouring positions are averaged (2 halves L with the default stride).',
      stride: "Step between windows; PyTorch's default is kernel_size (non-overlapping windows).",
      padding: 'Zeros added at each end (default 0); at most half the kernel size.',
      ceil_mode: 'Round the output length up instead of down (default False), so a last partial window still counts.',
      count_include_pad:
        'Whether padded zeros count in the average (default True); False divides by the real elements only.',
    },
  },
};
