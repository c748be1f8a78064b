import { z } from 'zod';
import { bool, intOrPair } from '../fields';
import { poolShape, poolStride } from '../pool-common';
import { pyBool, pyIntOrTuple } from '../pyrepr';
import type { LayerSpec } from '../spec';

const schema = z.strictObject({
  kernel_size: intOrPair(1),
  stride: intOrPair(1).nullable().default(null),
  padding: intOrPair(0).default(0),
  dilation: intOrPair(1).default(1),
  ceil_mode: bool().default(false),
});
export type MaxPool2dParams = z.infer<typeof schema>;

export const maxPool2d: LayerSpec<MaxPool2dParams> = {
  type: 'MaxPool2d',
  category: 'pool',
  description: '2D max pooling over [C, H, W] (nn.MaxPool2d); stride defaults to kernel_size.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape: (inputs, p) => poolShape(inputs, p),
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) =>
    `MaxPool2d(kernel_size=${pyIntOrTuple(p.kernel_size)}, stride=${pyIntOrTuple(poolStride(p))}, padding=${pyIntOrTuple(p.padding)}, ` +
    `dilation=${pyIntOrTuple(p.dilation)}, ceil_mode=${pyBool(p.ceil_mode)})`,
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
      'Keeps the largest value of each kernel_size x kernel_size window of every channel: halves H and W with kernel_size=2, keeps the strongest response and adds tolerance to small shifts. No weights. Output size: floor((H + 2*padding - dilation*(kernel_size-1) - 1) / stride) + 1.',
    params: {
      kernel_size: 'Window size (2 means 2x2).',
      stride:
        "Step between windows; PyTorch's default is kernel_size (non-overlapping windows), so kernel_size=2 halves H and W.",
      padding: 'Implicit -infinity padding on each border (default 0); at most half the kernel size.',
      dilation: "Spacing between the window's elements (default 1).",
      ceil_mode: 'Round the output size up instead of down (default False), so a last partial window still counts.',
    },
  },
};
