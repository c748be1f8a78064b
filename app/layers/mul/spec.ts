import { z } from 'zod';
import { err, ok } from '../../result';
import { fmtShape } from '../pyrepr';
import type { LayerSpec } from '../spec';

const schema = z.strictObject({});
export type MulParams = z.infer<typeof schema>;

export const mul: LayerSpec<MulParams> = {
  type: 'Mul',
  category: 'merge',
  description:
    'Element-wise product `a * b` of 2 tensors, sizes of 1 broadcast (squeeze-excitation: [C, H, W] * [C, 1, 1]).',
  inputs: { min: 2, max: 2 },
  schema,
  inferShape(inputs) {
    if (inputs.length !== 2)
      return err(`needs 2 inputs, has ${inputs.length}: connect ${inputs.length < 2 ? 'another' : 'only two'}`);
    const [a, b] = inputs;
    // Per-sample shapes of different ranks would broadcast against the batch dimension in PyTorch.
    if (a.length !== b.length)
      return err(
        `inputs must have the same number of dims: input 0 is ${fmtShape(a)}, input 1 is ${fmtShape(b)}; reshape one (e.g. [C] to [C, 1, 1] with Unflatten, or keepdim=True on a Mean)`,
      );
    const out: number[] = [];
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i] && a[i] !== 1 && b[i] !== 1)
        return err(
          `The size of tensor a (${a[i]}) must match the size of tensor b (${b[i]}) at non-singleton dimension ${i + 1}: input 0 is ${fmtShape(a)}, input 1 is ${fmtShape(b)}`,
        );
      out.push(a[i] === 1 ? b[i] : a[i]);
    }
    return ok(out);
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: () => 'Mul()',
  summary: () => '×',
  isModule: false,
  help: {
    summary:
      'Multiplies its two inputs element by element (a * b). Sizes of 1 broadcast: each dim must be equal or 1 in one input, and the output takes the larger size. Squeeze-excitation multiplies [C, H, W] by [C, 1, 1] this way, scaling each channel by a gate between 0 and 1 computed from the input itself. No weights of its own.',
    params: {},
  },
};
