import { z } from 'zod';
import { err, ok } from '../../result';
import { dim } from '../fields';
import { fmtShape } from '../pyrepr';
import type { LayerSpec } from '../spec';
import { batchedDim, dimRangeMessage } from '../util';

const schema = z.strictObject({ dim: dim().default(1) });
export type ConcatParams = z.infer<typeof schema>;

export const concat: LayerSpec<ConcatParams> = {
  type: 'Concat',
  category: 'merge',
  description: 'Joins tensors along dim (torch.cat); dim counts the batch dimension as 0, so 1 is channels.',
  inputs: { min: 1, max: Infinity },
  schema,
  inferShape(inputs, p) {
    if (inputs.length < 1) return err('needs at least 1 input: connect one');
    const first = inputs[0];
    const r = first.length;
    const d = batchedDim(p.dim, r);
    if (d === null)
      return err(`dim: ${dimRangeMessage(p.dim, r)}; dims count the batch dimension as 0 (1 is channels)`);
    if (d === 0) return err('dim=0 would concatenate along the batch dimension: set dim to 1 (channels)');
    const axis = d - 1;
    let total = 0;
    for (let i = 0; i < inputs.length; i++) {
      const s = inputs[i];
      if (s.length !== r)
        return err(
          `inputs must have the same number of dimensions: input 0 is ${fmtShape(first)}, input ${i} is ${fmtShape(s)}`,
        );
      for (let j = 0; j < r; j++) {
        if (j !== axis && s[j] !== first[j])
          return err(
            `sizes must match except in dim ${d}, but dim ${j + 1} differs: input 0 is ${fmtShape(first)}, input ${i} is ${fmtShape(s)}; ` +
              `resize one input or change dim`,
          );
      }
      total += s[axis];
    }
    const out = first.slice();
    out[axis] = total;
    return ok(out);
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `Concat(dim=${p.dim})`,
  summary: (p) => (p.dim === 1 ? '' : `dim=${p.dim}`),
  isModule: false,
  help: {
    summary:
      'Joins its inputs along dim (torch.cat): with dim=1, channels are stacked, as in DenseNet and GoogLeNet. All other dimensions must agree.',
    params: {
      dim: 'Dimension joined, counting the batch as 0 (default 1, the channels).',
    },
  },
};
