import { z } from 'zod';
import { err, ok } from '../../result';
import { fmtShape } from '../pyrepr';
import type { LayerSpec } from '../spec';

const schema = z.strictObject({});
export type AddParams = z.infer<typeof schema>;

export const add: LayerSpec<AddParams> = {
  type: 'Add',
  category: 'merge',
  description: 'Element-wise sum of 2 or more tensors of the same shape (a residual connection, `x + y`).',
  inputs: { min: 2, max: Infinity },
  schema,
  inferShape(inputs) {
    if (inputs.length < 2) return err(`needs at least 2 inputs, has ${inputs.length}: connect another`);
    const first = inputs[0];
    for (let i = 1; i < inputs.length; i++) {
      const s = inputs[i];
      if (s.length !== first.length || s.some((v, j) => v !== first[j]))
        return err(
          `inputs must have the same shape: input 0 is ${fmtShape(first)}, input ${i} is ${fmtShape(s)}; ` +
            `make them match (e.g. a 1x1 Conv2d with stride on the shortcut)`,
        );
    }
    return ok(first.slice());
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: () => 'Add()',
  summary: () => '+',
  isModule: false,
  help: {
    summary:
      "Adds its inputs element by element; they must have the same shape. This is ResNet's skip connection: out = F(x) + x lets gradients flow past the block, so very deep networks still train.",
    params: {},
  },
};
