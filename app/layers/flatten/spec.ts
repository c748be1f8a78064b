import { z } from 'zod';
import { err, ok } from '../../result';
import { dim } from '../fields';
import type { LayerSpec } from '../spec';
import { batchedDim, dimRangeMessage, numel, oneInput } from '../util';

const schema = z.strictObject({
  start_dim: dim().default(1),
  end_dim: dim().default(-1),
});
export type FlattenParams = z.infer<typeof schema>;

export const flatten: LayerSpec<FlattenParams> = {
  type: 'Flatten',
  category: 'reshape',
  description: 'Flattens dims start_dim..end_dim into one (nn.Flatten); dims count the batch dimension as 0.',
  inputs: { min: 1, max: 1 },
  schema,
  inferShape(inputs, p) {
    const x = oneInput(inputs, [0, 1, 2, 3, 4, 5, 6], 'a tensor');
    if (!x.ok) return x;
    const r = x.value.length;
    const s = batchedDim(p.start_dim, r);
    const e = batchedDim(p.end_dim, r);
    if (s === null) return err(`start_dim: ${dimRangeMessage(p.start_dim, r)}; dims count the batch dimension as 0`);
    if (e === null) return err(`end_dim: ${dimRangeMessage(p.end_dim, r)}; dims count the batch dimension as 0`);
    if (s > e) return err(`start_dim (${p.start_dim}) comes after end_dim (${p.end_dim}): swap them`);
    if (s === 0 && e > 0)
      return err('start_dim=0 would flatten the batch dimension into the features: set start_dim to 1');
    if (s === e) return ok(x.value.slice());
    // Work on the batched shape [N, ...x] and drop N again.
    const batched = [1, ...x.value];
    const out = [...batched.slice(0, s), numel(batched.slice(s, e + 1)), ...batched.slice(e + 1)];
    return ok(out.slice(1));
  },
  parameters: () => [],
  buffers: () => [],
  macs: () => 0,
  repr: (_inputs, p) => `Flatten(start_dim=${p.start_dim}, end_dim=${p.end_dim})`,
  summary: (p) => (p.start_dim === 1 && p.end_dim === -1 ? '' : `${p.start_dim}..${p.end_dim}`),
  isModule: true,
  help: {
    summary:
      'Joins dimensions start_dim..end_dim into one: [N, 16, 5, 5] becomes [N, 400], the flat vector a Linear expects. No weights; the values and their order (channel, row, column) are unchanged.',
    params: {
      start_dim: 'First dimension joined, counting the batch as 0 (default 1, so the batch stays).',
      end_dim: 'Last dimension joined (default -1, the last).',
    },
  },
};
