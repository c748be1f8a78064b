import { z } from 'zod';
import { bool, intOrSingle } from '../fields';
import { pool1dShape } from '../pool1d-common';
import { pyBool } from '../pyrepr';
import type { LayerSpec } from '../spec';

const schema = z.strictObject({
  kernel_size: intOrSingle(1),
  stride: intOrSingle(1).nullable().default(null),
  padding: intOrSingle(0).default(0),
  dilation: intOrSingle(1).default(1),
  ceil_mode: bool().default(false),
});
export type MaxPool1dParams = z.infer<typeof schema>;

export const maxPool1d: LayerSpec<MaxPool1dParams> = {
  type: 'MaxPool1d',
  category: 'pool',
  description: '1D max pooling over [C, L] (nn.MaxPool1d); stride defaults to kernel_size.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape: (inputs, p) => pool1dShape(inputs, p),
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) =>
    `MaxPool1d(kernel_size=${p.kernel_size}, stride=${p.stride ?? p.kernel_size}, padding=${p.padding}, ` +
    `dilation=${p.dilation}, ceil_mode=${pyBool(p.ceil_mode)})`,
  summary: (p) =>
    [
      `k${p.kernel_size}`,
      p.stride !== null && p.stride !== p.kernel_size ? `s${p.stride}` : '',
      p.padding !== 0 ? `p${p.padding}` : '',
      p.dilation !== 1 ? `d${p.dilation}` : '',
      p.ceil_mode ? 'ceil' : '',
    ]
      .filter(Boolean)
      .join(', '),
  isModule: true,
  help: {
    summary:
      'Keeps the largest value of each window of kernel_size positions along L, per channel: kernel_size=2 halves the length. No weights. Output length: floor((L + 2*padding - dilation*(kernel_size-1) - 1) / stride) + 1.',
    params: {
      kernel_size:
        'Window length: how many neighbouring positions each output looks at (2 halves L with the default stride).',
      stride: "Step between windows; PyTorch's default is kernel_size (non-overlapping windows).",
      padding: 'Implicit -infinity padding at each end (default 0); at most half the kernel size.',
      dilation: "Spacing between the window's elements (default 1).",
      ceil_mode: 'Round the output length up instead of down (default False), so a last partial window still counts.',
    },
  },
};
